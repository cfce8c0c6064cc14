"""The JSON the command line writes, held to the JSON Schemas the repository ships
(forum_data/schemas/, draft 2020-12, described in docs/interface.md), and to the report's
invariants that a schema cannot say (read = used + rejected, one entry per night and day…).

These tests stand in for an outside checker: a clone of the repository alone runs them.
"""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from tests.builders import EDITION_2026, write_csv_workbook
from tests.cli import KEYS, run
from tests.schemas import errors, schema

NAMES = ["report", "plan-salles", "plan-hebergement"]


def report_json(*args) -> dict:
    proc = run("report", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def sample_report() -> dict:
    return report_json()


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_a_valid_draft_2020_12_schema(name):
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema(name))


def test_report_schema_requires_every_key_of_the_contract():
    report = schema("report")
    assert report["required"] == KEYS
    assert report["properties"]["settings"]["required"] == ["threshold", "deadline", "days", "nights", "no_show_rate"]
    assert report["$defs"]["issue"]["required"] == ["sheet", "row", "column", "severity", "code", "message"]


def invariants(report: dict) -> list[str]:
    """What the contract says of the figures beyond their shape (docs/interface.md)."""
    problems = []
    c, s = report["collective"], report["settings"]
    if c["viable"] != (c["active"] >= c["threshold"]) or c["missing"] != max(0, c["threshold"] - c["active"]):
        problems.append("collective: viable/missing disagree with active and threshold")
    if sum(report["proposals"]["by_format"].values()) != report["proposals"]["total"]:
        problems.append("proposals.by_format does not add up to total")
    if sorted(report["lodging"]["by_night"]) != sorted(s["nights"]):
        problems.append("lodging.by_night: not one entry per event night")
    if sorted(report["meals"]["by_day"]) != sorted(s["days"]):
        problems.append("meals.by_day: not one entry per forum day")
    problems += [f"lodging {night}: covered > need" for night, v in report["lodging"]["by_night"].items()
                 if v["covered"] > v["need"]]
    problems += [f"rows.{tab}: read != used + rejected" for tab, v in report["rows"].items()
                 if v["read"] != v["used"] + v["rejected"]]
    return problems


def test_sample_report_matches_its_schema(sample_report):
    assert errors("report", sample_report) == []
    assert invariants(sample_report) == []
    assert sample_report["issues"]   # the sample has issues: their shape is checked too


@pytest.mark.parametrize("workbook", ["edition 2026", "empty template", "one tab only"])
def test_other_workbooks_reports_match_the_schema(tmp_path, workbook):
    if workbook == "edition 2026":
        source = write_csv_workbook(tmp_path / "classeur", EDITION_2026)
    elif workbook == "empty template":
        source = tmp_path / "vide.xlsx"
        assert run("template", str(source)).returncode == 0
    else:
        source = write_csv_workbook(tmp_path / "classeur", {"Salles": [["Salle", "Capacité"], ["Amphi", "trente"]]})
    report = report_json(str(source))
    assert errors("report", report) == []
    assert invariants(report) == []


# A broken report, one fault at a time: the schema must name it.
BREAKAGES = [
    ("a required key missing", lambda r: r.pop("meals"), "'meals' is a required property"),
    ("a slug missing from a breakdown", lambda r: r["proposals"]["by_theme"].pop("ess"), "'ess' is a required property"),
    ("a slug that is not one", lambda r: r["proposals"]["by_format"].update(Atelier=1), "'Atelier' is not one of"),
    ("a French date", lambda r: r["settings"].update(deadline="31/03/2024"), "does not match"),
    ("a night keyed by a French date", lambda r: r["lodging"]["by_night"].update({"2 juillet": r["lodging"]["by_night"].popitem()[1]}),
     "does not match"),
    ("a count as text", lambda r: r["collective"].update(active="21"), "'21' is not of type 'integer'"),
    ("a negative count", lambda r: r["rooms"].update(overbooked=-1), "-1 is less than the minimum of 0"),
    ("a rate as a percent", lambda r: r["settings"].update(no_show_rate=10), "10 is greater than or equal to the maximum of 1"),
    ("an unknown tab", lambda r: r["rows"].update(ateliers={"read": 0, "used": 0, "rejected": 0}), "'ateliers' is not one of"),
    ("an undocumented issue code", lambda r: r["issues"][0].update(code="oops"), "'oops' is not one of"),
    ("a row number zero", lambda r: r["issues"][0].update(row=0), "0 is not valid under any of the given schemas"),
    ("a column as its French header", lambda r: r["issues"][0].update(column="Date d'inscription"),
     "is not valid under any of the given schemas"),
    ("a generated_at without offset", lambda r: r.update(generated_at="2024-03-12T10:00:00"), "does not match"),
]


@pytest.mark.parametrize("what, breakage, words", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_schema_names_what_breaks_a_report(sample_report, what, breakage, words):
    broken = copy.deepcopy(sample_report)
    breakage(broken)
    found = errors("report", broken)
    assert len(found) == 1 and words in found[0], found


def test_report_example_of_the_contract_matches():
    example = {
        "source": "Google Sheets « Forum »", "generated_at": "2024-03-12T10:00:00+01:00",
        "settings": {"threshold": 20, "deadline": "2024-03-31", "days": ["2024-07-03", "2024-07-04"],
                     "nights": ["2024-07-02", "2024-07-03"], "no_show_rate": 0.1},
        "collective": {"active": 18, "interested": 3, "withdrawn": 1, "threshold": 20, "viable": False, "missing": 2},
        "partners": {"total": 9, "by_status": {"pressenti": 2, "contacte": 3, "confirme": 4, "decline": 0}},
        "proposals": {"total": 31,
                      "by_theme": {"culture": 8, "ess": 7, "transitions": 9, "participation": 6, "numerique": 5, "autre": 1},
                      "by_format": {"forum_ouvert": 14, "conference": 2, "atelier": 12, "table_ronde": 2, "autre": 1},
                      "by_status": {"proposee": 10, "retenue": 12, "programmee": 9, "annulee": 2}},
        "rooms": {"rooms": 8, "sessions": 24, "overbooked": 2, "conflicts": 1, "max_load": 1.25},
        "lodging": {"by_night": {"2024-07-02": {"need": 21, "offered": 25, "covered": 20, "coverage": 0.952}}},
        "meals": {"by_day": {"2024-07-03": {"registered": 140, "forecast": 126,
                                            "diets": {"omnivore": 90, "vegetarien": 35, "vegan": 10, "sans_gluten": 4,
                                                      "sans_porc": 3, "halal": 2, "autre": 1}, "allergies": 6}}},
        "rows": {"collectif": {"read": 24, "used": 22, "rejected": 2}},
        "issues": [{"sheet": "activites", "row": None, "column": "titre", "severity": "error", "code": "missing_value",
                    "message": "Fiche « Atelier42 », champ « Titre » : cette case obligatoire est vide.",
                    "entry": "Atelier42", "url": "https://wiki.example.org/?Atelier42"}],
    }
    assert errors("report", example) == []


# --------------------------------------------------------------------------- plans

ROOM_PLAN = {
    "plan": "salles", "slots": [{"start": "09:30", "end": "11:00"}, {"start": "11:00", "end": "12:30"}],
    "placed": [{"title": "Forum ouvert : la ville en commun", "leader": "Ti Kreiz", "day": "2024-07-03",
                "start": "09:30", "end": "11:00", "room": "Amphi A", "attendance": 40, "capacity": 300,
                "on_wished_day": True},
               {"title": "Atelier vélo", "leader": "", "day": "2024-07-04", "start": "11:00", "end": "12:00",
                "room": "Salle 12", "attendance": None, "capacity": 20, "on_wished_day": False}],
    "unplaced": [{"title": "Grande conférence", "leader": "Réseau", "code": "no_room",
                  "message": "aucune salle de 200 places avec vidéoprojecteur ; la plus grande qui en a un compte 120 places"}],
    "objective": {"placed": 2, "on_wished_day": 1, "empty_seats": 260}, "optimal": True, "solve_seconds": 0.4,
}
LODGING_PLAN = {
    "plan": "hebergement",
    "placed": [{"guest": "Alice Martin", "offer": "Chez Soizic", "nights": ["2024-07-02", "2024-07-03"], "pmr": False}],
    "unplaced": [{"guest": "Bob", "nights": ["2024-07-03"], "pmr": True, "code": "no_accessible_offer",
                  "message": "aucune offre accessible la nuit du 3 au 4 juillet"}],
    "offers": [{"offer": "Chez Soizic", "type": "habitant", "status": "confirme", "places": 2, "accessible": False,
                "guests_by_night": {"2024-07-02": 1, "2024-07-03": 1}}],
    "objective": {"pmr_placed": 0, "guest_nights": 2, "confirmed_guest_nights": 2, "guests_placed": 1},
    "per_night_bound": {"2024-07-02": 2, "2024-07-03": 1}, "optimal": False, "solve_seconds": 10.0,
}
PLAN_BREAKAGES = [
    ("plan-salles", "a time with seconds", lambda p: p["placed"][0].update(start="09:30:00"), "does not match"),
    ("plan-salles", "an unknown reason", lambda p: p["unplaced"][0].update(code="full"), "'full' is not one of"),
    ("plan-salles", "no objective", lambda p: p.pop("objective"), "'objective' is a required property"),
    ("plan-salles", "the other plan's name", lambda p: p.update(plan="hebergement"), "'salles' was expected"),
    ("plan-hebergement", "a stay with no night", lambda p: p["placed"][0].update(nights=[]), "should be non-empty"),
    ("plan-hebergement", "an offer's status not counted", lambda p: p["offers"][0].update(status="complet"),
     "'complet' is not one of"),
    ("plan-hebergement", "a bound keyed by a French night", lambda p: p["per_night_bound"].update({"nuit du 2 au 3": 1}),
     "does not match"),
    ("plan-hebergement", "optimal as text", lambda p: p.update(optimal="oui"), "'oui' is not of type 'boolean'"),
]
EXAMPLES = {"plan-salles": ROOM_PLAN, "plan-hebergement": LODGING_PLAN}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_plan_examples_match_their_schema(name):
    assert errors(name, EXAMPLES[name]) == []


@pytest.mark.parametrize("name, what, breakage, words", PLAN_BREAKAGES, ids=[b[1] for b in PLAN_BREAKAGES])
def test_schema_names_what_breaks_a_plan(name, what, breakage, words):
    broken = copy.deepcopy(EXAMPLES[name])
    breakage(broken)
    found = errors(name, broken)
    assert len(found) == 1 and words in found[0], found


@pytest.mark.parametrize("plan", ["salles", "hebergement"])
def test_plan_json_on_the_sample_matches_its_schema(plan):
    proc = run("plan", plan, "--json", "--seconds", "20")
    assert proc.returncode == 0, proc.stderr
    assert errors(f"plan-{plan}", json.loads(proc.stdout)) == []
