"""``python -m forum_data plan salles``: the JSON of plans.md, the French table, the exit codes."""
import json

import pytest

from tests.builders import write_csv_workbook
from tests.cli import run

PLACED_KEYS = ["title", "leader", "day", "start", "end", "room", "attendance", "capacity", "on_wished_day"]


def test_plan_salles_json_on_the_sample():
    proc = run("plan", "salles", "--json")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)                 # nothing else on stdout (no solver banner)
    assert list(plan) == ["plan", "slots", "placed", "unplaced", "objective", "optimal", "solve_seconds"]
    assert plan["plan"] == "salles"
    assert plan["slots"] == [{"start": "09:30", "end": "11:00"}, {"start": "11:00", "end": "12:30"},
                             {"start": "14:00", "end": "15:30"}, {"start": "16:00", "end": "17:30"}]
    assert all(list(p) == PLACED_KEYS for p in plan["placed"])
    # By hand: 7 retained proposals lack a session; « Fab lab » needs electrical sockets, which only the
    # non-reservable hall has. Of the 6 others only « Aller vers les jeunes en ligne » has a wished day
    # (3 July: Salle B 001 is free at 9 h 30 and 14 h, 20 empty seats); « Énergie citoyenne » needs a
    # sono (Amphi B, 180 places: 140); « Le droit à l'erreur » (30) fits Salle B 002 exactly; the
    # Coop'Armor workshop (15) takes Salle B 002 too (15); two have no attendance: 175 in all.
    assert plan["objective"] == {"placed": 6, "on_wished_day": 1, "empty_seats": 175}
    assert plan["optimal"] is True and isinstance(plan["solve_seconds"], float)
    assert [(u["title"], u["leader"], u["code"]) for u in plan["unplaced"]] == [
        ("Fab lab et école : bricoler pour apprendre", "Hugo Pellen", "no_room")]
    young = next(p for p in plan["placed"] if p["title"] == "Aller vers les jeunes en ligne")
    assert (young["day"], young["room"], young["attendance"], young["capacity"], young["on_wished_day"]) == \
        ("2024-07-03", "Salle B 001", 20, 40, True)
    assert young["start"] in ("09:30", "14:00") and young["end"] == {"09:30": "11:00", "14:00": "15:30"}[young["start"]]
    unknown = [p for p in plan["placed"] if p["attendance"] is None]
    assert sorted(p["title"] for p in unknown) == ["Bibliothèques, troisièmes lieux ?",
                                                   "Les SCIC culturelles, un modèle pour les lieux ?"]


def test_plan_salles_text_is_a_french_table():
    proc = run("plan", "salles")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Planning proposé pour les propositions retenues — 6 propositions placées sur 7")
    assert lines[2].split() [:4] == ["Jour", "Horaire", "Salle", "Places"]
    assert "Non placées (1) :" in lines
    assert any(line.startswith("- « Fab lab et école : bricoler pour apprendre » (Hugo Pellen) — aucune salle : ")
               for line in lines)


def test_plan_with_no_time_left_is_still_a_plan_not_proven(tmp_path):
    proc = run("plan", "salles", "--json", "--seconds", "0")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert plan["optimal"] is False and plan["objective"]["placed"] == len(plan["placed"])


def test_plan_on_a_workbook_with_nothing_to_place(tmp_path):
    folder = write_csv_workbook(tmp_path / "classeur", {"Salles": [["Salle", "Capacité"], ["A", "30"]]})
    proc = run("plan", "salles", str(folder), "--json")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert (plan["placed"], plan["unplaced"], plan["optimal"]) == ([], [], True)
    assert plan["objective"] == {"placed": 0, "on_wished_day": 0, "empty_seats": 0}


@pytest.mark.parametrize("args", [("plan", "salles", "/nulle/part"), ("plan", "salles", "/nulle/part", "--json")])
def test_plan_on_an_unreadable_source_is_exit_2_and_one_french_line(args):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "introuvable" in proc.stderr


def test_an_unknown_plan_is_refused_in_french():
    proc = run("plan", "cantine")
    assert proc.returncode == 2 and proc.stderr == "Plan inconnu : « cantine ». Plans possibles : salles, hebergement.\n"
