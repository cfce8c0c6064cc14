"""Validation per tab: every rejected row has an issue, duplicates, labels, personal values never shown."""
from datetime import date
from decimal import Decimal

import pytest

from forum_data.model import Settings
from forum_data.reading import read_tab
from forum_data.sources.base import RawSheet
from forum_data.validation.cells import RowCheck, TabCheck
from tests.builders import forum, issues_of
from tests.builders import collective_of

COLLECTIF = ["Prénom", "Nom", "Email", "Téléphone", "Date d'inscription", "Rôles", "Statut"]


def test_members_prenom_nom_and_status_synonyms():
    f = forum(collectif=[COLLECTIF,
                         ["Ana", "Le Gall", "ana@example.org", "06 12 34 56 78", "12/02/2024", "logistique, accueil", ""],
                         ["Yann", "Morvan", "", "", "2024-02-20", "", "peut-être"],
                         ["Léa", "Tanguy", "", "", "", "", "?"],
                         ["Paul", "Kerhervé", "", "", "", "", "désisté"],
                         ["Zoé", "Roux", "", "", "", "", "bof"]])
    names = [(m.name, m.status) for m in f.tables.members]
    assert names == [("Ana Le Gall", "actif"), ("Yann Morvan", "interesse"), ("Léa Tanguy", "interesse"),
                     ("Paul Kerhervé", "retire"), ("Zoé Roux", "interesse")]
    [unknown] = issues_of(f, "collectif", "unknown_value")
    assert unknown.row == 6 and "« bof »" in unknown.message
    assert f.tables.members[0].roles == ("logistique", "accueil")


def test_members_duplicate_email_lowest_row_wins_with_earliest_join_date():
    f = forum(collectif=[COLLECTIF,
                         ["Ana", "Le Gall", "Ana@Example.org ", "", "01/02/2024", "", "intéressée"],
                         ["Bob", "Martin", "bob@example.org", "", "05/02/2024", "", "actif"],
                         ["Anne", "Le Gall", "ana@example.org", "", "10/03/2024", "", "actif"]])
    assert [(m.name, m.joined, m.status) for m in f.tables.members] == [
        ("Anne Le Gall", date(2024, 2, 1), "actif"), ("Bob Martin", date(2024, 2, 5), "actif")]
    [dup] = issues_of(f, "collectif", "duplicate")
    assert (dup.row, dup.column, dup.severity) == (2, "email", "warning")
    assert "ligne 4" in dup.message and "example.org" not in dup.message
    assert f.rows["collectif"].read == 3 and f.rows["collectif"].used == 2 and f.rows["collectif"].rejected == 1


def test_members_same_name_when_one_row_has_no_email():
    f = forum(collectif=[["Nom", "Email"], ["Ana Le Gall", "ana@example.org"], ["ana le gall", ""],
                         ["Bob", "b1@example.org"], ["Bob", "b2@example.org"]])
    assert len(f.tables.members) == 3   # Ana once; the two Bobs have different e-mails
    [dup] = issues_of(f, "collectif", "duplicate")
    assert dup.row == 2 and "ligne 3" in dup.message


def test_invalid_join_date_keeps_the_person_but_not_on_the_timeline():
    f = forum(collectif=[["Nom", "Date d'inscription"], ["Ana", "31/02/2024"]])
    assert collective_of(f).active == 1 and f.tables.members[0].joined is None
    [issue] = issues_of(f, "collectif", "invalid_date")
    assert issue.severity == "warning" and "« 31/02/2024 »" in issue.message


def test_missing_required_value_rejects_the_row_with_an_error():
    f = forum(collectif=[["Nom", "Email"], ["", "x@example.org"], ["Ana", ""]])
    [issue] = issues_of(f, "collectif", "missing_value")
    assert (issue.row, issue.column, issue.severity) == (2, "nom", "error")
    assert f.rows["collectif"].rejected == 1


def test_proposals_themes_formats_and_defaults():
    f = forum(activites=[["Titre", "Porteur", "Thématiques", "Format", "Durée", "Jauge", "Statut"],
                         ["Communs", "Tiers-lieu A", "culture, ESS, transition écologique", "open space", "1h30", "30", "ok"],
                         ["Sans thème", "B", "", "", "", "", ""],
                         ["Jardin", "C", "jardinage", "balade", "", "20-30", "programmée"]])
    p1, p2, p3 = f.tables.proposals
    assert (p1.themes, p1.format, p1.duration, p1.attendance, p1.status) == (
        ("culture", "ess", "transitions"), "forum_ouvert", 90, 30, "retenue")
    assert (p2.themes, p2.format, p2.status) == (("autre",), "autre", "proposee")
    assert (p3.themes, p3.format, p3.attendance) == (("autre",), "autre", None)
    codes = sorted((i.row, i.column, i.code) for i in issues_of(f, "activites"))
    assert codes == [(2, "duree", "number_from_text"), (3, "format", "missing_value"), (3, "themes", "missing_value"),
                     (4, "format", "unknown_value"),
                     (4, "participants_attendus", "invalid_number"), (4, "themes", "unknown_value")]


def test_proposal_duplicate_is_same_title_and_leader():
    f = forum(activites=[["Titre", "Porteur"], ["Low-tech", "Ana"], ["LOW TECH", "ana"], ["Low-tech", "Bob"]])
    assert [p.leader for p in f.tables.proposals] == ["ana", "Bob"]
    assert [i.row for i in issues_of(f, "activites", "duplicate")] == [2]


def test_leader_email_is_never_shown():
    f = forum(activites=[["Titre", "Porteur"], ["Atelier", "Ana <ana@example.org>"]])
    assert f.tables.proposals[0].leader == "Ana"
    assert all("example.org" not in i.message for i in f.issues)


def test_room_capacity_rules():
    f = forum(salles=[["Salle", "Capacité", "Accessible PMR", "Jours disponibles"],
                      ["A", "trente", "oui", ""], ["B", "30 places", "x", "4 juillet"], ["C", "0", "", ""],
                      ["D", "", "", ""], ["E", "12", "peut-être", "5 juillet"]])
    assert [(r.name, r.capacity, r.accessible, r.days) for r in f.tables.rooms] == [
        ("B", 30, True, (date(2024, 7, 4),)), ("E", 12, False, ())]
    got = sorted((i.row, i.code, i.severity) for i in issues_of(f, "salles"))
    assert got == [(2, "invalid_number", "error"), (3, "number_from_text", "warning"), (4, "invalid_number", "error"),
                   (5, "missing_value", "error"), (6, "outside_event", "warning"), (6, "unknown_value", "warning")]
    assert f.rows["salles"] .read == 5 and f.rows["salles"].rejected == 3


SALLES = [["Salle", "Capacité", "Jours disponibles"], ["Amphi", "100", ""], ["TD 1", "20", "jeudi"]]


def test_planning_rules():
    f = forum(salles=SALLES,
              activites=[["Titre", "Durée", "Participants attendus", "Statut"],
                         ["Atelier communs", "90", "25", "annulée"], ["Atelier communs", "45", "15", "retenue"]],
              planning=[["Jour", "Début", "Fin", "Salle", "Activité", "Participants"],
                        ["mercredi", "9h30", "", "Amphi", "atelier communs", ""],     # 2: 45 min, 15 people
                        ["3 juillet", "10h", "", "td 1", "Plénière", ""],            # 3: unavailable, unknown
                        ["03/07", "14h", "13h", "Amphi", "X", "10"],                   # 4: end before start
                        ["05/07/2024", "9h", "10h", "Amphi", "Y", "10"],               # 5: outside the forum
                        ["04/07", "9h", "10h", "Salle 404", "Z", "10"],                # 6: unknown room
                        ["04/07", "9h7", "10h", "Amphi", "Z", "10"]])                  # 7: invalid start
    sessions = f.tables.sessions
    assert [(s.ref.row, s.start, s.end, s.room, s.attendance) for s in sessions] == [
        (2, 570, 615, "Amphi", 15), (3, 600, 660, "TD 1", None), (5, 540, 600, "Amphi", 10)]
    assert sessions[0].proposal.status == "retenue"
    got = sorted((i.row, i.code, i.severity) for i in issues_of(f, "planning"))
    assert got == [(3, "missing_value", "warning"), (3, "room_unavailable", "warning"), (4, "invalid_time", "error"),
                   (5, "outside_event", "warning"), (6, "unknown_room", "error"), (7, "invalid_time", "error")]
    assert f.rows["planning"].read == 6 and f.rows["planning"].used == 3


PARTICIPANTS = ["Nom", "Email", "Jours", "Repas", "Régime", "Allergies", "Hébergement", "Nuits", "PMR", "Statut"]


def test_participants_rules():
    f = forum(participants=[PARTICIPANTS,
                            ["A", "a@example.org", "", "", "", "", "oui", "", "", ""],
                            ["B", "b@example.org", "3 juillet", "oui", "végétarien, sans gluten", "allergie aux arachides",
                             "non", "", "", "confirmé"],
                            ["C", "c@example.org", "les deux", "4 juillet", "sans lactose", "non", "x",
                             "nuit du 2 au 3 juillet", "oui", ""],
                            ["D", "d@example.org", "", "non", "halal", "aucune", "", "", "", "annulé"],
                            ["E", "e@example.org", "", "6 juillet", "", "-", "", "", "", ""]])
    a, b, c, d, e = f.tables.participants
    days, nights = (date(2024, 7, 3), date(2024, 7, 4)), (date(2024, 7, 2), date(2024, 7, 3))
    assert (a.days, a.meals, a.diets, a.needs_lodging, a.nights) == (days, days, ("omnivore",), True, nights)
    assert (b.days, b.meals, b.diets, b.has_allergy, b.allergens) == (
        (date(2024, 7, 3),), (date(2024, 7, 3),), ("vegetarien", "sans_gluten"), True, ("arachides",))
    assert (c.meals, c.diets, c.has_allergy, c.nights, c.pmr) == (
        (date(2024, 7, 4),), ("autre",), False, (date(2024, 7, 2),), True)
    assert (d.meals, d.status, d.has_allergy) == ((), "annule", False)
    assert e.meals == ()   # every value outside the event: no meal, not "all"
    got = sorted((i.row, i.code) for i in issues_of(f, "participants"))
    assert got == [(4, "unknown_value"), (6, "outside_event")]
    assert all("arachides" not in i.message for i in f.issues)


def test_allergy_text_never_leaves_the_data_layer():
    f = forum(participants=[["Nom", "Allergies"], ["A", "noix de cajou (grave)"]])
    assert f.tables.participants[0].allergens == ("fruits_a_coque",)
    assert "cajou" not in repr(f.tables)


def test_offers_rules():
    f = forum(hebergements=[["Nom", "Type", "Places", "Nuits", "Prix", "Accessible PMR", "Statut", "Adresse"],
                            ["Chez Ana", "chez l'habitant", "2", "", "0", "", "", "12 rue de Siam"],
                            ["AJ", "AJ", "1 200", "2 juillet", "25 €", "oui", "confirmé", ""],
                            ["Camping", "camping", "", "", "", "", "", ""],
                            ["Hôtel", "hôtel", "10", "", "89,50", "", "en attente", ""]])
    assert [(o.name, o.type, o.places, o.nights, o.price, o.accessible, o.status) for o in f.tables.offers] == [
        ("Chez Ana", "habitant", 2, (date(2024, 7, 2), date(2024, 7, 3)), Decimal("0"), False, "propose"),
        ("AJ", "auberge", 1200, (date(2024, 7, 2),), Decimal("25"), True, "confirme"),
        ("Hôtel", "hotel", 10, (date(2024, 7, 2), date(2024, 7, 3)), Decimal("89.50"), False, None)]
    got = sorted((i.row, i.code, i.severity) for i in issues_of(f, "hebergements"))
    assert got == [(4, "missing_value", "error"), (5, "unknown_value", "warning")]
    assert all("Siam" not in i.message for i in f.issues)


def test_settings_override_defaults_and_unknown_keys_are_rejected():
    f = forum(parametres=[["Paramètre", "Valeur"], ["Seuil collectif", "15"], ["Date limite", "15/04/2024"],
                          ["Jours du forum", "2 juillet 2025, 3 juillet"], ["Nuits", "1er juillet"],
                          ["Taux d'absence", "0,18"], ["Date de référence", "01/03/2025"], ["Couleur", "bleu"]])
    s = f.settings
    assert (s.threshold, s.deadline, s.days, s.nights, s.no_show_rate, s.reference_date) == (
        15, date(2024, 4, 15), (date(2025, 7, 2), date(2025, 7, 3)), (date(2025, 7, 1),), Decimal("0.18"),
        date(2025, 3, 1))
    [unknown] = issues_of(f, "parametres")
    assert (unknown.row, unknown.code, unknown.severity) == (8, "unknown_value", "warning")
    assert f.rows["parametres"].read == 7 and f.rows["parametres"].rejected == 1


@pytest.mark.parametrize("value, rate", [("10 %", Decimal("0.1")), ("10", Decimal("0.1")), ("0,1", Decimal("0.1"))])
def test_no_show_rate_forms(value, rate):
    assert forum(parametres=[["Paramètre", "Valeur"], ["Taux d'absence", value]]).settings.no_show_rate == rate


def test_every_rejected_row_has_an_issue():
    f = forum(collectif=[["Nom", "Email"], ["", "a@example.org"], ["A", "x@example.org"], ["B", "x@example.org"]],
              salles=[["Salle", "Capacité"], ["A", "-1"], ["A", "2"], ["A", "3"]])
    for sheet, count in f.rows.items():
        rows_with_issue = {i.row for i in f.issues if i.sheet == sheet and i.row}
        assert count.read == count.used + count.rejected
        assert len(rows_with_issue) >= count.rejected


@pytest.mark.parametrize("tab, rows, column", [
    ("activites", [["Titre", "Porteur"], ["A", "X"], ["a", "x"]], "titre"),
    ("partenaires", [["Structure"], ["Asso"], ["ASSO"]], "structure"),
    ("salles", [["Salle", "Capacité"], ["Amphi", "10"], ["amphi", "12"]], "salle"),
    ("hebergements", [["Nom", "Places"], ["Chez Ana", "1"], ["chez ana", "2"]], "nom"),
    ("participants", [["Nom"], ["Ana"], ["ANA"]], "nom"),
])
def test_duplicate_names_the_column_that_makes_rows_the_same(tab, rows, column):
    [dup] = issues_of(forum(**{tab: rows}), tab, "duplicate")
    assert (dup.row, dup.column) == (2, column)


def test_planning_unreadable_attendance_falls_back_to_the_activity():
    f = forum(salles=SALLES, activites=[["Titre", "Participants attendus"], ["Atelier", "25"]],
              planning=[["Jour", "Début", "Salle", "Activité", "Participants"],
                        ["03/07", "9h", "Amphi", "Atelier", "20-30"], ["03/07", "11h", "Amphi", "Autre", "vingt"]])
    assert [s.attendance for s in f.tables.sessions] == [25, None]
    assert sorted((i.row, i.code) for i in issues_of(f, "planning")) == [(2, "invalid_number"), (3, "invalid_number")]


@pytest.mark.parametrize("rows, expected", [
    # the same unreadable text on three rows: read once for the column, one issue at each row
    ([["Salle", "Capacité"], ["A", "trente"], ["B", "trente"], ["C", "40"], ["D", "trente"]],
     [(2, "capacite", "error"), (3, "capacite", "error"), (5, "capacite", "error")]),
    # the same text in two columns read the same way: each column's issue names its column
    ([["Salle", "Capacité", "Accessible PMR", "Réservable"], ["A", "30", "peut-être", "peut-être"],
      ["B", "30", "peut-être", "oui"]],
     [(2, "reservable", "warning"), (2, "accessible_pmr", "warning"), (3, "accessible_pmr", "warning")]),
])
def test_repeated_cell_text_issues_at_every_row(rows, expected):
    f = forum(salles=rows)
    assert [(i.row, i.column, i.severity) for i in f.issues if i.sheet == "salles"] == expected


def test_repeated_cell_text_read_with_each_columns_options():
    # « 0 » is a valid count of expected participants (optional, ≥ 0) but no room capacity (required, > 0)
    f = forum(salles=[["Salle", "Capacité"], ["A", "40"]],
              activites=[["Titre", "Participants attendus"], ["Atelier", "0"], ["Forum", "0"]],
              planning=[["Jour", "Début", "Salle", "Activité", "Participants attendus"],
                        ["03/07/2024", "9h", "A", "Atelier", "0"]])
    assert [p.attendance for p in f.tables.proposals] == [0, 0]
    assert f.tables.sessions[0].attendance == 0
    g = forum(salles=[["Salle", "Capacité"], ["A", "0"], ["B", "0"]])
    assert [(i.row, i.code, i.severity) for i in g.issues if i.sheet == "salles"] == [
        (2, "invalid_number", "error"), (3, "invalid_number", "error")]


def test_repeated_cell_text_read_again_when_the_options_change():
    # Paramètres reads its dates in the year found so far: the same « 31/03 » under other settings is another date
    reading = read_tab(RawSheet("Paramètres", [["Paramètre", "Valeur"], ["Date limite", "31/03"],
                                               ["Date limite", "31/03"], ["Date limite", "31/03"]]), "parametres")
    check = TabCheck(reading)
    rows = [RowCheck(check, record) for record in reading.records]
    later = Settings(days=(date(2026, 7, 3),))
    assert [rows[0].date("valeur", Settings()), rows[1].date("valeur", later), rows[2].date("valeur", Settings())] == [
        date(2024, 3, 31), date(2026, 3, 31), date(2024, 3, 31)]
