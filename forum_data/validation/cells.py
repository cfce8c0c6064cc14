"""Typed cell readers: a record's cell text → typed values, each problem worded once as an issue.

``TabCheck`` words the issues of one tab (its place comes from the record and the column);
``RowCheck`` reads one record's values — counts, durations, prices, dates, times, booleans,
labels, lists of labels, lists of days — raising a warning (the default is kept) or rejecting
the row (a required value missing or invalid), the same way for every tab and every source.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

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


class RowCheck:
    """Reads the typed values of one record, raising issues as it goes."""

    def __init__(self, check: TabCheck, record: Record):
        self.check = check
        self.record = record
        self.rejected = False

    def text(self, column: str) -> str:
        return self.record.get(column)

    def warn(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.check.add(self.record, column, "warning", code, text, value)

    def reject(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.rejected = True
        self.check.add(self.record, column, "error", code, text + " La ligne est ignorée.", value)

    def invalid(self, column: str, code: str, text: str, raw: str, *, required: bool,
                note: str = "La case est ignorée.") -> None:
        """An unreadable value: a required one rejects the row, an optional one is ignored with ``note``."""
        if required:
            self.reject(column, code, text, raw)
        else:
            self.warn(column, code, f"{text} {note}", raw)

    def required_text(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.reject(column, "missing_value", "cette case obligatoire est vide. Remplissez-la.")
        return value

    def count(self, column: str, *, required: bool = False, positive: bool = False) -> int | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", "cette case obligatoire est vide. Écrivez un nombre entier, par exemple 30.")
            return None
        parsed = parse_count(raw, positive=positive)
        if parsed.value is None:
            hint = "supérieur à 0" if positive else "positif ou nul"
            if parse_number(raw).code is None and parse_number(raw).value is not None:
                text = f"« {shown(raw)} » n'est pas un nombre entier {hint}. Écrivez par exemple 30."
            else:
                text = f"« {shown(raw)} » n'est pas un nombre. Écrivez un nombre entier, par exemple 30."
            self.invalid(column, "invalid_number", text, raw, required=required)
            return None
        if parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(raw)} » contient du texte : {parsed.value} est retenu. Écrivez seulement le nombre.", raw)
        return parsed.value

    def minutes(self, column: str) -> int | None:
        raw = self.text(column)
        parsed = parse_minutes(raw)
        if parsed.value is None and raw:
            self.warn(column, "invalid_number",
                      f"« {shown(raw)} » n'est pas une durée. Écrivez un nombre de minutes, par exemple 90. La case est ignorée.", raw)
        elif parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(raw)} » contient du texte : {parsed.value} minutes sont retenues. Écrivez seulement le nombre de minutes.", raw)
        return parsed.value

    def price(self, column: str) -> Decimal | None:
        raw = self.text(column).replace("€", "").replace("euros", "").replace("euro", "").strip()
        if not raw:
            return None
        parsed = parse_number(raw)
        if parsed.value is None or parsed.value < 0:
            self.warn(column, "invalid_number",
                      f"« {shown(self.text(column))} » n'est pas un prix. Écrivez un nombre, par exemple 25 ou 12,50. La case est ignorée.",
                      self.text(column))
            return None
        if parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(self.text(column))} » contient du texte : {parsed.value} est retenu. Écrivez seulement le prix.",
                      self.text(column))
        return parsed.value

    def date(self, column: str, settings: Settings, *, weekdays: tuple[date, ...] = (), required: bool = False,
             note: str = "La case est ignorée.") -> date | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", f"cette case obligatoire est vide. Écrivez une date, par exemple {fr.edition(settings).date}.")
            return None
        parsed = parse_date(raw, year=settings.year, weekdays=weekdays)
        if parsed.value is None:
            text = f"« {shown(raw)} » n'est pas une date. Écrivez-la jour d'abord, par exemple {fr.edition(settings).date} ou {fr.edition(settings).long_date}."
            self.invalid(column, "invalid_date", text, raw, required=required, note=note)
        return parsed.value

    def time(self, column: str, *, required: bool = False) -> int | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", "cette case obligatoire est vide. Écrivez une heure, par exemple 9h30.")
            return None
        parsed = parse_time(raw)
        if parsed.value is None:
            text = f"« {shown(raw)} » n'est pas une heure. Écrivez par exemple 9h30 ou 14:00."
            self.invalid(column, "invalid_time", text, raw, required=required)
            return None
        return parsed.value.hour * 60 + parsed.value.minute

    def boolean(self, column: str) -> bool:
        raw = self.text(column)
        parsed = parse_bool(raw)
        if parsed.code:
            self.warn(column, "unknown_value",
                      f"« {shown(raw)} » n'est ni oui ni non : la valeur « non » est retenue. Écrivez oui ou non.", raw)
        return parsed.value

    def label(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> str | None:
        raw = self.text(column)
        if not raw and blank_is_missing:
            self.warn(column, "missing_value",
                      f"case vide : « {labels.names[labels.fallback]} » est retenu. Choisissez parmi : {_choices(labels)}.")
            return labels.fallback
        slug = _match(labels, raw)
        if slug is None:
            if not raw:
                return labels.fallback
            fallback = labels.names.get(labels.fallback) if labels.fallback else None
            kept = f"« {fallback} » est retenu" if fallback else "la ligne est gardée mais n'est pas comptée"
            self.warn(column, "unknown_value",
                      f"« {shown(raw)} » n'est pas une valeur connue : {kept}. Choisissez parmi : {_choices(labels)}.", raw)
            return labels.fallback
        return slug

    def label_list(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> tuple[str, ...]:
        raw = self.text(column)
        if not raw:
            if blank_is_missing:
                self.warn(column, "missing_value",
                          f"case vide : « {labels.names[labels.fallback]} » est retenu. Choisissez parmi : {_choices(labels)}.")
                return (labels.fallback,)
            return ()
        found: list[str] = []
        for item in split_list(raw) or [raw]:
            slug = _match(labels, item)
            if slug is None:
                self.warn(column, "unknown_value",
                          f"« {shown(item)} » n'est pas une valeur connue : « {labels.names.get(labels.fallback, labels.fallback)} » "
                          f"est retenu. Choisissez parmi : {_choices(labels)}.", item)
                slug = labels.fallback
            if slug and slug not in found:
                found.append(slug)
        return tuple(found)

    def day_list(self, column: str, allowed: tuple[date, ...], settings: Settings, *, what: str) -> tuple[date, ...] | None:
        """The dates of a day or night list; None for a blank cell (the caller's default applies)."""
        raw = self.text(column)
        days = parse_day_list(raw, allowed=allowed, year=settings.year)
        if days.invalid:
            items = ", ".join(f"« {shown(i)} »" for i in days.invalid)
            self.warn(column, "invalid_date",
                      f"{items} : date illisible, ignorée. Écrivez les {what} séparés par des virgules, "
                      f"par exemple « {', '.join(fr.numeric_day(d) for d in allowed) or fr.edition(settings).date} » ou « les deux ».", raw)
        if days.outside:
            items = ", ".join(f"« {shown(i)} »" for i in days.outside)
            self.warn(column, "outside_event",
                      f"{items} : hors des {what} du forum ({', '.join(fr.numeric_day(d) for d in allowed)}), ignoré. "
                      "Corrigez la date ou effacez-la.", raw)
        if days.dates is not None and not days.dates and days.invalid and not days.outside:
            return None  # nothing readable: the default applies, as for a blank cell
        return days.dates
