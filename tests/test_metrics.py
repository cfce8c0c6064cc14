"""Metrics on small workbooks; every expected figure is computed by hand in the comments."""
from datetime import date
from decimal import Decimal

import pytest

from forum_data import metrics
from forum_data.report import build_report

from tests.builders import forum

PARTICIPANTS = ["Nom", "Hébergement", "Nuits", "PMR", "Statut"]
OFFERS = ["Nom", "Places", "Nuits", "Accessible PMR", "Statut"]


def test_lodging_coverage_when_accessible_needs_exceed_accessible_places():
    # Night of 2 July: 3 PMR + 4 other guests; offers: 2 accessible places + 3 others (+ a full one, a withdrawn one).
    # covered = min(3, 2) + min(4, 2 - 2 + 3) = 2 + 3 = 5; coverage = 5 / 7 = 0.714.
    # Night of 3 July: guests = 1 PMR + 2 others ("les deux nuits" and blank nights); offers: 2 accessible + 3.
    # covered = min(1, 2) + min(2, 2 - 1 + 3) = 1 + 2 = 3; coverage = 1.0.
    f = forum(participants=[PARTICIPANTS,
                            ["P1", "oui", "nuit du 2 au 3 juillet", "oui", ""],
                            ["P2", "oui", "2 juillet", "oui", ""],
                            ["P3", "oui", "les deux nuits", "oui", ""],
                            ["O1", "oui", "2 juillet", "", ""],
                            ["O2", "oui", "2 juillet", "", ""],
                            ["O3", "oui", "", "", ""],
                            ["O4", "x", "", "non", ""],
                            ["O5", "oui", "", "", "annulé"],     # cancelled: no need
                            ["O6", "non", "", "oui", ""]],       # no lodging asked
              hebergements=[OFFERS,
                            ["Acc", "2", "", "oui", "confirmé"],
                            ["Std", "3", "", "", "proposé"],
                            ["Full", "5", "", "oui", "complet"],
                            ["Gone", "4", "", "", "retiré"]])
    lodging = build_report(f)["lodging"]["by_night"]
    assert lodging["2024-07-02"] == {"need": 7, "offered": 5, "covered": 5, "coverage": 0.714,
                                         "need_pmr": 3, "offered_pmr": 2}
    assert lodging["2024-07-03"] == {"need": 3, "offered": 5, "covered": 3, "coverage": 1.0,
                                     "need_pmr": 1, "offered_pmr": 2}


def test_lodging_with_no_need_is_fully_covered():
    f = forum(participants=[PARTICIPANTS], hebergements=[OFFERS, ["A", "2", "", "", ""]])
    night = metrics.lodging_for_night(f.tables.participants, f.tables.offers, date(2024, 7, 2))
    assert (night.need, night.offered, night.covered, night.coverage) == (0, 2, 0, 1.0)


def test_offer_with_unknown_status_is_used_but_not_counted():
    f = forum(hebergements=[OFFERS, ["A", "2", "", "", "bientôt"], ["B", "3", "", "", ""]])
    assert len(f.tables.offers) == 2
    assert build_report(f)["lodging"]["by_night"]["2024-07-02"]["offered"] == 3


PLANNING = ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]


def test_conflicts_touching_is_not_overlapping():
    # Amphi on 3 July: 9h-10h and 10h-11h touch (no conflict); 10h30-11h30 overlaps 10h-11h (1 conflict).
    # TD on 3 July: 9h-10h and 9h30-9h45 overlap (1 conflict). Same slot, other day: no conflict.
    f = forum(salles=[["Salle", "Capacité"], ["Amphi", "100"], ["TD", "20"]],
              planning=[PLANNING,
                        ["03/07/2024", "9h", "10h", "Amphi", "A", "50"],
                        ["03/07/2024", "10h", "11h", "Amphi", "B", "125"],
                        ["03/07/2024", "10h30", "11h30", "Amphi", "C", ""],
                        ["03/07/2024", "9h", "10h", "TD", "D", "21"],
                        ["03/07/2024", "9h30", "9h45", "TD", "E", "20"],
                        ["04/07/2024", "9h", "10h", "TD", "F", "3"]])
    pairs = [(a.activity, b.activity) for a, b in metrics.conflicts(f.tables.sessions)]
    assert sorted(pairs) == [("B", "C"), ("D", "E")]
    # overbooked: B (125 > 100), D (21 > 20); E (20 = 20) is not. max_load = 125/100 = 1.25.
    assert build_report(f)["rooms"] == {"rooms": 2, "sessions": 6, "overbooked": 2, "conflicts": 2, "max_load": 1.25}


def test_max_load_rounds_to_two_decimals_and_is_null_when_unknown():
    f = forum(salles=[["Salle", "Capacité"], ["A", "30"]],
              planning=[PLANNING, ["03/07/2024", "9h", "10h", "A", "X", "20"]])
    assert build_report(f)["rooms"]["max_load"] == 0.67   # 20 / 30 = 0.666…
    f = forum(salles=[["Salle", "Capacité"], ["A", "30"]], planning=[PLANNING, ["03/07/2024", "9h", "", "A", "X", ""]])
    assert build_report(f)["rooms"]["max_load"] is None


def test_proposals_three_themes_and_cancelled():
    # P1 counts once in each of its three themes; P3 (cancelled) is left out of total/theme/format, kept in status.
    f = forum(activites=[["Titre", "Thèmes", "Format", "Statut"],
                         ["P1", "culture; ESS; numérique", "atelier", "retenue"],
                         ["P2", "culture", "conférence", "programmée"],
                         ["P3", "transitions", "atelier", "annulée"]])
    p = build_report(f)["proposals"]
    assert p["total"] == 2
    assert p["by_theme"] == {"culture": 2, "ess": 1, "transitions": 0, "participation": 0, "numerique": 1, "autre": 0}
    assert p["by_format"] == {"forum_ouvert": 0, "conference": 1, "atelier": 1, "table_ronde": 0, "autre": 0}
    assert p["by_status"] == {"proposee": 0, "retenue": 1, "programmee": 1, "annulee": 1}


@pytest.mark.parametrize("registered, rate, forecast", [
    (150, "0.18", 123),   # 150 × 0.82 = 123 exactly; floats give 123.00000000000001 → 124
    (140, "0.1", 126),
    (7, "0.1", 7),        # 6.3 → 7
    (0, "0.1", 0),
    (10, "0", 10),
])
def test_meal_forecast_is_exact(registered, rate, forecast):
    assert metrics.meal_forecast(registered, Decimal(rate)) == forecast


def test_meals_by_day_from_a_workbook():
    # Rate 18 %. 3 July eaters: A, B, C (D cancelled, E eats only on the 4th, F takes no meal) → 3 → ⌈2.46⌉ = 3.
    # 4 July eaters: A, C, E → 3. Diets on the 3rd: A omnivore; B vegetarian + gluten-free; C halal.
    f = forum(parametres=[["Paramètre", "Valeur"], ["Taux d'absence", "18 %"]],
              participants=[["Nom", "Jours", "Repas", "Régime", "Allergies", "Statut"],
                            ["A", "", "", "", "", ""],
                            ["B", "3 juillet", "", "végétarien, sans gluten", "lait et œufs", ""],
                            ["C", "les deux", "oui", "halal", "non", ""],
                            ["D", "", "", "vegan", "", "annulée"],
                            ["E", "4 juillet", "", "sans porc", "arachide", ""],
                            ["F", "", "non", "", "", ""]])
    meals = build_report(f)["meals"]["by_day"]
    assert meals["2024-07-03"]["registered"] == 3 and meals["2024-07-03"]["forecast"] == 3
    assert meals["2024-07-03"]["diets"] == {"omnivore": 1, "vegetarien": 1, "vegan": 0, "sans_gluten": 1,
                                           "sans_porc": 0, "halal": 1, "autre": 0}
    assert meals["2024-07-03"]["allergies"] == 1
    assert {k: v for k, v in meals["2024-07-03"]["allergens"].items() if v} == {"lait": 1, "oeufs": 1}
    assert meals["2024-07-04"]["registered"] == 3 and meals["2024-07-04"]["forecast"] == 3
    assert meals["2024-07-04"]["diets"]["sans_porc"] == 1 and meals["2024-07-04"]["allergies"] == 1


def test_collective_status_and_projection():
    # Active: A (01/02), B (15/02), C (29/02); D interested; E withdrawn; F active without a date.
    # Threshold 5 → missing 1. As of 29/02: 3 dated in 29 days → pace 3/29 per day;
    # the 5th would come after ⌈(5 - 4) / (3/29)⌉ = ⌈9.67⌉ = 10 days → 10/03/2024.
    f = forum(parametres=[["Paramètre", "Valeur"], ["Seuil collectif", "5"]],
              collectif=[["Nom", "Date d'inscription", "Statut", "Rôles"],
                         ["A", "01/02/2024", "actif", "logistique, accueil"], ["B", "15/02/2024", "oui", ""],
                         ["C", "29/02/2024", "", "communication"], ["D", "10/02/2024", "intéressé", "animation"],
                         ["E", "12/02/2024", "retiré", ""], ["F", "", "actif", ""]])
    collective = build_report(f)["collective"]
    assert collective == {"active": 4, "interested": 1, "withdrawn": 1, "threshold": 5, "viable": False, "missing": 1,
                          "uncovered_roles": ["animation", "hebergement", "partenariats", "programmation",
                                              "documentation"]}
    assert metrics.active_by_date(f.tables.members) == [(date(2024, 2, 1), 1), (date(2024, 2, 15), 2),
                                                        (date(2024, 2, 29), 3)]
    p = metrics.collective_projection(f.tables.members, f.settings, date(2024, 2, 29))
    assert (p.active, p.needed, p.reached_on, p.after_deadline) == (4, 1, date(2024, 3, 10), False)
    assert metrics.uncovered_roles(f.tables.members) == (
        "animation", "hebergement", "partenariats", "programmation", "documentation")


def test_projection_after_the_deadline_is_the_state_on_the_deadline():
    f = forum(collectif=[["Nom", "Date d'inscription"], ["A", "01/03/2024"], ["B", "15/04/2024"]])
    p = metrics.collective_projection(f.tables.members, f.settings, date(2024, 6, 1))
    assert (p.active, p.needed, p.after_deadline, p.reached_on) == (1, 19, True, None)


def test_missing_tabs_give_zero_figures_with_every_slug():
    r = build_report(forum(collectif=[["Nom"]]))
    assert r["proposals"]["by_theme"] == dict.fromkeys(["culture", "ess", "transitions", "participation", "numerique",
                                                        "autre"], 0)
    assert r["partners"] == {"total": 0, "by_status": {"pressenti": 0, "contacte": 0, "confirme": 0, "decline": 0},
                             "by_type": r["partners"]["by_type"]}
    assert r["rooms"] == {"rooms": 0, "sessions": 0, "overbooked": 0, "conflicts": 0, "max_load": None}
    assert list(r["lodging"]["by_night"]) == ["2024-07-02", "2024-07-03"]
    assert r["meals"]["by_day"]["2024-07-03"]["registered"] == 0
    assert r["rows"] == {"collectif": {"read": 0, "used": 0, "rejected": 0}}


def test_partners_by_status():
    f = forum(partenaires=[["Structure", "Statut", "Type"], ["A", "", "asso"], ["B", "en discussion", "réseau"],
                           ["C", "signé", "Collectivité"], ["D", "refus", ""], ["a", "ok", ""]])
    p = build_report(f)["partners"]
    assert p["total"] == 4   # A is superseded by "a" (same structure, lower row)
    assert p["by_status"] == {"pressenti": 0, "contacte": 1, "confirme": 2, "decline": 1}


def test_room_mismatches_check_accessibility_and_known_equipment_only():
    # Amphi: accessible, « Vidéoprojecteur, sono ». TD: not accessible, « paperboard ».
    # A (Amphi) needs a projector and a clear space: nothing missing (free text is not checked).
    # B (TD) needs accessibility, « micro HF » and « tables en îlots »: accessibility and micro are missing.
    f = forum(salles=[["Salle", "Capacité", "Accessible PMR", "Équipements"],
                      ["Amphi", "100", "oui", "Vidéoprojecteur, sono"], ["TD", "20", "non", "paperboard"]],
              activites=[["Titre", "Besoins"], ["A", "vidéo-projecteur; espace dégagé"],
                         ["B", "accessible PMR, micro HF, tables en îlots"]],
              planning=[["Jour", "Début", "Salle", "Activité"], ["03/07", "9h", "Amphi", "A"], ["03/07", "9h", "TD", "B"]])
    assert [(s.activity, need) for s, need in metrics.room_mismatches(f.tables.rooms, f.tables.sessions)] == [
        ("B", "accessible PMR"), ("B", "micro HF")]


# ---------------------------------------------------------------- free rooms through the index

from hypothesis import given, settings as hyp_settings, strategies as hst  # noqa: E402

from forum_data.model import Room, Session  # noqa: E402
from forum_data.sources.base import RowRef  # noqa: E402

DAYS = (date(2024, 7, 3), date(2024, 7, 4))
REF = RowRef(2)


def _naive_free_rooms(rooms, sessions, day, start, end, people, exclude=""):
    """The definition, written the slow way: every session and every room looked at."""
    busy = {s.room for s in sessions if s.day == day and s.start < end and start < s.end}
    fits = [r for r in rooms if r.reservable and day in r.days and r.name not in busy and r.name != exclude
            and (people is None or r.capacity >= people)]
    return tuple(sorted(fits, key=lambda r: r.capacity))


@hst.composite
def plannings(draw):
    names = [f"S{i}" for i in range(draw(hst.integers(1, 6)))]
    rooms = tuple(Room(name, "", draw(hst.sampled_from([10, 20, 20, 40])), False, (),
                       tuple(draw(hst.lists(hst.sampled_from(DAYS), min_size=1, max_size=2, unique=True))), REF,
                       draw(hst.sampled_from([True, True, False])))
                  for name in names)
    sessions = []
    for _ in range(draw(hst.integers(0, 8))):
        start = draw(hst.integers(8, 17)) * 60
        sessions.append(Session(draw(hst.sampled_from(DAYS)), start, start + draw(hst.sampled_from([30, 60, 90])),
                                draw(hst.sampled_from(names)), "x", None, None, 30, REF))
    return rooms, tuple(sessions)


@hyp_settings(max_examples=150, deadline=None)
@given(plannings(), hst.sampled_from(DAYS), hst.integers(8, 17), hst.sampled_from([30, 60, 120]),
       hst.one_of(hst.none(), hst.integers(0, 45)), hst.sampled_from(["", "S0", "S1"]))
def test_free_rooms_index_answers_like_the_definition(planning, day, hour, minutes, people, exclude):
    rooms, sessions = planning
    start = hour * 60
    expected = _naive_free_rooms(rooms, sessions, day, start, start + minutes, people, exclude)
    finder = metrics.FreeRooms(rooms, sessions)
    assert tuple(finder.find(day, start, start + minutes, people, exclude)) == expected
