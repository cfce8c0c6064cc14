"""ui/registry.py: the pages declared once — unique slugs, one home page, a file for each, real tabs."""
from __future__ import annotations

from pathlib import Path

import pytest

from forum_data.schema import TABS
from ui.registry import PAGES, PAGES_BY_SLUG

REPO = Path(__file__).resolve().parent.parent


def test_registry_slugs_are_unique_and_in_navigation_order():
    slugs = [page.slug for page in PAGES]
    assert slugs == ["faisabilite", "propositions", "salles", "hebergement", "ville", "qualite"]
    assert len(set(slugs)) == len(slugs)
    assert list(PAGES_BY_SLUG) == slugs and all(PAGES_BY_SLUG[page.slug] is page for page in PAGES)


def test_registry_has_exactly_one_default_page_served_at_the_root():
    assert [page.slug for page in PAGES if page.default] == ["faisabilite"]
    assert [page.path for page in PAGES] == ["/", "/propositions", "/salles", "/hebergement", "/ville", "/qualite"]


def test_registry_quality_page_is_the_only_one_kept_from_some_roles():
    assert [page.slug for page in PAGES if page.quality_only] == ["qualite"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_registry_page_file_exists(page):
    assert page.file == f"pages/{page.slug}.py"
    assert (REPO / page.file).is_file()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_registry_page_reads_only_tabs_of_the_schema(page):
    assert set(page.tabs) <= set(TABS), set(page.tabs) - set(TABS)
    assert len(set(page.tabs)) == len(page.tabs)


def test_registry_titles_are_unique():
    titles = [page.title for page in PAGES]
    assert titles == ["Faisabilité", "Propositions", "Salles", "Hébergement", "Ville", "Qualité des données"]
    assert len(set(titles)) == len(titles)
