"""Typed cell readers: a record's cell text → typed values, each problem worded once as an issue.

``TabCheck`` words the issues of one tab (its place comes from the record and the column);
``RowCheck`` reads one record's values — counts, durations, prices, dates, times, booleans,
labels, lists of labels, lists of days — raising a warning (the default is kept) or rejecting
the row (a required value missing or invalid), the same way for every tab and every source.
Each typed reader (``read_count``, ``read_date``…) is a pure function of the cell's text giving a
``Cell``: the value and its ``Finding``s, worded without the place; ``RowCheck.read`` keeps what it
made of each distinct text of a column for the tab, and raises the findings at every row that
holds that text (a column of 150,000 registrations holds a few hundred distinct dates).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from forum_data import fr
from forum_data.issues import Issue
from forum_data.model import Settings
from forum_data.privacy import redact
from forum_data.reading import Record, TabReading
from forum_data.schema import Labels
from forum_data.values import (parse_bool, parse_count, parse_date, parse_day_list, parse_minutes, parse_number,
                               parse_time, split_list)

SHOWN_LENGTH = 80


def shown(value: str) -> str:
    """A cell value as quoted in a message: one line, at most 80 characters, personal data masked."""
    one_line = " ".join(redact(value).split())
    return one_line if len(one_line) <= SHOWN_LENGTH else one_line[: SHOWN_LENGTH - 1] + "…"


_MATCHES: dict[int, tuple[Labels, dict[str, str | None]]] = {}


def _match(labels: Labels, text: str) -> str | None:
    """``labels.match(text)``, memoised per label list (the same few values fill whole columns)."""
    entry = _MATCHES.get(id(labels))
    if entry is None or entry[0] is not labels:
        entry = _MATCHES[id(labels)] = (labels, {})  # holding ``labels`` keeps its id unique
    known = entry[1]
    try:
        return known[text]
    except KeyError:
        if len(known) >= 1 << 14:
            known.clear()
        slug = known[text] = labels.match(text)
        return slug


def _choices(labels: Labels) -> str:
    return ", ".join(labels.names.get(s, s) for s in labels.slugs)


class TabCheck:
    """Words the issues of one tab, the same way for every column and every source."""

    def __init__(self, reading: TabReading):
        self.reading = reading
        self.slug = reading.tab.slug
        self.issues: list[Issue] = []
        # What each reader made of each distinct text of a column (``RowCheck.read``), with the
        # reader's options; bounded by the tab: one entry per distinct text.
        self.memos: dict[tuple[str, Callable], tuple[tuple, dict[str, Cell]]] = {}

    def add(self, record: Record | None, column: str | None, severity: str, code: str, text: str,
            value: str | None = None) -> None:
        """An issue at ``record`` (None: the whole tab) and ``column``, whose problem is ``text``."""
        is_personal = column is not None and self.reading.tab.column(column).personal
        ref = record.ref if record else None
        letter = self.reading.letters.get(column) if column else None
        self.issues.append(Issue(
            sheet=self.slug,
            row=ref.row if ref else None,
            column=column,
            severity=severity,
            code=code,
            problem=text,
            value=None if is_personal or value is None else redact(value),
            cell=f"{letter}{ref.row}" if letter and ref and ref.row else None,
            entry=ref.entry if ref else None,
            url=ref.url if ref else None,
            header=self.reading.header(column) if column else None,
            tab_title=self.reading.sheet.title,
        ))


class Finding(NamedTuple):
    """A problem of a cell's text, whatever its row: it ``rejects`` the row, or only warns."""

    rejects: bool
    code: str
    text: str
    value: str | None = None


class Cell(NamedTuple):
    """What a typed reader makes of a cell's text: its value, and its findings (usually none)."""

    value: object
    findings: tuple[Finding, ...] = ()


def _invalid(code: str, text: str, raw: str, required: bool, note: str = "La case est ignorée.") -> Finding:
    """An unreadable value: a required one rejects the row, an optional one is ignored with ``note``."""
    return Finding(True, code, text, raw) if required else Finding(False, code, f"{text} {note}", raw)


def _missing(required: bool, text: str) -> Cell:
    """A blank cell: nothing, or the row rejected when the value is required."""
    return Cell(None, (Finding(True, "missing_value", f"cette case obligatoire est vide. {text}"),) if required else ())


# The typed readers: pure functions of a cell's text (and of the reader's options), so that
# ``RowCheck`` reads each distinct text of a column once per tab and raises the findings at each row.

def read_count(raw: str, required: bool, positive: bool) -> Cell:
    """A whole count.

    >>> read_count("30 places", False, True)
    Cell(value=30, findings=(Finding(rejects=False, code='number_from_text', text='« 30 places » contient du texte : 30 est retenu. Écrivez seulement le nombre.', value='30 places'),))
    """
    if not raw:
        return _missing(required, "Écrivez un nombre entier, par exemple 30.")
    parsed = parse_count(raw, positive=positive)
    if parsed.value is None:
        hint = "supérieur à 0" if positive else "positif ou nul"
        if parse_number(raw).code is None and parse_number(raw).value is not None:
            text = f"« {shown(raw)} » n'est pas un nombre entier {hint}. Écrivez par exemple 30."
        else:
            text = f"« {shown(raw)} » n'est pas un nombre. Écrivez un nombre entier, par exemple 30."
        return Cell(None, (_invalid("invalid_number", text, raw, required),))
    if parsed.code == "number_from_text":
        return Cell(parsed.value, (Finding(False, "number_from_text",
                                           f"« {shown(raw)} » contient du texte : {parsed.value} est retenu. Écrivez seulement le nombre.", raw),))
    return Cell(parsed.value)


def read_minutes(raw: str) -> Cell:
    parsed = parse_minutes(raw)
    if parsed.value is None and raw:
        return Cell(None, (Finding(False, "invalid_number",
                                   f"« {shown(raw)} » n'est pas une durée. Écrivez un nombre de minutes, par exemple 90. La case est ignorée.", raw),))
    if parsed.code == "number_from_text":
        return Cell(parsed.value, (Finding(False, "number_from_text",
                                           f"« {shown(raw)} » contient du texte : {parsed.value} minutes sont retenues. Écrivez seulement le nombre de minutes.", raw),))
    return Cell(parsed.value)


def read_price(text: str) -> Cell:
    raw = text.replace("€", "").replace("euros", "").replace("euro", "").strip()
    if not raw:
        return Cell(None)
    parsed = parse_number(raw)
    if parsed.value is None or parsed.value < 0:
        return Cell(None, (Finding(False, "invalid_number",
                                   f"« {shown(text)} » n'est pas un prix. Écrivez un nombre, par exemple 25 ou 12,50. La case est ignorée.", text),))
    if parsed.code == "number_from_text":
        return Cell(parsed.value, (Finding(False, "number_from_text",
                                           f"« {shown(text)} » contient du texte : {parsed.value} est retenu. Écrivez seulement le prix.", text),))
    return Cell(parsed.value)


def read_date(raw: str, settings: Settings, weekdays: tuple[date, ...], required: bool, note: str) -> Cell:
    if not raw:
        return _missing(required, f"Écrivez une date, par exemple {fr.edition(settings).date}.")
    parsed = parse_date(raw, year=settings.year, weekdays=weekdays)
    if parsed.value is None:
        text = f"« {shown(raw)} » n'est pas une date. Écrivez-la jour d'abord, par exemple {fr.edition(settings).date} ou {fr.edition(settings).long_date}."
        return Cell(None, (_invalid("invalid_date", text, raw, required, note),))
    return Cell(parsed.value)


def read_time(raw: str, required: bool) -> Cell:
    """A time of day, in minutes since midnight."""
    if not raw:
        return _missing(required, "Écrivez une heure, par exemple 9h30.")
    parsed = parse_time(raw)
    if parsed.value is None:
        text = f"« {shown(raw)} » n'est pas une heure. Écrivez par exemple 9h30 ou 14:00."
        return Cell(None, (_invalid("invalid_time", text, raw, required),))
    return Cell(parsed.value.hour * 60 + parsed.value.minute)


def read_items(raw: str) -> Cell:
    """The items of a free list (``vidéoprojecteur, sono``): never a problem."""
    return Cell(tuple(split_list(raw)))


def read_boolean(raw: str) -> Cell:
    parsed = parse_bool(raw)
    if parsed.code:
        return Cell(parsed.value, (Finding(False, "unknown_value",
                                           f"« {shown(raw)} » n'est ni oui ni non : la valeur « non » est retenue. Écrivez oui ou non.", raw),))
    return Cell(parsed.value)


def _blank_is_missing(labels: Labels) -> Finding:
    return Finding(False, "missing_value",
                   f"case vide : « {labels.names[labels.fallback]} » est retenu. Choisissez parmi : {_choices(labels)}.")


def read_label(raw: str, labels: Labels, blank_is_missing: bool) -> Cell:
    if not raw and blank_is_missing:
        return Cell(labels.fallback, (_blank_is_missing(labels),))
    slug = _match(labels, raw)
    if slug is None:
        if not raw:
            return Cell(labels.fallback)
        fallback = labels.names.get(labels.fallback) if labels.fallback else None
        kept = f"« {fallback} » est retenu" if fallback else "la ligne est gardée mais n'est pas comptée"
        return Cell(labels.fallback, (Finding(False, "unknown_value",
                                              f"« {shown(raw)} » n'est pas une valeur connue : {kept}. Choisissez parmi : {_choices(labels)}.", raw),))
    return Cell(slug)


def read_label_list(raw: str, labels: Labels, blank_is_missing: bool) -> Cell:
    if not raw:
        return Cell((labels.fallback,), (_blank_is_missing(labels),)) if blank_is_missing else Cell(())
    found: list[str] = []
    findings: list[Finding] = []
    for item in split_list(raw) or [raw]:
        slug = _match(labels, item)
        if slug is None:
            findings.append(Finding(False, "unknown_value",
                                    f"« {shown(item)} » n'est pas une valeur connue : « {labels.names.get(labels.fallback, labels.fallback)} » "
                                    f"est retenu. Choisissez parmi : {_choices(labels)}.", item))
            slug = labels.fallback
        if slug and slug not in found:
            found.append(slug)
    return Cell(tuple(found), tuple(findings))


def read_day_list(raw: str, allowed: tuple[date, ...], settings: Settings, what: str) -> Cell:
    """The dates of a day or night list; None for a blank cell (the caller's default applies)."""
    days = parse_day_list(raw, allowed=allowed, year=settings.year)
    findings = []
    if days.invalid:
        items = ", ".join(f"« {shown(i)} »" for i in days.invalid)
        findings.append(Finding(False, "invalid_date",
                                f"{items} : date illisible, ignorée. Écrivez les {what} séparés par des virgules, "
                                f"par exemple « {', '.join(fr.numeric_day(d) for d in allowed) or fr.edition(settings).date} » ou « les deux ».", raw))
    if days.outside:
        items = ", ".join(f"« {shown(i)} »" for i in days.outside)
        findings.append(Finding(False, "outside_event",
                                f"{items} : hors des {what} du forum ({', '.join(fr.numeric_day(d) for d in allowed)}), ignoré. "
                                "Corrigez la date ou effacez-la.", raw))
    if days.dates is not None and not days.dates and days.invalid and not days.outside:
        return Cell(None, tuple(findings))  # nothing readable: the default applies, as for a blank cell
    return Cell(days.dates, tuple(findings))


class RowCheck:
    """Reads the typed values of one record, raising issues as it goes."""

    def __init__(self, check: TabCheck, record: Record):
        self.check = check
        self.record = record
        self.cells = record.cells
        self.memos = check.memos
        self.rejected = False

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def warn(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.check.add(self.record, column, "warning", code, text, value)

    def reject(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.rejected = True
        self.check.add(self.record, column, "error", code, text + " La ligne est ignorée.", value)

    def read(self, column: str, reader: Callable[..., Cell], *options) -> object:
        """``reader(text, *options)`` on this row's cell of ``column``, its findings raised at this row.

        The readers are pure: each distinct text of a column is read once per tab (``TabCheck.memos``);
        other options (Paramètres reads its dates in the year found so far) start the column's memo anew.
        """
        raw = self.cells.get(column, "")
        entry = self.memos.get((column, reader))
        if entry is None or entry[0] != options:
            entry = self.memos[(column, reader)] = (options, {})
        cell = entry[1].get(raw)
        if cell is None:
            cell = entry[1][raw] = reader(raw, *options)
        for finding in cell.findings:
            if finding.rejects:
                self.reject(column, finding.code, finding.text, finding.value)
            else:
                self.warn(column, finding.code, finding.text, finding.value)
        return cell.value

    def required_text(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.reject(column, "missing_value", "cette case obligatoire est vide. Remplissez-la.")
        return value

    def count(self, column: str, *, required: bool = False, positive: bool = False) -> int | None:
        return self.read(column, read_count, required, positive)

    def minutes(self, column: str) -> int | None:
        return self.read(column, read_minutes)

    def price(self, column: str) -> Decimal | None:
        return self.read(column, read_price)

    def date(self, column: str, settings: Settings, *, weekdays: tuple[date, ...] = (), required: bool = False,
             note: str = "La case est ignorée.") -> date | None:
        return self.read(column, read_date, settings, weekdays, required, note)

    def time(self, column: str, *, required: bool = False) -> int | None:
        return self.read(column, read_time, required)

    def boolean(self, column: str) -> bool:
        return self.read(column, read_boolean)

    def items(self, column: str) -> tuple[str, ...]:
        return self.read(column, read_items)

    def label(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> str | None:
        return self.read(column, read_label, labels, blank_is_missing)

    def label_list(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> tuple[str, ...]:
        return self.read(column, read_label_list, labels, blank_is_missing)

    def day_list(self, column: str, allowed: tuple[date, ...], settings: Settings, *, what: str) -> tuple[date, ...] | None:
        """The dates of a day or night list; None for a blank cell (the caller's default applies)."""
        return self.read(column, read_day_list, allowed, settings, what)
