"""French values, table-driven: every form workbook.md lists, plus the blank and the broken case."""
import re
import unicodedata
from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_data import schema

from forum_data.values import (parse_bool, parse_count, parse_date, parse_day_list, parse_minutes, parse_number,
                               parse_rate, parse_time, split_list)

DAYS = (date(2024, 7, 3), date(2024, 7, 4))
NIGHTS = (date(2024, 7, 2), date(2024, 7, 3))


@pytest.mark.parametrize("text, value, code", [
    ("12", Decimal("12"), None),
    (" 12 ", Decimal("12"), None),
    ("12.0", Decimal("12.0"), None),
    ("12,5", Decimal("12.5"), None),
    ("1 200", Decimal("1200"), None),
    ("1\u00a0200", Decimal("1200"), None),
    ("1\u202f200", Decimal("1200"), None),
    ("30 places", Decimal("30"), "number_from_text"),
    ("env. 30", Decimal("30"), "number_from_text"),
    ("~30", Decimal("30"), "number_from_text"),
    ("20-30", None, "invalid_number"),
    ("20 à 30", None, "invalid_number"),
    ("trente", None, "invalid_number"),
    ("", None, None),
    ("   ", None, None),
])
def test_parse_number(text, value, code):
    assert parse_number(text) == (value, code)


@pytest.mark.parametrize("text, positive, value, code", [
    ("25 places", True, 25, "number_from_text"),
    ("0", False, 0, None),
    ("0", True, None, "invalid_number"),
    ("-3", False, None, "invalid_number"),
    ("2,5", False, None, "invalid_number"),
    ("1 200", True, 1200, None),
])
def test_parse_count(text, positive, value, code):
    assert parse_count(text, positive=positive) == (value, code)


@pytest.mark.parametrize("text, minutes, code", [
    ("90", 90, None), ("90 min", 90, "number_from_text"), ("1h30", 90, "number_from_text"),
    ("2 h", 120, "number_from_text"), ("1 h 45", 105, "number_from_text"), ("env. 45", 45, "number_from_text"),
    ("60-90", None, "invalid_number"),
])
def test_parse_minutes(text, minutes, code):
    assert parse_minutes(text) == (minutes, code)


@pytest.mark.parametrize("text, rate", [
    ("10 %", Decimal("0.1")), ("10", Decimal("0.1")), ("0,1", Decimal("0.1")), ("18%", Decimal("0.18")),
    ("12,5 %", Decimal("0.125")), ("0", Decimal("0")),
])
def test_parse_rate(text, rate):
    assert parse_rate(text) == (rate, None)


@pytest.mark.parametrize("text", ["150 %", "beaucoup", ""])
def test_parse_rate_invalid(text):
    assert parse_rate(text).value is None


@pytest.mark.parametrize("text, value", [
    ("oui", True), ("Oui", True), ("o", True), ("yes", True), ("y", True), ("vrai", True), ("true", True),
    ("x", True), ("X", True), ("1", True),
    ("non", False), ("n", False), ("no", False), ("faux", False), ("false", False), ("0", False), ("", False),
    ("  ", False),
])
def test_parse_bool(text, value):
    assert parse_bool(text) == (value, None)


def test_parse_bool_unknown_is_non_with_warning():
    assert parse_bool("peut-être") == (False, "unknown_value")


@pytest.mark.parametrize("text", [
    "2024-07-03", "03/07/2024", "3/7/24", "03-07-2024", "03.07.2024", "3 juillet 2024", "3 juillet",
    "mercredi 3 juillet", "03/07", "03/07/2024 14:33:05", "2024-07-03 09:12:00", "3 Juillet 2024", "03 juil. 2024",
    "mercredi",
])
def test_parse_date_every_listed_form(text):
    assert parse_date(text, year=2024, weekdays=DAYS) == (date(2024, 7, 3), None)


@pytest.mark.parametrize("text, value", [
    ("12/02/2024 14:33:05", date(2024, 2, 12)),   # what forms write: day first, always
    ("01/03/2024", date(2024, 3, 1)),
    ("1er mars", date(2024, 3, 1)),
    ("nuit du 2 au 3 juillet", date(2024, 7, 2)),
])
def test_parse_date_day_first(text, value):
    assert parse_date(text, year=2024).value == value


@pytest.mark.parametrize("text", ["31/02/2024", "13/13/2024", "demain", "vendredi", "2024-02-30"])
def test_parse_date_invalid(text):
    assert parse_date(text, year=2024, weekdays=DAYS) == (None, "invalid_date")


def test_parse_date_missing_year_is_forum_year():
    assert parse_date("4 juillet", year=2025).value == date(2025, 7, 4)


@pytest.mark.parametrize("text, value", [
    ("9h", time(9)), ("9h30", time(9, 30)), ("9 h 30", time(9, 30)), ("09:30", time(9, 30)), ("9:30", time(9, 30)),
    ("14h00", time(14)), ("14:30:00", time(14, 30)), ("14H15", time(14, 15)),
])
def test_parse_time(text, value):
    assert parse_time(text) == (value, None)


@pytest.mark.parametrize("text", ["14h7O", "25h", "9h75", "midi"])
def test_parse_time_invalid(text):
    assert parse_time(text) == (None, "invalid_time")


def test_split_list_separators_and_trimming():
    assert split_list(" culture ,numérique;ESS\nparticipation, ") == ["culture", "numérique", "ESS", "participation"]


@pytest.mark.parametrize("text, allowed, dates", [
    ("3 et 4 juillet", DAYS, DAYS),
    ("3, 4 juillet", DAYS, DAYS),
    ("03/07/2024; 04/07/2024", DAYS, DAYS),
    ("les deux", DAYS, DAYS),
    ("tous", DAYS, DAYS),
    ("2 jours", DAYS, DAYS),
    ("oui", DAYS, DAYS),
    ("mercredi", DAYS, (date(2024, 7, 3),)),
    ("jeudi 4 juillet", DAYS, (date(2024, 7, 4),)),
    ("nuit du 2 au 3 juillet", NIGHTS, (date(2024, 7, 2),)),
    ("2 juillet", NIGHTS, (date(2024, 7, 2),)),
    ("les deux nuits", NIGHTS, NIGHTS),
    ("toutes les nuits", NIGHTS, NIGHTS),
    ("mardi", NIGHTS, (date(2024, 7, 2),)),
    ("nuit du 2 au 3 juillet et nuit du 3 au 4 juillet", NIGHTS, NIGHTS),
])
def test_parse_day_list(text, allowed, dates):
    assert parse_day_list(text, allowed=allowed, year=2024).dates == dates


def test_parse_day_list_outside_event_ignored():
    days = parse_day_list("5 juillet, 3 juillet", allowed=DAYS, year=2024)
    assert (days.dates, days.outside) == ((date(2024, 7, 3),), ("5 juillet",))


def test_parse_day_list_all_outside_means_none():
    days = parse_day_list("1er et 2 juillet", allowed=DAYS, year=2024)
    assert (days.dates, days.outside) == ((), ("1 juillet", "2 juillet"))


def test_parse_day_list_blank_is_none():
    assert parse_day_list("  ", allowed=DAYS, year=2024).dates is None


@given(st.text(alphabet=st.characters(codec=None), max_size=30))
def test_normalize_strips_every_combining_mark_as_the_definition_says(text):
    # The definition of schema.normalize, spelt out character by character: NFKD, drop combining marks.
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(schema._LIGATURES))
    by_definition = re.sub(r"[^0-9a-z]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()
    assert schema.normalize(text) == by_definition


@pytest.mark.parametrize("text, normalized", [
    ("Créée à Brest", "creee a brest"),
    ("x\u0301\u20d0\ufe20y", "xy"),            # combining marks from three Unicode blocks
    ("Fête 🎉 coopérative", "fete cooperative"),
])
def test_normalize_drops_accents_and_symbols(text, normalized):
    assert schema.normalize(text) == normalized
