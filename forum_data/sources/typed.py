"""Typed cells → the text the reading layer expects (sources/base.py): one way for every spreadsheet source.

A date cell becomes ISO text, a time ``HH:MM``, a whole number has no ``.0``, a percentage keeps
its sign: so that no locale can turn 3 July into 7 March, and 12 reads as 12 whatever the file.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal


def format_number(value: float | int | Decimal | str) -> str:
    """A number as ``12`` or ``12.5``: dot, no exponent, no float noise (15 significant digits).

    >>> format_number(12.0), format_number(0.1 + 0.2), format_number("1E-05"), format_number(1e16)
    ('12', '0.3', '0.00001', '10000000000000000')
    """
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = Decimal(f"{value:.15g}")
    elif isinstance(value, str):
        value = Decimal(value.strip())
        value = Decimal(f"{value:.15g}") if value.adjusted() < 15 else value
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def format_percent(value: float | Decimal | str) -> str:
    """A percentage as people read it: ``0.1`` -> ``"10 %"``.

    >>> format_percent(0.1), format_percent("0.125")
    ('10 %', '12.5 %')
    """
    number = Decimal(value) if isinstance(value, str) else Decimal(f"{value:.15g}")
    return f"{format_number(number * 100)} %"


def format_datetime(value: dt.datetime | dt.date) -> str:
    """A date as ``2024-07-03``, a date-time as ``2024-07-03 14:33:05`` (midnight: the date).

    >>> format_datetime(dt.datetime(2024, 7, 3, 14, 33, 4, 999_999))
    '2024-07-03 14:33:05'
    >>> format_datetime(dt.datetime(2024, 7, 3)), format_datetime(dt.date(2024, 7, 3))
    ('2024-07-03', '2024-07-03')
    """
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    value = _round_seconds(value)
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M:%S")


def format_time(value: dt.time | dt.timedelta) -> str:
    """A time of day, or a duration, as ``HH:MM``.

    >>> format_time(dt.time(9, 30)), format_time(dt.timedelta(hours=26, minutes=5))
    ('09:30', '26:05')
    """
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    else:
        seconds = value.total_seconds()
    minutes = int(round(seconds) // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _round_seconds(value: dt.datetime) -> dt.datetime:
    # Spreadsheets store times as fractions of a day: 14:33:05 may come back as 14:33:04.999999.
    if value.microsecond >= 500_000:
        value += dt.timedelta(seconds=1)
    return value.replace(microsecond=0)
