"""Views of the Hébergement, Ville and Qualité pages on tiny workbooks; expected figures computed by hand.

TINY (tests/workbooks.py, where its figures are worked out) is the small workbook shared by the city tests
(charts, exports, pages). Every person and host carries the canary word « Canari » / « Zorglub », so that
a test can prove no name leaves the data layer.
"""
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from forum_data import metrics
from forum_data.forum import build_forum
from forum_data.issues import Issue
from forum_data.metrics import NightLodging
from forum_data.privacy import PUBLIC, ROLES
from forum_data.sources.base import RawSheet, RawWorkbook, RowRef
from forum_data.views import city, lodging, quality

from tests.builders import forum
from tests.workbooks import HYPERLINK, TINY

D3, D4 = date(2024, 7, 3), date(2024, 7, 4)
N2, N3 = date(2024, 7, 2), date(2024, 7, 3)


def tiny():
    return forum(**TINY)


# ---------------------------------------------------------------- lodging


@pytest.mark.parametrize("lodging_figures, expected", [
    (NightLodging(26, 3, 23, 1, 21, 0.808), "Nuit du 2 au 3 juillet : 5 places manquent, dont 2 accessibles."),
    (NightLodging(30, 2, 25, 5, 25, 0.833), "Nuit du 2 au 3 juillet : 5 places manquent."),
    (NightLodging(8, 3, 20, 1, 6, 0.75), "Nuit du 2 au 3 juillet : 2 places accessibles manquent."),
    (NightLodging(2, 1, 2, 0, 1, 0.5), "Nuit du 2 au 3 juillet : 1 place accessible manque."),
    (NightLodging(4, 0, 3, 0, 3, 0.75), "Nuit du 2 au 3 juillet : 1 place manque."),
    (NightLodging(25, 2, 29, 3, 25, 1.0), "Nuit du 2 au 3 juillet : tout le monde est logé (25 besoins, 29 places)."),
    (NightLodging(1, 0, 1, 0, 1, 1.0), "Nuit du 2 au 3 juillet : tout le monde est logé (1 besoin, 1 place)."),
    (NightLodging(0, 0, 4, 0, 0, 1.0), "Nuit du 2 au 3 juillet : aucun besoin d'hébergement pour l'instant (4 places proposées)."),
    (NightLodging(0, 0, 0, 0, 0, 1.0), "Nuit du 2 au 3 juillet : aucun besoin d'hébergement pour l'instant (0 place proposée)."),
])
def test_night_sentence_says_what_is_missing(lodging_figures, expected):
    assert lodging.night_sentence(N2, lodging_figures) == expected


def test_night_sentences_on_tiny_workbook():
    f = tiny()
    nights = metrics.lodging_by_night(f.tables.participants, f.tables.offers, f.settings)
    assert lodging.night_sentences(nights) == [
        (False, "Nuit du 2 au 3 juillet : 1 place accessible manque."),
        (True, "Nuit du 3 au 4 juillet : tout le monde est logé (2 besoins, 5 places)."),
    ]


@pytest.mark.parametrize("price, expected", [
    (None, ""), (Decimal("0"), "gratuit"), (Decimal("80"), "80\u00a0€"), (Decimal("24.5"), "24,50\u00a0€"),
    (Decimal("1200"), "1\u202f200\u00a0€"),
])
def test_price_text(price, expected):
    assert lodging.price_text(price) == expected


@pytest.mark.parametrize("nights, expected", [
    ((N2, N3), "les deux nuits"),
    ((N3,), "nuit du 3 au 4 juillet"),
    ((), "aucune nuit du forum"),
])
def test_nights_text(nights, expected):
    assert lodging.nights_text(nights, (N2, N3)) == expected


OFFER_ROWS = [
    # counted offers, in type order (habitant, …, hotel): Type, Quartier, Places, Nuits, Prix, PMR, Statut
    ["Chez l'habitant", "Siam", 2, "les deux nuits", "gratuit", "non", "Proposé"],
    ["Hôtel", "Recouvrance", 3, "nuit du 3 au 4 juillet", "80\u00a0€", "oui", "Confirmé"],
]


@pytest.mark.parametrize("role, names", [(ROLES["comite"], True), (ROLES["benevole"], False), (ROLES["ville"], False),
                                         (PUBLIC, False)])
def test_offers_table_shows_host_names_only_to_roles_with_names(role, names):
    f = tiny()
    table = lodging.offers_table(f.tables.offers, role, f.settings.nights)
    expected_headers = (["Hébergeur"] if names else []) + lodging.OFFER_HEADERS
    assert list(table.columns) == expected_headers
    rows = [list(r) for r in table.itertuples(index=False, name=None)]
    if names:
        assert [r[0] for r in rows] == ["Chez Zorglub Canari", "Hôtel Canari"]
        rows = [r[1:] for r in rows]
    assert rows == OFFER_ROWS
    text = table.to_csv().lower()
    assert "rue canari" not in text and "06 99" not in text and "@" not in text   # never an address, phone, contact
    if not names:
        assert "canari" not in text and "zorglub" not in text


def test_offers_not_counted_are_listed_apart():
    f = tiny()
    aside = lodging.offers_table(f.tables.offers, ROLES["ville"], f.settings.nights, counted=False)
    assert [list(r) for r in aside.itertuples(index=False, name=None)] == [
        ["Auberge de jeunesse", "Saint-Marc", 4, "les deux nuits", "24,50\u00a0€", "non", "Retiré"],
        ["Camping", "Bellevue", 5, "les deux nuits", "9\u00a0€", "non", "Complet"],
    ]
    assert lodging.set_aside_label(f.tables.offers) == (
        "Offres non comptées : 2 offres, 9 places (complet, retiré ou statut inconnu)")


def test_types_table_gives_places_and_price_range_per_type():
    f = forum(hebergements=[["Nom", "Type", "Places", "Prix par nuit", "Accessible PMR", "Statut"],
                            ["A", "hôtel", "2", "79", "oui", ""], ["B", "hôtel", "1", "92", "non", ""],
                            ["C", "chez l'habitant", "3", "0", "non", ""], ["D", "camping", "4", "", "", ""],
                            ["E", "hôtel", "9", "50", "", "complet"]])
    table = lodging.types_table(f.tables.offers)
    assert [list(r) for r in table.itertuples(index=False, name=None)] == [
        ["Chez l'habitant", 1, 3, 0, "gratuit"],
        ["Camping", 1, 4, 0, "non renseigné"],
        ["Hôtel", 2, 3, 2, "de 79\u00a0€ à 92\u00a0€"],
    ]


def test_offers_views_on_an_empty_tab():
    f = forum(hebergements=[["Nom", "Places"]])
    assert list(lodging.offers_table(f.tables.offers, ROLES["comite"], f.settings.nights).columns) == [
        "Hébergeur", *lodging.OFFER_HEADERS]
    assert lodging.types_table(f.tables.offers).empty
    assert lodging.set_aside_label(f.tables.offers) is None


# ---------------------------------------------------------------- city


def test_buffet_table_on_tiny_workbook():
    f = tiny()
    figures = city.city_figures(f)
    table = city.buffet_table(figures.meals, figures.attendance, figures.rate)
    assert list(table.columns) == ["Indicateur", "mercredi 3 juillet", "jeudi 4 juillet"]
    assert [list(r) for r in table.itertuples(index=False, name=None)] == [
        ["Présent·es sur le site", 3, 3],
        ["Inscrit·es au buffet", 3, 2],
        ["Prévision avec 12,5\u00a0% d'absence", 3, 2],
        ["Régime : Omnivore", 0, 0],
        ["Régime : Végétarien", 1, 1],
        ["Régime : Végan", 1, 0],
        ["Régime : Sans gluten", 0, 0],
        ["Régime : Sans porc", 0, 1],
        ["Régime : Halal", 1, 0],
        ["Régime : Autre", 0, 0],
        ["Personnes allergiques", 2, 2],
        ["Allergie : gluten", 1, 0],
        ["Allergie : arachides", 1, 1],
        ["Allergie : lait", 0, 1],
        ["Allergie : fruits à coque", 0, 1],
    ]


def test_buffet_table_for_export_keeps_every_allergen_and_the_rate():
    f = tiny()
    figures = city.city_figures(f)
    table = city.buffet_table(figures.meals, figures.attendance, figures.rate, export=True)
    labels = list(table["Indicateur"])
    assert labels[3] == "Taux d'absence retenu (%)"
    assert list(table.iloc[3, 1:]) == [12.5, 12.5]
    assert [label for label in labels if label.startswith("Allergie : ")] == [
        "Allergie : gluten", "Allergie : crustacés", "Allergie : œufs", "Allergie : poissons", "Allergie : arachides",
        "Allergie : soja", "Allergie : lait", "Allergie : fruits à coque", "Allergie : céleri", "Allergie : moutarde",
        "Allergie : sésame", "Allergie : sulfites", "Allergie : lupin", "Allergie : mollusques", "Allergie : autre"]
    assert len(labels) == 4 + 7 + 1 + 15


def test_rooms_table_and_sentence_on_tiny_workbook():
    f = tiny()
    slots = city.city_figures(f).slots
    table = city.rooms_table(slots)
    assert list(table.columns) == city.ROOM_HEADERS
    assert [list(r) for r in table.itertuples(index=False, name=None)] == [
        ["mercredi 3 juillet", "9 h", "10 h", 2, f"+33 6 12 34 56 78, {HYPERLINK}", 37, 0],
        ["mercredi 3 juillet", "11 h", "12 h 30", 1, "@SUM(A1)", 0, 1],
        ["jeudi 4 juillet", "14 h", "15 h", 1, "-foo", 8, 0],
    ]
    assert city.rooms_sentence(slots) == (
        "4 séances dans 4 salles. Au plus fort, 37 personnes attendues le mercredi 3 juillet de 9 h à 10 h. "
        "L'effectif d'une séance n'est pas encore connu : elle ne compte pas dans les personnes attendues.")
    assert city.rooms_sentence([]) is None


def test_slots_by_day_for_a_table_whose_cells_wrap():
    (wednesday, first), (thursday, second) = city.slots_by_day(city.city_figures(tiny()).slots)
    assert (wednesday, thursday) == (D3, D4)
    nb = "\u00a0"                  # a time or a room name never splits over two lines
    assert [list(r) for r in first.itertuples(index=False, name=None)] == [
        [f"9{nb}h – 10{nb}h", "37", f"2 salles : +33{nb}6{nb}12{nb}34{nb}56{nb}78, {HYPERLINK}"],
        [f"11{nb}h – 12{nb}h{nb}30", "effectif inconnu", "@SUM(A1)"],
    ]
    assert [list(r) for r in second.itertuples(index=False, name=None)] == [[f"14{nb}h – 15{nb}h", "8", "-foo"]]
    mixed = {"day": D3, "start": 540, "end": 600, "rooms": ["A", "B", "C"], "people": 40, "unknown": 2}
    assert city.slots_by_day([mixed])[0][1].iloc[0, 1] == "40 (+ 2 séances à effectif inconnu)"
    assert city.slots_by_day([{**mixed, "people": 0}])[0][1].iloc[0, 1] == "effectif inconnu (2 séances)"
    assert city.slots_by_day([]) == []


@pytest.mark.parametrize("rate, expected", [(Decimal("0.1"), "10\u00a0%"), (Decimal("0.125"), "12,5\u00a0%"),
                                            (Decimal("0"), "0\u00a0%")])
def test_rate_text(rate, expected):
    assert city.rate_text(rate) == expected


def test_buffet_sentence():
    f = tiny()
    figures = city.city_figures(f)
    assert city.buffet_sentence(D3, figures.meals[D3], figures.rate) == (
        "3 inscrit·es au buffet, 3 repas prévus avec 12,5\u00a0% d'absence ; 2 personnes allergiques.")


def test_city_views_on_an_empty_workbook():
    f = forum(participants=[TINY["participants"][0]], planning=[TINY["planning"][0]])
    figures = city.city_figures(f)
    table = city.buffet_table(figures.meals, figures.attendance, figures.rate)
    assert list(table["mercredi 3 juillet"]) == [0] * 11      # 3 headcounts, 7 diets, allergies; no allergen group
    assert city.rooms_table(figures.slots).empty


# ---------------------------------------------------------------- quality


def test_issues_by_tab_errors_first_with_french_headers():
    f = forum(salles=[["Salle", "Capacité"], ["Amphi", "30 places"], ["B", "trente"]],
              participants=[["Nom", "Email", "Régime"], ["Ana Canari", "ana@canari.example", "frugivore"],
                            ["Ana Canari", "ana@canari.example", ""]])
    groups = quality.issues_by_tab(f, ROLES["benevole"])
    assert [g.slug for g in groups][:1] == ["salles"]          # the only tab with an error comes first
    salles = groups[0]
    assert salles.heading == "Salles — 1 erreur, 1 avertissement"
    assert list(salles.table.columns) == ["Ligne", "Colonne", "Gravité", "Valeur", "Problème"]
    assert [list(r) for r in salles.table.itertuples(index=False, name=None)] == [
        [3, "Capacité (B)", "Erreur", "trente",
         "« trente » n'est pas un nombre. Écrivez un nombre entier, par exemple 30. La ligne est ignorée."],
        [2, "Capacité (B)", "Avertissement", "30 places", "« 30 places » contient du texte : 30 est retenu. Écrivez seulement le nombre."],
    ]
    participants = next(g for g in groups if g.slug == "participants")
    dup = participants.table[participants.table["Colonne"] == "Email (B)"]
    assert list(dup["Valeur"]) == [""]                        # a personal column: never its value
    assert "canari" not in participants.table.to_csv().lower()


def test_values_of_name_columns_only_for_roles_with_names():
    f = forum(activites=[["Titre", "Porteur"], ["Atelier", "Zorglub"]])
    leader = Issue("activites", 2, "porteur", "warning", "unknown_value", "…", "Zorglub")
    capacity = Issue("salles", 3, "capacite", "error", "invalid_number", "…", "trente")
    for role, shown in ((ROLES["comite"], "Zorglub"), (ROLES["benevole"], ""), (ROLES["ville"], ""), (PUBLIC, "")):
        table, _ = quality.issues_table(f, [leader, capacity], role)
        assert list(table["Valeur"]) == ["trente", shown]


def _gsheets_forum(edit_url="https://docs.google.com/spreadsheets/d/KEY/edit"):
    sheets = [RawSheet("Salles", [["Salle", "Capacité"], ["Amphi", "30"], ["B", "trente"]], gid="123"),
              RawSheet("Planning", [["Jour", "Début"]], gid="456")]
    return build_forum(RawWorkbook("Google Sheets « Forum »", sheets, "gsheets", edit_url=edit_url))


def test_links_open_the_google_sheet_at_the_cell():
    f = _gsheets_forum()
    groups = {g.slug: g for g in quality.issues_by_tab(f, ROLES["benevole"])}
    assert list(groups["salles"].table["Lien"]) == ["https://docs.google.com/spreadsheets/d/KEY/edit#gid=123&range=B3"]
    assert groups["salles"].link_text == "Ouvrir la cellule"
    # A missing required column: the tab itself.
    assert list(groups["planning"].table["Lien"])[0] == "https://docs.google.com/spreadsheets/d/KEY/edit#gid=456"
    # A tab absent from the workbook has no gid: no link.
    assert "Lien" not in groups["participants"].table.columns


@pytest.mark.parametrize("edit_url", ["javascript:alert(1)//docs.google.com", "ftp://docs.google.com/x", None])
def test_no_link_unless_we_built_an_http_address(edit_url):
    f = _gsheets_forum(edit_url)
    assert all("Lien" not in g.table.columns for g in quality.issues_by_tab(f, ROLES["comite"]))


def test_no_link_for_a_file_source():
    f = forum(salles=[["Salle", "Capacité"], ["B", "trente"]])
    assert all("Lien" not in g.table.columns for g in quality.issues_by_tab(f, ROLES["comite"]))


def test_wiki_entries_link_to_their_page_and_never_to_other_schemes():
    refs = [RowRef(None, url="https://wiki.example.org/"), RowRef(None, entry="42", url="https://wiki.example.org/?42"),
            RowRef(None, entry="43", url="javascript:alert(1)")]
    sheet = RawSheet("Salles", [["Salle", "Capacité"], ["A", "trente"], ["B", "quinze"]], refs=refs, origin="yeswiki")
    f = build_forum(RawWorkbook("wiki", [sheet], "yeswiki"))
    group = quality.issues_by_tab(f, ROLES["benevole"])[0]
    assert list(group.table.columns) == ["Ligne", "Fiche", "Colonne", "Gravité", "Valeur", "Problème", "Lien"]
    assert list(group.table["Fiche"]) == ["42", "43"]
    assert [None if pd.isna(link) else link for link in group.table["Lien"]] == ["https://wiki.example.org/?42", None]
    assert group.link_text == "Ouvrir la fiche"
    assert list(group.table["Colonne"]) == ["Capacité", "Capacité"]  # a wiki field has no column letter
    items = quality.issue_items(group)
    assert [(i.where, i.link) for i in items] == [("Fiche « 42 » · Capacité", "https://wiki.example.org/?42"),
                                                  ("Fiche « 43 » · Capacité", None)]


def test_issue_items_show_a_value_only_when_the_problem_does_not_quote_it():
    f = forum(activites=[["Titre", "Porteur"], ["Atelier", "Zorglub"]])
    capacity = Issue("salles", 3, "capacite", "error", "invalid_number", "…", "tr\nente")
    quoted = Issue("salles", 4, "capacite", "error", "invalid_number",
                   "« trente » n'est pas un nombre.", "trente")
    tab = Issue("salles", None, None, "warning", "missing_tab", "absent.", None, tab_title="Salles")
    table, _ = quality.issues_table(f, [capacity, quoted, tab], ROLES["benevole"])
    group = quality.TabIssues("salles", "Salles", 2, 1, None, table, None)
    assert quality.issue_items(group) == [
        quality.IssueItem("Ligne 3 · Capacité", True, "Erreur", "…", "tr ente", None),
        quality.IssueItem("Ligne 4 · Capacité", True, "Erreur", "« trente » n'est pas un nombre.", None, None),
        quality.IssueItem("Onglet", False, "Avertissement", "Absent.", None, None),
    ]


def test_issue_item_links_are_safe_in_markdown():
    f = _gsheets_forum("https://docs.google.com/spreadsheets/d/K(1)/edit")
    [item] = quality.issue_items(next(g for g in quality.issues_by_tab(f, ROLES["comite"]) if g.slug == "salles"))
    assert item.link == "https://docs.google.com/spreadsheets/d/K%281%29/edit#gid=123&range=B3"


def test_rows_table_and_totals():
    f = forum(salles=[["Salle", "Capacité"], ["Amphi", "30"], ["B", "trente"]], planning=[["Jour", "Salle"]])
    table = quality.rows_table(f)
    rows = {r[0]: list(r[1:]) for r in table.itertuples(index=False, name=None)}
    assert rows["Salles"] == ["lu", 2, 1, 1, 1, 0]
    assert rows["Planning"] == ["inutilisable", 0, 0, 0, 2, 0]        # Début and Activité missing
    assert rows["Hébergements"] == ["absent", 0, 0, 0, 0, 1]
    t = quality.totals(f)
    assert (t.errors, t.read, t.used, t.rejected) == (3, 2, 1, 1)


@pytest.mark.parametrize("issue, message, expected", [
    (Issue("salles", 7, "capacite", "error", "x", "« x » n'est pas un nombre.", header="Capacité"),
     "Ligne 7, colonne « Capacité » : « x » n'est pas un nombre.", "« x » n'est pas un nombre."),
    (Issue("salles", 7, None, "warning", "x", "doublon de la ligne 9."),
     "Ligne 7 : doublon de la ligne 9.", "Doublon de la ligne 9."),
    (Issue("activites", None, "titre", "error", "x", "cette case est vide.", entry="42", header="Titre"),
     "Fiche « 42 », champ « Titre » : cette case est vide.", "Cette case est vide."),
    (Issue("salles", None, None, "warning", "x", "Onglet « Salles » introuvable : ses chiffres valent zéro."),
     "Onglet « Salles » introuvable : ses chiffres valent zéro.", "Onglet « Salles » introuvable : ses chiffres valent zéro."),
])
def test_problem_text_leaves_the_place_to_the_table(issue, message, expected):
    assert (issue.message, quality.problem_text(issue)) == (message, expected)


def test_guide_is_french_and_covers_the_basics():
    for words in ("jour d'abord", "virgules", "ligne la\nplus basse", "onglets attendus", "Rafraîchir"):
        assert words in quality.GUIDE
