"""The whole pipeline: source → reading → validation → a ``Forum`` ready for figures.

>>> forum = load_forum()            # the configured source, else the bundled sample
>>> forum.rows["collectif"].used > 0
True
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from forum_data.issues import Issue
from forum_data.model import RowCount, Settings, Tables
from forum_data.reading import TabReading, read_tab, tab_slug
from forum_data.schema import TABS
from forum_data.errors import SourceError
from forum_data.sources.base import RawWorkbook
from forum_data.validation import VALIDATORS, missing_tab_problem, unusable

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class SheetInfo:
    """Where a tab was found: its title as typed, Google Sheets gid, origin (wiki) and column letters."""

    title: str
    gid: str | None
    origin: str | None
    letters: dict[str, str]


@dataclass(frozen=True)
class Forum:
    """Validated tables, issues and row counts of one read, plus where it came from and when.

    ``fingerprint`` (``RawWorkbook.fingerprint``, when the reader asked for it) names the content
    read: a source read again unchanged gives the same one, whatever ``read_at`` says.
    """

    source: str
    kind: str
    edit_url: str | None
    read_at: datetime
    tables: Tables
    issues: tuple[Issue, ...]
    rows: dict[str, RowCount]
    sheets: dict[str, SheetInfo] = field(default_factory=dict)
    fingerprint: str | None = None

    @property
    def settings(self) -> Settings:
        return self.tables.settings

    def today(self) -> date:
        """The "as of" date: the workbook's date de référence, else today in Europe/Paris."""
        return self.settings.reference_date or datetime.now(PARIS).date()

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.is_error)


def _find_tabs(workbook: RawWorkbook) -> tuple[dict[str, TabReading], list[Issue]]:
    found: dict[str, TabReading] = {}
    issues: list[Issue] = []
    for sheet in workbook.sheets:
        slug = tab_slug(sheet.title)
        if slug is None:
            continue
        if slug in found:
            issues.append(Issue(slug, None, None, "warning", "duplicate",
                                f"un autre onglet « {found[slug].sheet.title} » porte déjà ce nom ; "
                                "seul le premier est lu. Renommez ou supprimez l'un des deux.", tab_title=sheet.title))
            continue
        found[slug] = read_tab(sheet, slug)
    return found, issues


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector while a read builds its many small objects.

    A read allocates hundreds of thousands of records, models and issues, none in a reference
    cycle (reference counting frees the temporary ones); each full collection would walk every
    one of them again, which made a read grow faster than the workbook (at 100× the sample,
    about half the validation time). Collection resumes, and catches up, at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_forum(workbook: RawWorkbook, *, read_at: datetime | None = None, fingerprint: bool = False) -> Forum:
    """Read, validate and gather every tab of ``workbook``; raise SourceError if no tab of the contract is there.

    ``fingerprint=True`` also digests the workbook (``Forum.fingerprint``), for the dashboard.
    """
    with gc_paused():
        return _build_forum(workbook, read_at, workbook.fingerprint() if fingerprint else None)


def _build_forum(workbook: RawWorkbook, read_at: datetime | None, fingerprint: str | None) -> Forum:
    readings, issues = _find_tabs(workbook)
    if not readings:
        titles = ", ".join(f"« {s.title} »" for s in workbook.sheets[:8]) or "aucun onglet"
        raise SourceError(f"Aucun onglet du classeur du forum n'a été trouvé dans {workbook.source} ({titles}). "
                          "Les onglets attendus sont : " + ", ".join(t.title for t in TABS.values()) + ".", reason="read_error")
    rows: dict[str, RowCount] = {}
    settings = Settings()
    done: dict[str, tuple] = {}
    for slug, validate in VALIDATORS.items():     # Paramètres first, each tab after the ones it needs
        reading = readings.get(slug)
        if reading is None:
            issues.append(Issue(slug, None, None, "warning", "missing_sheet", missing_tab_problem(slug)))
            continue
        result = unusable(reading) if reading.missing else validate(reading, settings, done)
        issues.extend(result.issues)
        rows[slug] = result.count
        if slug == "parametres":
            settings = result.rows[0] if result.rows else settings
        else:
            done[slug] = result.rows
    members, partners, proposals, rooms, sessions, participants, offers = (
        done.get(slug, ()) for slug in ("collectif", "partenaires", "activites", "salles", "planning", "participants",
                                        "hebergements"))
    order = {slug: i for i, slug in enumerate(TABS)}
    issues.sort(key=lambda i: (order[i.sheet], i.row is not None, i.row or 0))
    return Forum(
        source=workbook.source, kind=workbook.kind, edit_url=workbook.edit_url,
        read_at=read_at or datetime.now(PARIS),
        tables=Tables(members, partners, proposals, rooms, sessions, participants, offers, settings),
        issues=tuple(issues),
        rows={slug: rows[slug] for slug in TABS if slug in rows},
        sheets={slug: SheetInfo(r.sheet.title, r.sheet.gid, r.sheet.origin, r.letters) for slug, r in readings.items()},
        fingerprint=fingerprint,
    )


def load_forum(spec: str | None = None, *, timeout: float = 20.0, fingerprint: bool = False) -> Forum:
    """Open the source ``spec`` (or the configured one, or the sample) and build the forum."""
    from forum_data.sources import load_workbook

    with gc_paused():
        return build_forum(load_workbook(spec, timeout=timeout), fingerprint=fingerprint)
