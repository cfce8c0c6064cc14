"""Views of the committee's pages (Faisabilité, Propositions, Salles): sentences, tables, grids, by hand."""
from datetime import date

import pytest

from forum_data import metrics
from forum_data.charts.rooms import load_grid
from forum_data.metrics import load_level
from forum_data.privacy import PUBLIC, ROLES
from forum_data.views import collective, proposals, rooms
from tests.builders import forum
from tests.builders import collective_of
from tests.workbooks import (ACTIVITES, ACTS, COLLECTIF, ROOMS, SESSIONS, collective_forum,
                             collective_settings)


def projection_of(f):
    return metrics.collective_projection(f.tables.members, f.settings, f.today())


# ---------------------------------------------------------------- Faisabilité


@pytest.mark.parametrize("threshold, as_of, extra, text, tone", [
    # 6 needed, 0.25 a day from 16 March: 24 days → 9 April, after the decision date.
    (10, "16/03/2024", (), "Pas encore viable : il faudrait 6 membres de plus d'ici le 31 mars ; au rythme actuel, "
                           "le seuil serait atteint vers le 9 avril, après la date limite.", "bad"),
    # 2 needed: 8 days → 24 March, in time.
    (6, "16/03/2024", (), "Pas encore viable : il faudrait 2 membres de plus d'ici le 31 mars ; au rythme actuel, "
                          "le seuil serait atteint vers le 24 mars, avant la date limite.", "warn"),
    # 1 needed (singular): 4 days → 20 March.
    (5, "16/03/2024", (), "Pas encore viable : il faudrait 1 membre de plus d'ici le 31 mars ; au rythme actuel, "
                          "le seuil serait atteint vers le 20 mars, avant la date limite.", "warn"),
    (3, "16/03/2024", (), "Le forum est viable : 4 membres actifs pour un seuil de 3, atteint le 10 mars.", "good"),
    (1, "16/03/2024", (), "Le forum est viable : 4 membres actifs pour un seuil de 1, atteint le 1er mars.", "good"),
    # After the decision date: the state on 31 March (the 5 April sign-up does not count).
    (6, "10/04/2024", (["Salaün", "Mathieu", "", "05/04/2024", "", "actif"],),
     "Au 31 mars, date de décision, le collectif comptait 4 membres actifs pour un seuil de 6 : il en manquait 2.",
     "bad"),
    (4, "10/04/2024", (), "Au 31 mars, date de décision, le collectif comptait 4 membres actifs pour un seuil de 4 : "
                          "le forum est viable (seuil atteint le 16 mars).", "good"),
])
def test_verdict_in_french(threshold, as_of, extra, text, tone):
    verdict = collective.verdict(projection_of(collective_forum(threshold, as_of, extra)))
    assert (verdict.text, verdict.tone) == (text, tone)


def test_verdict_without_any_join_date_cannot_project():
    f = forum(collectif=[COLLECTIF, ["Cadiou", "Erwan", "", "", "animation", "actif"]],
              parametres=collective_settings(3, "16/03/2024"))
    p = projection_of(f)
    assert collective.verdict(p).text == ("Pas encore viable : il faudrait 2 membres de plus d'ici le 31 mars ; "
                                          "aucune date d'inscription ne permet encore d'estimer le rythme.")
    assert collective.undated_note(p, metrics.active_by_date(f.tables.members, f.today())) == (
        "1 membre actif n'a pas de date d'inscription : compté dans le total, absent de la courbe.")
    assert collective.pace_sentence(p, None) == ("Aucune date d'inscription : le rythme des engagements ne peut pas "
                                                 "être estimé.")


def test_pace_sentence_gives_the_weekly_pace_and_the_count_expected_on_the_decision_date():
    p = projection_of(collective_forum(10, "16/03/2024"))
    assert p.per_week == 1.75
    # 4 + 0.25 × 15 days = 7.75 → about 7 on 31 March.
    assert collective.expected_at_deadline(p) == 7
    assert collective.pace_sentence(p, date(2024, 3, 1)) == (
        "Depuis le 1er mars : 1,8 nouveau membre actif par semaine en moyenne ; à ce rythme, environ 7 membres "
        "actifs le 31 mars.")


def test_since_decision_tells_today_count_when_it_changed():
    f = collective_forum(6, "10/04/2024", (["Salaün", "Mathieu", "", "05/04/2024", "", "actif"],))
    assert collective.since_decision(collective_of(f), projection_of(f)) == "Aujourd'hui, le collectif compte 5 membres actifs."
    g = collective_forum(6, "16/03/2024")
    assert collective.since_decision(collective_of(g), projection_of(g)) is None


def test_on_day_adds_the_year_only_when_it_differs():
    assert collective.on_day(date(2024, 3, 18)) == "le 18 mars"
    assert collective.on_day(date(2024, 3, 1), 2024) == "le 1er mars"
    assert collective.on_day(date(2025, 1, 2), 2024) == "le 2 janvier 2025"


def test_missions_nobody_covers_and_members_by_mission():
    f = collective_forum(6, "16/03/2024")
    uncovered = metrics.uncovered_roles(f.tables.members)
    assert uncovered == ("hebergement", "partenariats", "programmation", "documentation")
    assert collective.uncovered_sentence(uncovered) == (
        "Missions sans personne active : Hébergement, Partenariats, Programmation, Documentation.")
    assert collective.uncovered_sentence(("documentation",)) == "Mission sans personne active : Documentation."
    assert collective.uncovered_sentence(()) == "Chaque mission a au moins une personne active."
    counts = collective.members_by_role(f.tables.members)
    assert counts == {"logistique": 2, "communication": 1, "animation": 1, "accueil": 1, "hebergement": 0,
                      "partenariats": 0, "programmation": 0, "documentation": 0, "autre": 0}


@pytest.mark.parametrize("role", [ROLES["benevole"], ROLES["ville"], PUBLIC])
def test_members_table_is_for_roles_that_see_names_only(role):
    assert collective.members_table(collective_forum(6, "16/03/2024").tables.members, role) is None


def test_members_table_for_the_committee_lists_active_members_by_join_date():
    table = collective.members_table(collective_forum(6, "16/03/2024").tables.members, ROLES["comite"])
    assert list(table.columns) == ["Nom", "Structure", "Missions", "Inscrit·e le"]
    assert table.to_dict("records")[0] == {"Nom": "Morgane Le Bihan", "Structure": "Tiers-lieu",
                                           "Missions": "Logistique, Accueil", "Inscrit·e le": "1er mars 2024"}
    assert list(table["Nom"]) == ["Morgane Le Bihan", "Erwan Cadiou", "Maëlle Quéré", "Thomas Riou"]


# ---------------------------------------------------------------- Propositions

PROPOSALS = [
    ["Fresque du numérique", "Yann Le Floc'h", "numérique, transitions", "atelier", "90", "24", "3 juillet", "programmée"],
    ["Repair café", "Erwan Cadiou", "transitions", "atelier", "60", "15", "4 juillet", "retenue"],
    ["Budget participatif", "Ville de Brest", "participation", "table ronde", "90", "70", "", "retenue"],
    ["Monnaie locale", "La Pièce", "ESS", "table ronde", "90", "", "", "annulée"],
    ["Jardins partagés", "Graines", "culture", "forum ouvert", "", "20", "3 juillet", "proposée"],
]
PLANNING = [["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"],
            ["03/07/2024", "11h", "12h30", "Salle B", "Fresque du numérique", ""]]
SALLES = [["Salle", "Capacité", "Accessible PMR", "Équipements", "Jours disponibles"], ["Salle B", "40", "oui", "", ""]]


def proposals_forum():
    return forum(activites=[ACTIVITES, *PROPOSALS], salles=SALLES, planning=PLANNING)


def test_status_sentence_counts_each_status():
    summary = metrics.proposals_summary(proposals_forum().tables.proposals)
    assert proposals.status_sentence(summary) == (
        "4 propositions en cours : 1 à étudier, 2 retenues à programmer, 1 programmée ; 1 annulée à part.")
    assert proposals.status_sentence(metrics.proposals_summary(())) == "Aucune proposition d'activité pour l'instant."


@pytest.mark.parametrize("by_theme, text", [
    ({"culture": 1, "ess": 0, "transitions": 2, "participation": 1, "numerique": 1},
     "Thème le moins représenté : ESS, avec aucune proposition, contre 2 pour Transitions."),
    ({"culture": 2, "ess": 2, "transitions": 5, "participation": 5, "numerique": 3, "autre": 1},
     "Thèmes les moins représentés : Culture et ESS, avec 2 propositions chacun, contre 5 pour Transitions et "
     "Participation."),
    ({"culture": 1, "ess": 3, "transitions": 3, "participation": 3, "numerique": 3},
     "Thème le moins représenté : Culture, avec 1 proposition, contre 3 pour ESS, Transitions, Participation et "
     "Numérique."),
    ({"culture": 4, "ess": 4, "transitions": 4, "participation": 4, "numerique": 4, "autre": 9},
     "Les cinq thèmes de l'appel sont représentés à égalité : 4 propositions chacun."),
    ({"autre": 3}, "Aucune proposition ne porte encore sur les thèmes de l'appel."),
])
def test_balance_sentence_names_the_least_represented_theme(by_theme, text):
    assert proposals.balance_sentence(by_theme) == text


@pytest.mark.parametrize("filters, titles", [
    ({}, ["Fresque du numérique", "Repair café", "Budget participatif", "Monnaie locale", "Jardins partagés"]),
    ({"themes": ["transitions"]}, ["Fresque du numérique", "Repair café"]),
    ({"themes": ["transitions"], "formats": ["atelier"], "statuses": ["retenue"]}, ["Repair café"]),
    ({"days": [date(2024, 7, 3)]}, ["Fresque du numérique", "Jardins partagés"]),
    ({"days": [proposals.NO_DAY]}, ["Budget participatif", "Monnaie locale"]),
    ({"statuses": ["annulee", "proposee"]}, ["Monnaie locale", "Jardins partagés"]),
    ({"formats": ["conference"]}, []),
])
def test_filter_proposals(filters, titles):
    assert [p.title for p in proposals.filter_proposals(proposals_forum().tables.proposals, **filters)] == titles


def test_day_options_are_the_forum_days_then_no_preference():
    f = proposals_forum()
    assert proposals.day_options(f.tables.proposals, f.settings.days) == [date(2024, 7, 3), date(2024, 7, 4),
                                                                        proposals.NO_DAY]
    assert proposals.day_label(date(2024, 7, 3)) == "mercredi 3 juillet"
    assert proposals.day_label(None) == "Sans préférence"


def test_proposals_table_for_the_committee_has_french_headers_and_the_porteur():
    table = proposals.proposals_table(proposals_forum().tables.proposals, ROLES["comite"])
    assert list(table.columns) == ["Titre", "Porteur·se", "Thèmes", "Format", "Durée", "Participants attendus",
                                   "Jour souhaité", "Statut"]
    first = table.iloc[0].to_dict()
    assert first == {"Titre": "Fresque du numérique", "Porteur·se": "Yann Le Floc'h",
                     "Thèmes": "Numérique, Transitions", "Format": "Atelier", "Durée": 90,
                     "Participants attendus": 24, "Jour souhaité": "mercredi 3 juillet", "Statut": "Programmée"}
    assert table["Durée"].isna().tolist() == [False, False, False, False, True]


@pytest.mark.parametrize("role", [ROLES["benevole"], ROLES["ville"], PUBLIC])
def test_proposals_table_hides_the_porteur_from_other_roles(role):
    table = proposals.proposals_table(proposals_forum().tables.proposals, role)
    assert "Porteur·se" not in table.columns
    values = {str(v) for v in table.to_numpy().ravel()}
    assert not values & {"Yann Le Floc'h", "Erwan Cadiou"}


def test_unplanned_table_lists_retained_proposals_without_a_session():
    f = proposals_forum()
    table = proposals.unplanned_table(f.tables.proposals, f.tables.sessions, ROLES["ville"])
    assert list(table["Titre"]) == ["Repair café", "Budget participatif"]
    assert list(table["Statut"]) == ["Retenue", "Retenue"]


@pytest.mark.parametrize("planned, text", [
    (PLANNING, "2 propositions retenues n'ont encore ni salle ni horaire dans l'onglet Planning."),
    # The Fresque is marked programmée but the planning lacks it: say so, and what to do.
    (PLANNING[:1], "3 propositions n'ont encore ni salle ni horaire dans l'onglet Planning : 2 retenues à programmer "
                   "et 1 marquée «\u00a0programmée\u00a0» (ajoutez-la au planning ou corrigez son statut)."),
])
def test_unplanned_sentence_tells_retained_from_programmed_but_missing(planned, text):
    f = forum(activites=[ACTIVITES, *PROPOSALS], salles=SALLES, planning=planned)
    assert proposals.unplanned_sentence(f.tables.proposals, f.tables.sessions) == text


def test_unplanned_sentence_with_only_programmed_or_nothing_missing():
    f = forum(activites=[ACTIVITES, PROPOSALS[0], PROPOSALS[3]], salles=SALLES, planning=PLANNING[:1])
    assert proposals.unplanned_sentence(f.tables.proposals, f.tables.sessions) == (
        "1 proposition marquée «\u00a0programmée\u00a0» n'a ni salle ni horaire dans l'onglet Planning : ajoutez-la au "
        "planning ou corrigez son statut.")
    f = forum(activites=[ACTIVITES, PROPOSALS[0]], salles=SALLES, planning=PLANNING)
    assert proposals.unplanned_sentence(f.tables.proposals, f.tables.sessions) is None


# ---------------------------------------------------------------- Salles

def rooms_forum():
    return forum(salles=ROOMS, activites=ACTS, planning=SESSIONS)


@pytest.mark.parametrize("attendance, capacity, level", [
    (79, 100, "good"), (80, 100, "warn"), (100, 100, "warn"), (101, 100, "bad"), (0, 30, "good"),
    (None, 30, "unknown"),
])
def test_load_level_thresholds(attendance, capacity, level):
    assert load_level(attendance, capacity) == level


def test_load_grid_of_a_day_with_a_conflict_and_an_unknown_attendance():
    f = rooms_forum()
    grid = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 3))
    # Salle D opens on 4 July only; Amphi B is free all day but open, so it shows (empty).
    assert grid.rooms == ("Salle A", "Amphi B", "Salle C")
    assert grid.slots == ("9 h", "9 h 30", "11 h")
    assert grid.levels == (("bad", "good", "good"), (None, None, None), ("unknown", None, None))
    assert grid.text == (("⚠ 42<br>/ 30", "⚠ 10<br>/ 30", "20<br>/ 30"), ("", "", ""), ("?<br>/ 40", "", ""))
    assert grid.hover[0][0] == ("<b>Salle A</b> · 9 h – 10 h<br>«\u00a0Grand atelier\u00a0»<br>42 personnes "
                                "attendues pour 30 places (140\u00a0%)<br>⚠ chevauche «\u00a0Petit atelier\u00a0» "
                                "(9 h 30 – 10 h 30)")
    assert grid.hover[2][0] == ("<b>Salle C</b> · 9 h – 10 h<br>«\u00a0&lt;img src=x onerror=alert(1)&gt;\u00a0»<br>"
                                "Affluence inconnue · 40 places")
    assert grid.hover[1][0] == "<b>Amphi B</b> · 9 h : libre (100 places)"
    other_day = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 4))
    assert other_day.rooms == ("Salle A", "Amphi B", "Salle D")
    assert other_day.levels == ((None,), (None,), ("warn",))      # 36 / 45 = 80 %


def test_alerts_suggest_a_free_room_big_enough():
    f = rooms_forum()
    alerts = rooms.alerts(f.tables.rooms, f.tables.sessions)
    assert [a.kind for a in alerts] == ["overbooked", "conflict"]
    # 42 people 9 h–10 h: Salle C (40) is busy and too small; Amphi B (100) is free.
    assert alerts[0].text == ("Mercredi 3 juillet, 9 h – 10 h, Salle A : «\u00a0Grand atelier\u00a0» attend "
                              "42 personnes pour 30 places (140\u00a0%).")
    assert alerts[0].suggestion == "Suggestion : Amphi B (100 places) est libre à cette heure."
    assert alerts[1].text == ("Mercredi 3 juillet, Salle A : «\u00a0Grand atelier\u00a0» (9 h – 10 h) et "
                              "«\u00a0Petit atelier\u00a0» (9 h 30 – 10 h 30) se chevauchent.")
    assert alerts[1].suggestion == ("Suggestion : Amphi B (100 places) est libre à cette heure pour "
                                    "«\u00a0Petit atelier\u00a0».")


def test_alerts_without_a_free_room():
    f = forum(salles=ROOMS[:2], planning=SESSIONS[:2])
    [alert] = rooms.alerts(f.tables.rooms, f.tables.sessions)
    assert alert.suggestion == ("Aucune salle assez grande n'est libre à cette heure : limitez les inscriptions ou "
                                "changez d'horaire.")


def test_mismatch_alerts_group_needs_and_suggest_a_room_that_has_them():
    f = rooms_forum()
    [alert] = rooms.mismatch_alerts(f.tables.rooms, f.tables.sessions)
    assert alert.text == ("Mercredi 3 juillet, 11 h, Salle A : «\u00a0Atelier PMR\u00a0» demande "
                          "«\u00a0accessible PMR\u00a0», «\u00a0vidéoprojecteur\u00a0», que la salle n'a pas.")
    # 11 h–12 h: Amphi B and Salle C are free, accessible and have a projector; the smaller one first.
    assert alert.suggestion == "Suggestion : Salle C (40 places) a ce qu'il faut et est libre à cette heure."


def test_rooms_table_in_french():
    f = rooms_forum()
    table = rooms.rooms_table(f.tables.rooms, f.tables.sessions, f.settings)
    assert list(table.columns) == ["Salle", "Bâtiment", "Capacité", "Accessible PMR", "Équipements",
                                   "Jours disponibles", "Séances"]
    assert table.to_dict("records")[2] == {"Salle": "Salle C", "Bâtiment": "", "Capacité": 40, "Accessible PMR": "Oui",
                                           "Équipements": "vidéoprojecteur", "Jours disponibles": "mercredi 3 juillet",
                                           "Séances": 1}
    assert list(table["Jours disponibles"])[:2] == ["Tous les jours du forum", "Tous les jours du forum"]
    assert list(table["Séances"]) == [3, 0, 1, 1]


def test_load_grid_over_the_limit_leaves_out_free_rooms_then_the_least_loaded():
    f = rooms_forum()
    # 3 July shows Salle A (overbooked, double-booked), Amphi B (free all day), Salle C (unknown attendance).
    two = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 3), limit=2)
    assert (two.rooms, two.hidden_free, two.hidden_used) == (("Salle A", "Salle C"), 1, 0)
    assert two.levels == (("bad", "good", "good"), ("unknown", None, None))
    one = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 3), limit=1)
    assert (one.rooms, one.hidden_free, one.hidden_used) == (("Salle A",), 1, 1)
    assert one.text == (("⚠ 42<br>/ 30", "⚠ 10<br>/ 30", "20<br>/ 30"),)
    everything = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 3), limit=None)
    assert (everything.rooms, everything.hidden_free) == (("Salle A", "Amphi B", "Salle C"), 0)


def test_sentences_for_a_long_list_and_a_shortened_heat_map():
    many = [rooms.Alert("overbooked", "a", "Suggestion : x"), rooms.Alert("overbooked", "b", "Suggestion : y"),
            rooms.Alert("conflict", "c", "Aucune autre salle")]
    assert rooms.alerts_sentence(many).startswith("3 problèmes à régler : 2 séances en surcharge et 1 conflit de "
                                                  "salle.")
    table = rooms.alerts_table(many)
    assert table.values.tolist() == [["Surcharge", "a", "x"], ["Surcharge", "b", "y"],
                                     ["Conflit de salle", "c", "Aucune autre salle"]]
    f = rooms_forum()
    day = date(2024, 7, 3)
    assert rooms.hidden_rooms_sentence(load_grid(f.tables.rooms, f.tables.sessions, day)) is None
    assert rooms.hidden_rooms_sentence(load_grid(f.tables.rooms, f.tables.sessions, day, limit=2)) == (
        "La carte montre les 2 salles occupées ce jour-là ; 1 salle libre toute la journée n'y figure pas "
        "(le tableau « Les salles », plus bas, les liste toutes).")
    assert rooms.hidden_rooms_sentence(load_grid(f.tables.rooms, f.tables.sessions, day, limit=1)) == (
        "Pour rester lisible, la carte montre la salle la plus chargée ce jour-là. Elle laisse de côté "
        "1 salle moins chargée, et 1 salle libre toute la journée (le tableau « Les salles », plus bas, les liste "
        "toutes).")
