"""``python -m forum_data plan hebergement``: exit codes, the JSON of docs/interface.md, the French table."""
import json

import pytest

from tests.builders import write_csv_workbook
from tests.cli import run
from tests.schemas import errors

KEYS = ["plan", "placed", "unplaced", "offers", "objective", "per_night_bound", "optimal", "solve_seconds"]


def test_plan_hebergement_json_on_the_sample():
    proc = run("plan", "hebergement", "--json")
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert list(document) == KEYS and document["plan"] == "hebergement"
    assert document["objective"] == {"pmr_placed": 2, "guest_nights": 42, "confirmed_guest_nights": 24,
                                     "guests_placed": 25}
    assert document["per_night_bound"] == {"2024-07-02": 25, "2024-07-03": 23}
    assert document["optimal"] is True and document["solve_seconds"] < 1
    assert len(document["placed"]) == 25 and [u["code"] for u in document["unplaced"]] == ["full"] * 5
    assert {tuple(p) for p in document["placed"]} == {("guest", "offer", "nights", "pmr")}
    assert {tuple(u) for u in document["unplaced"]} == {("guest", "nights", "pmr", "code", "message")}
    assert {tuple(o) for o in document["offers"]} == {("offer", "type", "status", "places", "accessible",
                                                        "guests_by_night")}
    assert len(document["offers"]) == 18        # 20 rows, one complet and one retiré left out
    assert errors("plan-hebergement", document) == []


def test_plan_hebergement_json_on_a_small_folder(tmp_path):
    folder = write_csv_workbook(tmp_path / "classeur", {
        "Participants": [["Nom", "Prénom", "Email", "Hébergement", "Nuits", "PMR"],
                         ["Martin", "Alice", "alice@example.org", "oui", "les deux nuits", ""],
                         ["Coat", "Yann", "yann@example.org", "oui", "3 juillet", "oui"]],
        "Hébergements": [["Nom", "Type", "Places", "Nuits", "Accessible PMR", "Statut", "Téléphone"],
                         ["Chez Soizic", "chez l'habitant", "2", "", "non", "confirmé", "06 11 22 33 44"]]})
    proc = run("plan", "hebergement", str(folder), "--json", "--seconds", "5")
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert document["placed"] == [{"guest": "Alice Martin", "offer": "Chez Soizic",
                                   "nights": ["2024-07-02", "2024-07-03"], "pmr": False}]
    assert document["unplaced"] == [{
        "guest": "Yann Coat", "nights": ["2024-07-03"], "pmr": True, "code": "no_accessible_offer",
        "message": "Aucune offre accessible (PMR) n'est disponible la nuit du 3 au 4 juillet."}]
    assert document["offers"] == [{"offer": "Chez Soizic", "type": "habitant", "status": "confirme", "places": 2,
                                   "accessible": False, "guests_by_night": {"2024-07-02": 1, "2024-07-03": 1}}]
    assert "06 11" not in proc.stdout
    assert errors("plan-hebergement", document) == []


def test_plan_hebergement_text_is_a_french_table():
    proc = run("plan", "hebergement")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Plan d'hébergement"
    assert lines[2].startswith("25 personnes logées sur 30 sans changer de lieu entre deux nuits (2 PMR sur 3)")
    assert any(line.split()[:4] == ["Auberge", "de", "jeunesse", "du"] and line.split()[-2:] == ["5/5", "5/5"]
               for line in lines)
    assert "Sans place (5)" in lines


def test_plan_with_no_participants_tab_still_makes_a_plan(tmp_path):
    folder = write_csv_workbook(tmp_path / "c", {"Collectif": [["Nom", "Statut"], ["Ana", "actif"]]})
    proc = run("plan", "hebergement", str(folder), "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["placed"] == []


@pytest.mark.parametrize("args, start", [
    (["plan", "hebergement", "/nonexistent/classeur.xlsx", "--json"], "Source introuvable"),
    (["plan", "hebergement", "--seconds", "-1"], "python -m forum_data plan : argument --seconds: durée invalide"),
    (["plan", "hebergement", "--seconds", "dix"], "python -m forum_data plan : argument --seconds: durée invalide"),
    (["plan", "repas"], "Plan inconnu : « repas »"),
])
def test_plan_bad_arguments_or_source_exit_2_with_one_line(args, start):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(start) and proc.stderr.count("\n") == 1


def test_plan_with_no_time_left_is_still_a_plan_not_proven_optimal():
    proc = run("plan", "hebergement", "--json", "--seconds", "0")
    assert proc.returncode == 0
    document = json.loads(proc.stdout)
    assert document["optimal"] is False and errors("plan-hebergement", document) == []
