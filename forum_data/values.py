"""French cell values: numbers, dates, times, booleans and lists, as volunteers type them.

Each parser takes the cell text and returns a ``Parsed(value, code)``: ``code`` is None when
the text was read cleanly, else the issue code of docs/classeur.md (``number_from_text``,
``invalid_number``, ``invalid_date``…). Parsers never raise and never build messages: the
validation layer words the issue, because only it knows the tab, row and column.

>>> parse_number("1 200,5")
Parsed(value=Decimal('1200.5'), code=None)
>>> parse_number("env. 30")
Parsed(value=Decimal('30'), code='number_from_text')
>>> parse_date("mercredi 3 juillet", year=2024)
Parsed(value=datetime.date(2024, 7, 3), code=None)
>>> parse_time("9 h 30")
Parsed(value=datetime.time(9, 30), code=None)
"""
from __future__ import annotations

import functools
import re
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from forum_data import schema


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """``schema.normalize``, memoised: a workbook repeats the same few cell values thousands of times."""
    return schema.normalize(text)


class Parsed(NamedTuple):
    value: Any
    code: str | None = None


# ---------------------------------------------------------------- numbers

_SPACES = "[ \u00a0\u202f]"
_NUMBER = rf"\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WHOLE_NUMBER = re.compile(rf"^[+-]?(?:{_NUMBER})$")
_NUMBER_IN_TEXT = re.compile(rf"-?(?:{_NUMBER})")


def _to_decimal(token: str) -> Decimal:
    return Decimal(re.sub(_SPACES, "", token).replace(",", "."))


def parse_number(text: str) -> Parsed:
    """A number as the French write it; blank gives ``Parsed(None)``.

    ``12``, ``12,5``, ``1 200`` are clean; one number among words (``30 places``) gives it
    with ``number_from_text``; none or several (``20-30``) give ``invalid_number``.
    """
    raw = text.strip()
    if not raw:
        return Parsed(None)
    if _WHOLE_NUMBER.match(raw):
        return Parsed(_to_decimal(raw))
    found = _NUMBER_IN_TEXT.findall(raw)
    if len(found) == 1:
        # "20-30" splits into "20" and "-30": a range is two numbers, hence invalid. A lone
        # number among words ("env. 30", "~30") is a quantity, never negative.
        return Parsed(_to_decimal(found[0].lstrip("-")), "number_from_text")
    return Parsed(None, "invalid_number")


def parse_count(text: str, *, positive: bool = False) -> Parsed:
    """A whole count ≥ 0 (> 0 when ``positive``); a fraction or a negative is ``invalid_number``."""
    parsed = parse_number(text)
    if parsed.value is None:
        return parsed
    value = parsed.value
    if value != value.to_integral_value() or value < 0 or (positive and value == 0):
        return Parsed(None, "invalid_number")
    return Parsed(int(value), parsed.code)


_DURATION = re.compile(r"^(\d+)\s*h(?:eures?)?\s*(\d{1,2})?(?:\s*(?:min|mn))?$")
_MINUTES = re.compile(r"^(\d+)\s*(?:min|mn|minutes?)$")


def parse_minutes(text: str) -> Parsed:
    """A duration in minutes: ``90`` is clean; ``90 min``, ``1h30``, ``2 h`` are read (as people
    write them) with ``number_from_text``, so the volunteer is told the column wants minutes.
    """
    raw = normalize(text).replace(" ", "") if text.strip() else ""
    if not raw:
        return Parsed(None)
    if m := _DURATION.match(raw):
        return Parsed(int(m[1]) * 60 + int(m[2] or 0), "number_from_text")
    if m := _MINUTES.match(raw):
        return Parsed(int(m[1]), "number_from_text")
    return parse_count(text, positive=True)


def parse_rate(text: str) -> Parsed:
    """A rate as a fraction: ``10 %`` and ``10`` are percents, ``0,1`` is a fraction (below 1 without %)."""
    raw = text.strip()
    has_percent = "%" in raw
    parsed = parse_number(raw.replace("%", ""))
    if parsed.value is None:
        return Parsed(None, parsed.code or "invalid_number")
    value = parsed.value
    if has_percent or value >= 1:
        value = value / 100
    if not 0 <= value < 1:
        return Parsed(None, "invalid_number")
    return Parsed(value, parsed.code)


# ---------------------------------------------------------------- booleans

_TRUE = {"oui", "o", "yes", "y", "vrai", "true", "x", "1"}
_FALSE = {"non", "n", "no", "faux", "false", "0", ""}


def parse_bool(text: str) -> Parsed:
    """``oui/non``, ``o/n``, ``yes/no``, ``y/n``, ``vrai/faux``, ``true/false``, ``x``, ``1/0``; blank = non."""
    key = normalize(text)
    if key in _TRUE:
        return Parsed(True)
    if key in _FALSE:
        return Parsed(False)
    return Parsed(False, "unknown_value")


# ---------------------------------------------------------------- dates

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?:\s+\d{1,2}[:h]\d{2}(?::\d{2})?)?$")
_MONTHS_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDS = re.compile(
    rf"^(?:(?:{'|'.join(WEEKDAYS)})\s+)?(?:nuit\s+)?(?:du\s+)?(\d{{1,2}})(?:er)?"
    rf"(?:\s+au\s+\d{{1,2}}(?:er)?)?\s+({_MONTHS_RE})\.?(?:\s+(\d{{4}}))?(?:\s+.*\d{{1,2}}[:h]\d{{2}}.*)?$")


def _make_date(year: int, month: int, day: int) -> Parsed:
    try:
        return Parsed(date(year, month, day))
    except ValueError:
        return Parsed(None, "invalid_date")


@functools.lru_cache(maxsize=1 << 14)
def parse_date(text: str, *, year: int, weekdays: tuple[date, ...] = ()) -> Parsed:
    """A day-first date; a missing year is ``year``. Blank gives ``Parsed(None)``.

    ``weekdays`` are the dates a weekday name alone may stand for (the forum days, or the
    event nights in a night column): ``mercredi`` is the one falling on a Wednesday.
    ``nuit du 2 au 3 juillet`` is the night of 2 July (nights are named by their evening).
    """
    raw = text.strip()
    if not raw:
        return Parsed(None)
    if m := _ISO.match(raw):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(raw):
        y = year if m[3] is None else int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _make_date(y, int(m[2]), int(m[1]))
    key = normalize(raw)
    if m := _WORDS.match(key):
        return _make_date(int(m[3]) if m[3] else year, MONTHS[m[2]], int(m[1]))
    if key in WEEKDAYS:
        matches = [d for d in weekdays if d.weekday() == WEEKDAYS[key]]
        if len(matches) == 1:
            return Parsed(matches[0])
    return Parsed(None, "invalid_date")


# ---------------------------------------------------------------- times

_TIME = re.compile(r"^(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?::\d{2})?\s*(?:min)?$")


def parse_time(text: str) -> Parsed:
    """``9h``, ``9h30``, ``9 h 30``, ``09:30``, ``14h00``, ``14:30:00``; blank gives ``Parsed(None)``."""
    raw = text.strip().lower()
    if not raw:
        return Parsed(None)
    m = _TIME.match(raw)
    if not m:
        return Parsed(None, "invalid_time")
    hour, minute = int(m[1]), int(m[2] or 0)
    if hour > 23 or minute > 59:
        return Parsed(None, "invalid_time")
    return Parsed(time(hour, minute))


_RANGE = re.compile(r"\s*[-\u2013\u2014]\s*|\s+à\s+")


class SlotList(NamedTuple):
    """The time slots of a ``créneaux`` cell, sorted by start, and the ranges dropped (each with why)."""

    slots: tuple[tuple[int, int], ...]
    dropped: tuple[tuple[str, str], ...] = ()   # (item, "unreadable" | "not_after" | "overlap")


def parse_slots(text: str) -> SlotList:
    """Ranges ``9h30-11h`` (``-``, ``–`` or `` à `` between two times), separated as list items are.

    A range that cannot be read, whose end is not after its start, or that overlaps one kept
    before it in the cell is dropped; the others are sorted by start, in minutes since midnight.

    >>> parse_slots("14h-15h30, 9h30 à 11h; 10h–10h30, 12h-11h")
    SlotList(slots=((570, 660), (840, 930)), dropped=(('10h–10h30', 'overlap'), ('12h-11h', 'not_after')))
    """
    kept: list[tuple[int, int]] = []
    dropped: list[tuple[str, str]] = []
    for item in split_list(text):
        sides = _RANGE.split(item.strip())
        times = [parse_time(side).value for side in sides] if len(sides) == 2 else [None]
        if None in times:
            dropped.append((item, "unreadable"))
            continue
        start, end = (t.hour * 60 + t.minute for t in times)
        if end <= start:
            dropped.append((item, "not_after"))
        elif any(start < b and a < end for a, b in kept):
            dropped.append((item, "overlap"))
        else:
            kept.append((start, end))
    return SlotList(tuple(sorted(kept)), tuple(dropped))


# ---------------------------------------------------------------- lists

_ITEM_SEPARATORS = re.compile(r"[,;\n\r]+")
_DAY_SEPARATORS = re.compile(r"[,;\n\r]+|\s+et\s+")
ALL_WORDS = {"tous", "toutes", "les deux", "2 jours", "les deux jours", "2 nuits", "les deux nuits",
             "toutes les nuits", "oui", "tous les jours", "deux jours", "deux nuits"}


def split_list(text: str) -> list[str]:
    """Items separated by ``,``, ``;`` or a line break, each trimmed, empty ones dropped."""
    return [item.strip() for item in _ITEM_SEPARATORS.split(text) if item.strip()]


class DayList(NamedTuple):
    """A list of event dates read from a cell: the dates kept, and what went wrong."""

    dates: tuple[date, ...] | None  # None: blank cell (the column's default applies)
    invalid: tuple[str, ...] = ()   # items that are no date
    outside: tuple[str, ...] = ()   # dates outside the event, ignored
    is_all: bool = False


@functools.lru_cache(maxsize=1 << 14)
def parse_day_list(text: str, *, allowed: tuple[date, ...], year: int) -> DayList:
    """A list of forum days or event nights: ``3 et 4 juillet``, ``2, 3 juillet``, ``les deux``.

    A bare day number takes the month of the next item that has one. ``allowed`` are the
    event's dates; others are returned in ``outside`` and left out.
    """
    raw = text.strip()
    if not raw:
        return DayList(None)
    if normalize(raw) in ALL_WORDS:
        return DayList(tuple(allowed), is_all=True)
    items = [i.strip() for i in _DAY_SEPARATORS.split(raw) if i.strip()]
    # A bare number ("2" in "2, 3 juillet") borrows the month (and year) of the next item that has one.
    resolved: list[str] = []
    pending: list[str] = []
    for item in items:
        if re.fullmatch(r"(?:du\s+)?\d{1,2}(?:er)?", normalize(item)):
            pending.append(re.sub(r"\D", "", item))
            continue
        tail = _month_tail(item)
        resolved.extend(p + tail if tail else p for p in pending)
        pending = []
        resolved.append(item)
    resolved.extend(pending)
    kept: list[date] = []
    invalid: list[str] = []
    outside: list[str] = []
    for item in resolved:
        parsed = parse_date(item, year=year, weekdays=allowed)
        if parsed.value is None:
            invalid.append(item)
        elif parsed.value not in allowed:
            outside.append(item)
        elif parsed.value not in kept:
            kept.append(parsed.value)
    return DayList(tuple(sorted(kept)), tuple(invalid), tuple(outside))


def _month_tail(item: str) -> str | None:
    """``juillet 2024`` from ``3 juillet 2024``, ``/07/2024`` from ``03/07/2024``: what a bare number borrows."""
    key = normalize(item)
    if m := re.search(rf"\b({_MONTHS_RE})\b(?:\s+(\d{{4}}))?", key):
        return f" {m[1]} {m[2] or ''}".rstrip()
    if m := re.fullmatch(r"\s*\d{1,2}([/.-]\d{1,2}(?:[/.-]\d{2,4})?)\s*", item):
        return m[1]
    return None
