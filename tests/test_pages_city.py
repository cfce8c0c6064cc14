"""Hébergement, Ville and Qualité des données through the frame (AppTest): the sample, the TINY workbook whose
figures are computed by hand (tests/workbooks.py), a missing tab, an empty workbook, hostile cells, roles."""
from __future__ import annotations

from forum_data.forum import load_forum
from forum_data.schema import TABS

from ui.text import plain

from tests.apptest import PASSWORDS, dashboard, figures, open_page, open_tab, texts
from tests.workbooks import CANARIES, HYPERLINK, TINY

LODGING, CITY, QUALITY = "pages/hebergement.py", "pages/ville.py", "pages/qualite.py"
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
HOSTILE = "[x](javascript:alert(1)) **gras** $x$ :red[x] <img src=x onerror=alert(1)>"
TINY_TABS = {TABS[slug].title: rows for slug, rows in TINY.items()}


def open_sample(page: str):
    at = dashboard().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def bars(figure: dict) -> dict[str, list]:
    return {t["name"]: t["x"] if t.get("orientation") == "h" else t["y"] for t in figure["data"]}


def bodies(at) -> list[str]:
    return [str(e.value) for kind in MARKDOWN_KINDS for e in at.main.get(kind)]


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.main.get("metric")}


def downloads(at) -> list[tuple[str, str]]:
    return [(b.proto.label, b.proto.url.rsplit(".", 1)[-1]) for b in at.get("download_button")]


def everything(at) -> str:
    """Every text and every table cell the page shows, lowercased, for privacy checks."""
    cells = [frame.value.to_csv() for frame in [*at.main.dataframe, *at.main.table]]
    charts = [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(texts(at, sidebar=False) + cells + charts).lower()


# ---------------------------------------------------------------- the sample (open demo, committee)


def test_sample_lodging_page(isolated):
    at = open_sample(LODGING)
    assert at.title[0].value == "Hébergement"
    assert [s.value for s in at.success] == ["Nuit du 2 au 3 juillet : tout le monde est logé (25 besoins, 29 places)."]
    assert [w.value for w in at.warning] == ["Nuit du 3 au 4 juillet : 3 places manquent, dont 1 accessible."]
    # The page opens on tables (no chart, no data grid): nights, then offers by type and price.
    assert figures(at) == [] and not at.dataframe
    nights_table, by_type = (t.value for t in at.table)
    assert list(nights_table.iloc[1]) == ["Nuit du 3 au 4 juillet", 26, 23, 23, 3, 2]
    assert list(by_type["Places"]) == [15, 5, 4, 7, 4]
    open_tab(at, "hebergement_nuits", "Graphiques")
    nights, accessible = figures(open_tab(at, "hebergement_offres", "Graphique"))[:2]
    types = figures(at)[2]
    assert bars(nights) == {"Besoins": [25, 26], "Places proposées": [29, 23], "Personnes logées": [25, 23]}
    # Accessible places: Chez Yvonne 2 (both nights) + the CROUS residence 3 (night of 2 July only).
    assert bars(accessible) == {"Besoins accessibles (PMR)": [2, 3], "Places accessibles": [5, 2]}
    assert types["data"][0]["y"] == ["Résidence", "Hôtel", "Camping", "Auberge de jeunesse", "Chez l'habitant"]
    assert types["data"][0]["x"] == [4, 7, 4, 5, 15]
    open_tab(at, "hebergement_offres", "Offres comptées")
    assert len(at.dataframe) == 1                                     # the set-aside offers: once opened
    at.session_state["hebergement_ecartees"] = True
    at.run()
    offers, aside = (d.value for d in at.dataframe)
    assert list(offers.columns) == ["Hébergeur", "Type", "Quartier", "Places", "Nuits", "Prix par nuit", "PMR", "Statut"]
    assert "Chez Yvonne" in list(offers["Hébergeur"])                 # the committee sees hosts' names
    assert len(offers) == 18 and offers["Places"].sum() == 15 + 5 + 4 + 7 + 4
    assert [e.label for e in at.main.get("expander")] == [
        "Offres non comptées : 2 offres, 5 places (complet, retiré ou statut inconnu)"]
    assert sorted(aside["Statut"]) == ["Complet", "Retiré"]
    shown = everything(at)
    for personal in ("rue imaginaire", "quai imaginaire", "06 39 98", "01 99 00", "patrick le gall", "réception"):
        assert personal not in shown                                 # addresses, phones, contacts


def test_sample_city_page_shows_no_names_even_to_the_committee(isolated):
    at = open_sample(CITY)
    assert at.title[0].value == "Ville de Brest : buffet et salles"
    assert metrics_of(at) == {"Repas prévus le mercredi 3 juillet": "108", "Repas prévus le jeudi 4 juillet": "99"}
    assert figures(at) == []                                     # the charts wait in their tab (lazy)
    [buffet] = (t.value for t in at.table)                       # static tables: their cells wrap on a phone
    assert list(buffet.iloc[2]) == ["Prévision avec 10\u00a0% d'absence", 108, 99]
    assert len(downloads(at)) == 4
    seen = everything(at)
    open_tab(at, "ville_vue", "Salles utilisées")
    seen += everything(at)
    wednesday, thursday = (t.value for t in at.table)
    assert [m.value for m in at.main.markdown if m.value.startswith("**")] == ["**Mercredi 3 juillet**",
                                                                               "**Jeudi 4 juillet**"]
    assert list(wednesday.columns) == ["Horaire", "Personnes attendues", "Salles"]
    assert [c.replace("\u00a0", " ") for c in wednesday.iloc[4]] == [
        "16 h – 17 h 30", "155 \\(\\+ 1 séance à effectif inconnu\\)",
        "5 salles \\: Amphi B, Salle B 001, Salle B 003, Salle B 104, Salle C 010"]
    assert list(thursday["Personnes attendues"])[1] == "265"
    open_tab(at, "ville_vue", "Graphiques")
    headcounts, diets, allergens = figures(at)
    assert bars(headcounts) == {"Présent·es sur le site": [129, 119], "Inscrit·es au buffet": [120, 109],
                                "Prévision avec 10\u00a0% d'absence": [108, 99]}
    assert bars(diets)["mercredi 3 juillet"] == [1, 1, 3, 3, 5, 23, 84]   # Autre … Omnivore, bottom-up
    assert allergens["layout"]["title"]["text"] == "Allergies par groupe d'allergènes"
    assert not at.table                                          # the other tabs wait
    assert downloads(at) == [("Tableur Excel (buffet et salles)", "xlsx"), ("Buffet en CSV", "csv"),
                             ("Salles en CSV", "csv"), ("Résumé imprimable (HTML, une page A4)", "html")]
    forum = load_forum()
    people = [p.name.lower() for p in forum.tables.participants] + [m.name.lower() for m in forum.tables.members]
    hosts = [o.name.lower() for o in forum.tables.offers]
    leaders = [p.leader.lower() for p in forum.tables.proposals if p.leader]
    shown = (seen + everything(at)).replace("ville de brest : buffet et salles", "")   # the page's own title
    leaked = [name for name in people + hosts + leaders if name and name in shown]
    assert leaked == []


def test_sample_quality_page(isolated):
    at = open_sample(QUALITY)
    assert at.title[0].value == "Qualité des données"
    # 299 rows: the sample's tabs, Paramètres with its « Créneaux » row (7 rows read, 7 used).
    assert metrics_of(at) == {"Erreurs": "2", "Avertissements": "11", "Lignes lues": "299", "Lignes utilisées": "294",
                              "Lignes écartées": "5"}
    assert [e.label for e in at.main.get("expander")] == [
        "Salles — 1 erreur, 1 avertissement", "Planning — 1 erreur, 3 avertissements", "Collectif — 1 avertissement",
        "Activités — 4 avertissements", "Participants — 2 avertissements",
        "Les règles du classeur : dates, heures, nombres, listes, statuts"]
    # Lazy lists: those with an error are open (and sent), the others once opened.
    assert [bool(e.markdown) for e in at.main.get("expander")] == [True, True, False, False, False, False]
    for slug in ("collectif", "activites", "participants", "comment_corriger"):
        at.session_state[f"qualite_{slug}"] = True
    at.run()
    assert not at.dataframe                           # the issues are lists, whose sentences wrap on any screen
    [rows] = (t.value for t in at.table)              # and the counts a static table: no data grid to load
    assert list(rows["Onglet"]) == [t.title for t in TABS.values()]
    salles, planning, collectif, activites, participants, rules = (
        e.markdown[0].value.replace("\\", "") for e in at.main.get("expander"))
    assert salles.split("\n") == [
        "- :red-badge[Erreur] **Ligne 10 · Capacité (C)**  ",
        "  « trente » n'est pas un nombre. Écrivez un nombre entier, par exemple 30. La ligne est ignorée.",
        "- :orange-badge[Avertissement] **Ligne 6 · Capacité (C)**  ",
        "  « 30 places » contient du texte : 30 est retenu. Écrivez seulement le nombre."]
    assert "**Ligne 43 · Email (C)**" in participants and "Valeur lue" not in participants   # never a personal value
    assert "Ouvrir la cellule" not in planning                          # a CSV sample: no link
    assert downloads(at) == [("Télécharger un classeur vide", "xlsx")]
    assert "Comment corriger" in [h.value for h in at.main.get("header")]
    assert "jour d'abord" in rules


# ---------------------------------------------------------------- TINY (a real source: public role, no names)


def test_tiny_lodging_page_without_names(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, TINY_TABS, LODGING)
    assert [w.value for w in at.warning] == ["Nuit du 2 au 3 juillet : 1 place accessible manque."]
    assert [s.value for s in at.success] == ["Nuit du 3 au 4 juillet : tout le monde est logé (2 besoins, 5 places)."]
    assert [c for c in CANARIES if c in everything(at)] == []
    open_tab(at, "hebergement_nuits", "Graphiques")
    nights, accessible, types = figures(open_tab(at, "hebergement_offres", "Graphique"))
    assert bars(nights) == {"Besoins": [2, 2], "Places proposées": [2, 5], "Personnes logées": [1, 2]}
    assert bars(accessible) == {"Besoins accessibles (PMR)": [1, 1], "Places accessibles": [0, 3]}
    assert types["data"][0]["x"] == [3, 2]
    assert [c for c in CANARIES if c in everything(at)] == []
    offers = open_tab(at, "hebergement_offres", "Offres comptées").dataframe[0].value
    assert list(offers.columns) == ["Type", "Quartier", "Places", "Nuits", "Prix par nuit", "PMR", "Statut"]
    shown = everything(at)
    assert [c for c in CANARIES if c in shown] == []


def test_tiny_city_page(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, TINY_TABS, CITY)
    assert metrics_of(at) == {"Repas prévus le mercredi 3 juillet": "3", "Repas prévus le jeudi 4 juillet": "2"}
    assert [c for c in CANARIES if c in everything(at)] == []
    open_tab(at, "ville_vue", "Salles utilisées")
    [wednesday, thursday] = (t.value for t in at.table)
    assert [c.replace("\\", "").replace("\u00a0", " ") for c in [*wednesday["Salles"], *thursday["Salles"]]] == [
        f"2 salles : +33 6 12 34 56 78, {HYPERLINK}", "@SUM(A1)", "-foo"]
    assert [c.replace("\\", "") for c in [*wednesday["Personnes attendues"], *thursday["Personnes attendues"]]] == [
        "37", "effectif inconnu", "8"]
    assert ("4 séances dans 4 salles. Au plus fort, 37 personnes attendues le mercredi 3 juillet de 9 h à 10 h. "
            "L'effectif d'une séance n'est pas encore connu : elle ne compte pas dans les personnes attendues."
            ) in [m.value for m in at.markdown]
    assert len(downloads(at)) == 4
    shown = everything(at)
    assert [c for c in CANARIES if c in shown] == []
    open_tab(at, "ville_vue", "Graphiques")
    assert bars(figures(at)[0])["Prévision avec 12,5\u00a0% d'absence"] == [3, 2]
    assert [c for c in CANARIES if c in everything(at)] == []


def test_names_of_hosts_follow_the_role(isolated, monkeypatch):
    for password, names in ((PASSWORDS["comite"], True), (PASSWORDS["benevole"], False), (PASSWORDS["ville"], False)):
        at = open_tab(open_page(monkeypatch, isolated, TINY_TABS, LODGING, password), "hebergement_offres",
                      "Offres comptées")
        offers = at.dataframe[0].value
        assert ("Hébergeur" in offers.columns) is names
        assert ("chez zorglub canari" in everything(at)) is names
        city = open_page(monkeypatch, isolated, TINY_TABS, CITY, password)
        assert [c for c in CANARIES if c in everything(city)] == []


# ---------------------------------------------------------------- a missing tab, an empty workbook


def test_missing_tabs_are_named_in_a_friendly_message(isolated, monkeypatch):
    tabs = {"Salles": TINY["salles"], "Planning": TINY["planning"]}         # no Participants, no Hébergements
    at = open_page(monkeypatch, isolated, tabs, LODGING)
    infos = [i.value for i in at.main.info]
    assert any("L'onglet « Participants » n'est pas dans le classeur" in i for i in infos)
    assert any("L'onglet « Hébergements » n'est pas dans le classeur" in i for i in infos)
    assert figures(at) == []
    at = open_page(monkeypatch, isolated, tabs, CITY)
    assert any("L'onglet « Participants » n'est pas dans le classeur" in i.value for i in at.info)
    assert figures(at) == [] and len(downloads(at)) == 4
    open_tab(at, "ville_vue", "Salles utilisées")
    assert [c for t in at.table for c in t.value["Personnes attendues"]] == [
        "37", "effectif inconnu", "8"]
    assert len(downloads(at)) == 4                                          # the rooms are worth a download
    at = open_page(monkeypatch, isolated, tabs, QUALITY)
    labels = [e.label for e in at.main.get("expander")]
    assert "Participants — 1 avertissement" in labels and "Hébergements — 1 avertissement" in labels


def test_empty_workbook(isolated, monkeypatch):
    tabs = {t.title: [[c.header for c in t.columns]] for t in TABS.values()}
    at = open_page(monkeypatch, isolated, tabs, LODGING)
    assert figures(at) == []
    infos = [i.value for i in at.main.info]
    assert "L'onglet « Participants » est encore vide : remplissez-le pour voir les besoins d'hébergement." in infos
    assert infos == ["L'onglet « Participants » est encore vide : remplissez-le pour voir les besoins d'hébergement.",
                     "L'onglet « Hébergements » est encore vide : ajoutez-y une ligne par offre (Nom, Type, Places, "
                     "Nuits, Statut) pour voir les places proposées."]
    at = open_page(monkeypatch, isolated, tabs, CITY)
    assert figures(at) == []
    assert len(at.dataframe) == 0
    assert "L'onglet « Participants » est encore vide : remplissez-le pour voir le nombre de repas." in [
        i.value for i in at.info]
    assert downloads(at) == []
    assert "L'onglet « Planning » est encore vide : remplissez-le pour voir les salles utilisées." in [
        i.value for i in open_tab(at, "ville_vue", "Salles utilisées").info]
    assert not open_tab(at, "ville_vue", "Graphiques").get("plotly_chart")
    at = open_page(monkeypatch, isolated, tabs, QUALITY)
    assert metrics_of(at)["Lignes lues"] == "0"
    assert [s.value for s in at.success] == ["Aucun problème : toutes les lignes du classeur ont été lues."]
    assert downloads(at) == [("Télécharger un classeur vide", "xlsx")]


# ---------------------------------------------------------------- hostile cells


def test_hostile_cells_show_as_text(isolated, monkeypatch):
    tabs = dict(TINY_TABS)
    tabs["Hébergements"] = [TINY["hebergements"][0],
                            [HOSTILE, "chez l'habitant", "2", "", HOSTILE, "", "", "0", "non", "", ""],
                            ["Chez B", "hôtel", HOSTILE, "", "Siam", "", "", "", "", "", ""]]
    tabs["Salles"] = [["Salle", "Capacité"], [HOSTILE, "20"]]
    tabs["Planning"] = [TINY["planning"][0], ["03/07/2024", "9h", "10h", HOSTILE, HOSTILE, "12"]]
    # A tab whose title (as the volunteer typed it) is hostile too: « … - Participants » reads as Participants.
    tabs[f"{HOSTILE.replace('/', '')} - Participants"] = tabs.pop("Participants") + [["", "", "", "", "", "", "", "",
                                                                                     "", "", "", "perdu"]]
    for page in (LODGING, CITY, QUALITY):
        at = open_page(monkeypatch, isolated, tabs, page)
        for body in bodies(at) + [e.label for e in at.main.get("expander")]:
            assert "<img" not in body and "](javascript" not in body and "**gras**" not in body, body
        cells = "\n".join(frame.value.to_csv() for frame in at.main.dataframe)
        if page == LODGING:
            open_tab(at, "hebergement_offres", "Offres comptées")
            assert HOSTILE in list(at.dataframe[0].value["Quartier"])          # shown as typed, in a table cell
        if page == CITY:
            open_tab(at, "ville_vue", "Salles utilisées")
            assert list(at.table[0].value["Salles"]) == [plain(HOSTILE)]      # shown as typed, escaped
        if page == QUALITY:
            assert plain(HOSTILE) in "\n".join(bodies(at))                  # the unreadable Places, as typed
            label = next(e.label for e in at.main.get("expander") if "Participants" in e.label)
            assert label.startswith("\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*gras\\*\\*")


def test_a_long_list_of_issues_comes_when_opened_as_thirty_items_and_a_table(isolated, monkeypatch):
    # 33 rooms typed « 30 places »: 33 warnings in Salles (the number is kept), 3 more than the list shows.
    salles = [["Salle", "Capacité"]] + [[f"Salle {n}", "30 places"] for n in range(1, 34)]
    at = open_page(monkeypatch, isolated, {"Salles": salles}, QUALITY)
    [expander] = [e for e in at.main.get("expander") if e.label.startswith("Salles")]
    assert expander.label == "Salles — 33 avertissements"
    assert not expander.markdown and not at.dataframe                # collapsed, warnings only: not sent yet
    at.session_state["qualite_salles"] = True                         # the volunteer opens it
    at.run()
    [expander] = [e for e in at.main.get("expander") if e.label.startswith("Salles")]
    items = expander.markdown[0].value.replace("\\", "").split("\n- ")
    assert len(items) == 30 and "Ligne 2 · Capacité (B)" in items[0] and "Ligne 31 · Capacité (B)" in items[29]
    assert expander.markdown[1].value.replace("\\", "").startswith("… et 3 autres problèmes dans cet onglet.")
    assert not at.dataframe                                           # the whole table: on request
    at.toggle(key="qualite_tableau_salles").set_value(True).run()
    table = at.dataframe[0].value
    assert list(table["Ligne"]) == list(range(2, 35))
    assert set(table["Gravité"]) == {"Avertissement"}
