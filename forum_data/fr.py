"""French formatting through babel: numbers (``1 234``), percents (``87 %``), dates, times.

>>> from datetime import date
>>> number(1234), percent(0.87), day(date(2024, 7, 3)), night(date(2024, 7, 2))
('1\\u202f234', '87\\xa0%', 'mercredi 3 juillet 2024', 'nuit du 2 au 3 juillet')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"


@lru_cache(maxsize=1 << 12)
def number(value, decimals: int = 0) -> str:
    """``1234`` → ``1 234`` (narrow no-break space), ``2.5`` with decimals=1 → ``2,5``.

    Memoised: babel takes ≈ 0.1 ms a call, and a page writes the same few figures hundreds of times.
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


@lru_cache(maxsize=1 << 12)
def percent(value: float, decimals: int = 0) -> str:
    """``0.87`` → ``87 %``."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(value, format=pattern, locale=LOCALE)


@lru_cache(maxsize=1 << 10)
def day(value: date, *, year: bool = True) -> str:
    """``mercredi 3 juillet 2024`` (or without the year)."""
    return format_date(value, "EEEE d MMMM y" if year else "EEEE d MMMM", locale=LOCALE)


def short_day(value: date) -> str:
    """``3 juillet`` (``1er juillet`` on the first)."""
    text = format_date(value, "d MMMM", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if value.day == 1 else text


def on_day(value: date, year: int | None = None) -> str:
    """``le 18 mars`` (``le 1er mars``); the year is added when it is not ``year``.

    >>> on_day(date(2024, 3, 1)), on_day(date(2025, 3, 18), 2024)
    ('le 1er mars', 'le 18 mars 2025')
    """
    text = short_day(value)
    return f"le {text}" if year is None or value.year == year else f"le {text} {value.year}"


def night(value: date) -> str:
    """The night named by its evening: ``nuit du 2 au 3 juillet``."""
    after = value + timedelta(days=1)
    start = f"{value.day}" if value.month == after.month else short_day(value)
    return f"nuit du {start} au {short_day(after)}"


def clock(value: datetime | int) -> str:
    """``10 h 42`` from a datetime, or from minutes since midnight."""
    hours, minutes = (value.hour, value.minute) if isinstance(value, datetime) else divmod(int(value), 60)
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 place``, ``2 places``, ``0 place`` (French: 0 and 1 take the singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count)} {word}"


def seconds(value: float) -> str:
    """``20 secondes``, ``1,5 seconde`` (French: below 2, singular).

    >>> seconds(20), seconds(1.5), seconds(0.3)
    ('20 secondes', '1,5 seconde', '0,3 seconde')
    """
    text = format_decimal(value, format="#,##0.##", locale=LOCALE)
    return f"{text} {'seconde' if abs(value) < 2 else 'secondes'}"


#: The forum's name; its edition (the year) comes from the workbook's « Jours du forum ».
FORUM_NAME = "Forum des usages coopératifs"


@dataclass(frozen=True)
class Edition:
    """What a reader sees of the edition: its title, and the dates that messages give as examples."""

    year: int
    title: str          # « Forum des usages coopératifs 2026 »
    date: str           # « 03/07/2026 »: the first forum day, as a volunteer types it
    long_date: str      # « 3 juillet 2026 »
    weekday: str        # « vendredi 3 juillet »
    dates: str          # « 03/07/2026, 04/07/2026 »: every forum day
    night: str          # « nuit du 2 au 3 juillet »: the first night
    evening: str        # « 2 juillet »: the same night named by its evening


@lru_cache(maxsize=64)
def edition(settings, year: int | None = None) -> Edition:
    """The edition of a workbook's ``Settings`` (its ``days``, ``nights`` and ``year``).

    Every title, heading and example date a user reads comes from here, so that a workbook
    whose Paramètres say ``Jours du forum: 03/07/2026, 04/07/2026`` reads 2026 everywhere.
    ``year``, when the settings are still being read, moves their dates to that year.

    >>> from forum_data.model import Settings
    >>> e = edition(Settings(days=(date(2026, 7, 3), date(2026, 7, 4)), nights=(date(2026, 7, 2),)))
    >>> e.title, e.date, e.long_date, e.weekday, e.dates, e.night, e.evening
    ('Forum des usages coopératifs 2026', '03/07/2026', '3 juillet 2026', 'vendredi 3 juillet', \
'03/07/2026, 04/07/2026', 'nuit du 2 au 3 juillet', '2 juillet')
    >>> edition(Settings(), year=2026).dates
    '03/07/2026, 04/07/2026'
    """
    year = year or settings.year
    days = tuple(_in_year(d, year) for d in settings.days) or (date(year, 7, 3),)
    evening = _in_year(settings.nights[0], year) if settings.nights else days[0] - timedelta(days=1)
    return Edition(
        year=year, title=f"{FORUM_NAME} {year}", date=numeric_day(days[0]),
        long_date=f"{short_day(days[0])} {days[0].year}", weekday=day(days[0], year=False),
        dates=", ".join(numeric_day(d) for d in days), night=night(evening), evening=short_day(evening))


def _in_year(value: date, year: int) -> date:
    return value if value.year == year else value.replace(year=year, day=min(value.day, 28 if value.month == 2 else 31))


def numeric_day(value: date) -> str:
    """``03/07/2026``: a date as volunteers type it in the workbook."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
