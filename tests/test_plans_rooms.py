"""The room plan (plans.md): small workbooks whose optimum is worked out by hand, one per rule and code."""
from __future__ import annotations

from datetime import date

import pytest

from forum_data.model import DEFAULT_SLOTS
from forum_data.plans.rooms import plan_json, plan_rooms, plan_text, run_length
from forum_data.views import rooms as views
from tests.builders import forum, issues_of

D3, D4 = date(2024, 7, 3), date(2024, 7, 4)
ACTIVITY = ["Titre", "Porteur", "Durée", "Participants attendus", "Jour souhaité", "Besoins", "Statut"]
ROOM = ["Salle", "Capacité", "Accessible PMR", "Équipements", "Jours disponibles", "Réservable"]
SESSION = ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]


def settings(slots="9h-10h, 10h-11h, 14h-15h", days="03/07/2024"):
    return [["Paramètre", "Valeur"], ["Jours du forum", days], ["Créneaux", slots]]


def plan(activities, rooms, sessions=(), **kwargs):
    f = forum(activites=[ACTIVITY, *activities], salles=[ROOM, *rooms], planning=[SESSION, *sessions],
              parametres=settings(**kwargs))
    return plan_rooms(f.tables, seconds=10)


def where(result):
    """Title → (room, day, start, end) as HH:MM text, from the contract's JSON."""
    return {p["title"]: (p["room"], p["day"], p["start"], p["end"]) for p in plan_json(result)["placed"]}


def codes(result):
    return {u.proposal.title: u.code for u in result.unplaced}


# ---------------------------------------------------------------- rule 1: a run of consecutive slots


def test_run_length_counts_the_gaps_between_slots():
    slots = ((540, 600), (600, 660), (840, 900))
    # 10h–15h spans 300 min in two slots (the lunch gap counts); 9h–15h, 360 min, takes all three.
    durations = (None, 30, 60, 61, 120, 121, 300, 301, 360, 361)
    assert [run_length(d, slots) for d in durations] == [1, 1, 1, 2, 2, 2, 2, 3, 3, None]


def test_rule1_a_long_proposal_takes_two_consecutive_slots_and_ends_at_its_duration():
    result = plan([["Long", "Ana", "100", "20", "", "", "retenue"]], [["R", "30", "", "", "", ""]],
                  slots="9h-10h, 10h-11h")
    assert where(result) == {"Long": ("R", "2024-07-03", "09:00", "10:40")}
    assert (result.placed[0].first, result.placed[0].last) == (0, 1)


def test_rule1_a_blank_duration_takes_one_slot_and_ends_with_it():
    result = plan([["Court", "Ana", "", "20", "", "", "retenue"]], [["R", "30", "", "", "", ""]],
                  slots="9h-10h30")
    assert where(result) == {"Court": ("R", "2024-07-03", "09:00", "10:30")}


def test_rule1_the_two_slot_run_leaves_the_third_slot_to_another_proposal():
    # Slots 9–10, 10–11, 14–15, one room: the 120-minute proposal needs two consecutive slots
    # (9–11 or 10–15 across the lunch gap), the 60-minute one any slot left.
    result = plan([["Long", "Ana", "120", "20", "", "", "retenue"], ["Court", "Bea", "60", "20", "", "", "retenue"]],
                  [["R", "30", "", "", "", ""]])
    assert result.objective == (2, 0, 20)
    long, short = (p for p in sorted(result.placed, key=lambda p: p.proposal.title != "Long"))
    assert long.last == long.first + 1 and not long.first <= short.first <= long.last


def test_too_long_when_no_run_of_the_day_is_long_enough():
    result = plan([["Journée", "Ana", "180", "20", "", "", "retenue"]], [["R", "30", "", "", "", ""]],
                  slots="9h-10h, 10h-11h")
    assert codes(result) == {"Journée": "too_long"}
    assert "180 min" in result.unplaced[0].message and "9 h–11 h" in result.unplaced[0].message


# ---------------------------------------------------------------- rule 2: a reservable room, open, big enough


def test_rule2_capacity_picks_the_room_big_enough():
    result = plan([["A", "Ana", "60", "35", "", "", "retenue"]],
                  [["Petite", "20", "", "", "", ""], ["Grande", "50", "", "", "", ""]], slots="9h-10h")
    assert where(result)["A"][0] == "Grande"
    assert result.objective == (1, 0, 15)


def test_rule2_unknown_attendance_takes_any_room():
    result = plan([["A", "Ana", "60", "", "", "", "retenue"]], [["Petite", "5", "", "", "", ""]], slots="9h-10h")
    assert where(result)["A"][0] == "Petite"
    assert plan_json(result)["placed"][0]["attendance"] is None and result.objective == (1, 0, 0)


def test_rule2_a_room_marked_non_reservable_is_never_proposed():
    result = plan([["A", "Ana", "60", "60", "", "", "retenue"]],
                  [["Hall", "200", "oui", "", "", "non"], ["Salle", "40", "", "", "", "oui"]], slots="9h-10h")
    assert codes(result) == {"A": "no_room"}
    message = result.unplaced[0].message
    assert "60 places" in message and "Salle, compte 40 places" in message and "Hall" in message


def test_rule2_a_room_open_on_the_other_day_only():
    result = plan([["A", "Ana", "60", "20", "03/07/2024", "", "retenue"]], [["R", "30", "", "", "4 juillet", ""]],
                  slots="9h-10h", days="03/07/2024, 04/07/2024")
    assert where(result) == {"A": ("R", "2024-07-04", "09:00", "10:00")}
    assert result.objective == (1, 0, 10) and plan_json(result)["placed"][0]["on_wished_day"] is False


# ---------------------------------------------------------------- rule 3: needs, item by item


@pytest.mark.parametrize("needs, expected", [
    ("vidéoprojecteur", "Projo"),
    ("accessible PMR", "Accessible"),
    ("micro", "Projo"),                          # « micros HF » contains « micro »
    ("tables en îlots, espace dégagé", "Petite"),  # free text is not checked: the smallest room
    ("Accès PMR", "Accessible"),
])
def test_rule3_needs_choose_the_room(needs, expected):
    rooms = [["Petite", "25", "non", "paperboard", "", ""], ["Projo", "40", "non", "vidéoprojecteur, micros HF", "", ""],
             ["Accessible", "50", "oui", "", "", ""]]
    result = plan([["A", "Ana", "60", "20", "", needs, "retenue"]], rooms, slots="9h-10h")
    assert where(result)["A"][0] == expected


def test_no_room_names_the_equipment_no_room_has():
    result = plan([["A", "Ana", "60", "20", "", "ordinateurs", "retenue"]], [["R", "30", "oui", "paperboard", "", ""]],
                  slots="9h-10h")
    assert codes(result) == {"A": "no_room"}
    assert "«\u00a0ordinateurs\u00a0»" in result.unplaced[0].message


def test_no_room_names_the_largest_room_with_the_equipment():
    rooms = [["Amphi", "300", "oui", "sono", "", ""], ["Salle", "120", "oui", "vidéoprojecteur", "", ""]]
    result = plan([["Grand", "Ana", "60", "200", "", "vidéoprojecteur", "retenue"]], rooms, slots="9h-10h")
    assert codes(result) == {"Grand": "no_room"}
    assert result.unplaced[0].message.startswith(
        "aucune salle de 200 places avec «\u00a0vidéoprojecteur\u00a0» ; la plus grande qui l'a, Salle, compte 120 places")


# ---------------------------------------------------------------- rule 4: one session per slot of a room


def test_rule4_a_planning_session_blocks_the_slots_it_overlaps():
    # The session 9h30–10h30 overlaps both morning slots: only 14h is left in R.
    result = plan([["A", "Ana", "60", "20", "", "", "retenue"]], [["R", "30", "", "", "", ""]],
                  sessions=[["03/07/2024", "9h30", "10h30", "R", "Plénière", "100"]])
    assert where(result) == {"A": ("R", "2024-07-03", "14:00", "15:00")}


def test_rule4_two_proposals_never_share_a_slot_of_a_room():
    result = plan([["A", "Ana", "60", "20", "03/07/2024", "", "retenue"], ["B", "Bea", "60", "20", "", "", "retenue"]],
                  [["R", "30", "", "", "", ""]], slots="9h-10h")
    assert where(result) == {"A": ("R", "2024-07-03", "09:00", "10:00")}     # the wished day breaks the tie
    assert codes(result) == {"B": "no_free_slot"}
    assert "«\u00a0A\u00a0»" in result.unplaced[0].message


def test_no_free_slot_when_the_planning_holds_every_slot():
    result = plan([["A", "Ana", "60", "20", "", "", "retenue"]], [["R", "30", "", "", "", ""]], slots="9h-10h",
                  sessions=[["03/07/2024", "9h", "10h", "R", "Plénière", "100"]])
    assert codes(result) == {"A": "no_free_slot"} and result.objective == (0, 0, 0)
    assert "R (30 places)" in result.unplaced[0].message


# ---------------------------------------------------------------- rule 5: one porteur, one place


def test_rule5_changes_the_answer_two_proposals_of_one_porteur():
    rooms = [["R1", "30", "", "", "", ""], ["R2", "30", "", "", "", ""]]
    others = plan([["A", "Ana", "60", "20", "", "", "retenue"], ["B", "Bea", "60", "20", "", "", "retenue"]],
                  rooms, slots="9h-10h")
    same = plan([["A", "Ana Le Gall", "60", "20", "", "", "retenue"], ["B", " ana le gall", "60", "20", "", "", "retenue"]],
                rooms, slots="9h-10h")
    assert others.objective == (2, 0, 20)
    assert same.objective == (1, 0, 10) and list(codes(same).values()) == ["no_free_slot"]
    assert "ana le gall anime déjà «\u00a0" in same.unplaced[0].message.lower()


def test_rule5_a_planning_session_of_the_same_porteur_blocks_its_slot():
    activities = [["Déjà", "Ana", "60", "20", "", "", "programmée"], ["A", "Ana", "60", "20", "", "", "retenue"]]
    result = plan(activities, [["R1", "30", "", "", "", ""], ["R2", "30", "", "", "", ""]], slots="9h-10h, 10h-11h",
                  sessions=[["03/07/2024", "9h", "10h", "R1", "Déjà", ""]])
    assert where(result) == {"A": ("R1", "2024-07-03", "10:00", "11:00")} or \
        where(result) == {"A": ("R2", "2024-07-03", "10:00", "11:00")}


def test_blank_porteurs_do_not_clash():
    result = plan([["A", "", "60", "20", "", "", "retenue"], ["B", "", "60", "20", "", "", "retenue"]],
                  [["R1", "30", "", "", "", ""], ["R2", "30", "", "", "", ""]], slots="9h-10h")
    assert result.objective == (2, 0, 20)


# ---------------------------------------------------------------- rule 6 and the objective


def test_the_wished_day_decides():
    # One room, one slot a day: each proposal on its own wished day.
    result = plan([["A", "Ana", "60", "20", "04/07/2024", "", "retenue"], ["B", "Bea", "60", "20", "03/07/2024", "", "retenue"]],
                  [["R", "30", "", "", "", ""]], slots="9h-10h", days="03/07/2024, 04/07/2024")
    assert {t: w[1] for t, w in where(result).items()} == {"A": "2024-07-04", "B": "2024-07-03"}
    assert result.objective == (2, 2, 20)


def test_placing_more_comes_before_the_wished_day():
    result = plan([["A", "Ana", "60", "20", "03/07/2024", "", "retenue"], ["B", "Bea", "60", "20", "03/07/2024", "", "retenue"]],
                  [["R", "30", "", "", "", ""]], slots="9h-10h", days="03/07/2024, 04/07/2024")
    assert result.objective == (2, 1, 20)


def test_a_wished_day_outside_the_forum_never_counts():
    result = plan([["A", "Ana", "60", "20", "05/07/2024", "", "retenue"]], [["R", "30", "", "", "", ""]], slots="9h-10h")
    assert result.objective == (1, 0, 10) and result.placed[0].day == D3


def test_fewest_empty_seats_pairs_each_proposal_with_its_room():
    # 25 → 30 and 45 → 50 leave 5 + 5 = 10 empty seats; any other pairing leaves more (25 → 50: 25).
    result = plan([["A", "Ana", "60", "25", "", "", "retenue"], ["B", "Bea", "60", "45", "", "", "retenue"]],
                  [["R100", "100", "", "", "", ""], ["R50", "50", "", "", "", ""], ["R60", "60", "", "", "", ""],
                   ["R30", "30", "", "", "", ""]], slots="9h-10h")
    assert result.objective == (2, 0, 10)
    assert {t: w[0] for t, w in where(result).items()} == {"A": "R30", "B": "R50"}


# ---------------------------------------------------------------- what the plan places


def test_only_retained_proposals_the_planning_lacks_are_placed():
    activities = [["Au planning", "Ana", "60", "20", "", "", "retenue"], ["Proposée", "Bea", "60", "20", "", "", "proposée"],
                  ["Annulée", "Cai", "60", "20", "", "", "annulée"], ["À placer", "Dan", "60", "20", "", "", "validée"]]
    result = plan(activities, [["R", "30", "", "", "", ""], ["S", "30", "", "", "", ""]],
                  sessions=[["03/07/2024", "9h", "10h", "S", "au PLANNING", ""]])
    assert set(where(result)) == {"À placer"} and not result.unplaced


def test_nothing_to_place_is_a_plan_with_zero_everywhere():
    result = plan([], [["R", "30", "", "", "", ""]])
    assert plan_json(result)["objective"] == {"placed": 0, "on_wished_day": 0, "empty_seats": 0}
    assert result.optimal and "Aucune proposition à placer." in plan_text(result)


# ---------------------------------------------------------------- créneaux and Réservable in the workbook


@pytest.mark.parametrize("cell, slots, dropped", [
    ("", DEFAULT_SLOTS, 0),
    ("9h30-11h, 11h-12h30, 14h-15h30, 16h-17h30", DEFAULT_SLOTS, 0),
    ("14h–15h30; 9h30 à 11h", ((570, 660), (840, 930)), 0),
    ("9h-11h, 10h-12h, 14h-16h", ((540, 660), (840, 960)), 1),        # 10h-12h overlaps 9h-11h
    ("9h-11h, 12h-11h", ((540, 660),), 1),                              # end before start
    ("9h-11h, 11h-11h", ((540, 660),), 1),                              # end not after start
    ("9h-11h, matin", ((540, 660),), 1),
    ("bof", DEFAULT_SLOTS, 1),                                          # nothing valid: the default
])
def test_creneaux_are_read_with_invalid_time_warnings(cell, slots, dropped):
    rows = [["Paramètre", "Valeur"]] + ([["Créneaux", cell]] if cell else [])
    f = forum(parametres=rows)
    assert f.settings.slots == slots
    assert len(issues_of(f, "parametres", "invalid_time")) == dropped
    assert all(i.severity == "warning" for i in issues_of(f, "parametres", "invalid_time"))


def test_creneaux_warning_names_the_row_and_the_range():
    f = forum(parametres=[["Paramètre", "Valeur"], ["Seuil collectif", "20"], ["Créneaux", "9h-11h, 10h-12h"]])
    [issue] = issues_of(f, "parametres", "invalid_time")
    assert issue.row == 3 and issue.message.startswith("Ligne 3, colonne « Valeur » : le créneau « 10h-12h » chevauche")


@pytest.mark.parametrize("header, cell, reservable", [
    ("Réservable", "", True), ("Réservable", "non", False), ("à réserver", "oui", True),
    ("Pour les séances", "NON", False), ("reservable", "x", True),
])
def test_reservable_is_read_blank_is_oui(header, cell, reservable):
    f = forum(salles=[["Salle", "Capacité", header], ["Hall", "100", cell]])
    assert f.tables.rooms[0].reservable is reservable


def test_free_room_suggestions_never_name_a_non_reservable_room():
    sessions = [SESSION, ["03/07/2024", "9h", "10h", "Petite", "Atelier", "60"]]
    for mark, suggested in (("non", False), ("", True)):
        f = forum(salles=[ROOM, ["Petite", "20", "", "", "", ""], ["Hall", "200", "", "", "", mark]],
                  planning=sessions, parametres=settings())
        [alert] = views.alerts(f.tables.rooms, f.tables.sessions)
        assert ("Hall" in alert.suggestion) is suggested


def test_a_forum_read_back_from_its_snapshot_gives_the_same_plan():
    from forum_data.forum import load_forum
    from forum_data.snapshot import forum_from_json, forum_to_json

    sample = load_forum()
    again = forum_from_json(forum_to_json(sample))
    assert again.settings.slots == sample.settings.slots and [r.reservable for r in again.tables.rooms][-1] is False
    assert plan_rooms(again.tables).objective == plan_rooms(sample.tables).objective == (6, 1, 175)
