"""ui.page: figures built once per read, keyed by the function and its arguments, never by hand."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
import streamlit

from forum_data.forum import load_forum
from forum_data.privacy import ROLES
from ui.context import PageContext
from ui.page import Page, cache_key

BUILT = []


def build(*args):
    BUILT.append(args)
    return list(args)


@pytest.fixture
def page():
    streamlit.cache_resource.clear()
    BUILT.clear()
    yield Page(PageContext(load_forum(), ROLES["comite"], date(2024, 3, 12)))
    streamlit.cache_resource.clear()


def test_cached_builds_once_per_read_and_arguments(page):
    first = page.cached(build, "a", 1)
    assert page.cached(build, "a", 1) is first == ["a", 1]            # the same object, not rebuilt
    assert page.cached(build, "a", 2) == ["a", 2]                     # another argument: another figure
    later = Page(replace(page.context, forum=replace(page.forum, read_at=page.forum.read_at + timedelta(seconds=60))))
    assert later.cached(build, "a", 1) == ["a", 1]                    # the next read of the source
    elsewhere = Page(replace(page.context, forum=replace(page.forum, source="/autre/classeur")))
    assert elsewhere.cached(build, "a", 1) == ["a", 1]
    assert BUILT == [("a", 1), ("a", 2), ("a", 1), ("a", 1)]


def test_cached_keys_the_forum_parts_by_name_and_values_by_content(page):
    rooms = page.tables.rooms
    assert cache_key(page.context, build, (rooms,))[2] == "tables.rooms"
    read_at = page.forum.read_at.isoformat()
    assert cache_key(page.context, build, (page.forum, page.settings))[2] == f"forum@{read_at}|settings"
    same = cache_key(page.context, build, ({"culture": 2},))
    assert same == cache_key(page.context, build, ({"culture": 2},)) != cache_key(page.context, build, ({"culture": 3},))
    assert page.cached(build, rooms[:1]) == [rooms[:1]]               # a slice is a value, keyed by content
    assert page.cached(build, rooms[:2]) == [rooms[:2]]


def test_cached_keeps_figures_while_the_source_reads_the_same(page):
    """Every cache period the source is read again: unchanged content keeps its figures (warm pages)."""
    first = Page(replace(page.context, forum=load_forum(fingerprint=True)))
    again = Page(replace(page.context, forum=load_forum(fingerprint=True)))   # the next period, same sheet
    assert first.forum.fingerprint == again.forum.fingerprint is not None
    assert first.forum.read_at != again.forum.read_at
    assert again.cached(build, again.tables.rooms) is first.cached(build, first.tables.rooms)
    changed = Page(replace(again.context, forum=replace(again.forum, fingerprint="autre contenu")))
    assert changed.cached(build, changed.tables.rooms) is not first.cached(build, first.tables.rooms)
    # The whole forum carries its read time (printed in the city's summary): each read builds its own.
    assert again.cached(build, again.forum) is not first.cached(build, first.forum)
    assert len(BUILT) == 4                          # rooms, changed rooms, each read's forum


def test_cached_refuses_a_lambda(page):
    with pytest.raises(TypeError):
        page.cached(lambda: 1)
