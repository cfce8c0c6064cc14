"""The dashboard's pages, declared once: slug, title, icon, the tabs each reads, who may open it.

The frame (dashboard.py) builds its navigation from this list; bench/ and the tests take the
slugs, titles and addresses from it. No streamlit here, so that anything can import it.

>>> [page.slug for page in PAGES][:2], PAGES_BY_SLUG["salles"].path
(['faisabilite', 'propositions'], '/salles')
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: ``pages/<slug>.py``, its menu title and icon, the workbook tabs it reads.

    ``default``: the home page (served at ``/``); ``quality_only``: only for roles that may see
    the data-quality details (``Role.quality``).
    """

    slug: str
    title: str
    icon: str
    tabs: tuple[str, ...]
    default: bool = False
    quality_only: bool = False

    @property
    def file(self) -> str:
        return f"pages/{self.slug}.py"

    @property
    def path(self) -> str:
        """The page's address below the dashboard's base URL."""
        return "/" if self.default else f"/{self.slug}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("faisabilite", "Faisabilité", ":material/how_to_reg:", ("collectif", "partenaires", "activites"),
             default=True),
    PageSpec("propositions", "Propositions", ":material/lightbulb:", ("activites", "planning")),
    PageSpec("salles", "Salles", ":material/meeting_room:", ("salles", "planning", "activites")),
    PageSpec("hebergement", "Hébergement", ":material/bed:", ("participants", "hebergements")),
    PageSpec("ville", "Ville", ":material/restaurant:", ("participants", "planning")),
    PageSpec("qualite", "Qualité des données", ":material/rule:", (), quality_only=True),
)

PAGES_BY_SLUG = {page.slug: page for page in PAGES}
