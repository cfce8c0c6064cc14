"""Faisabilité, Propositions and Salles through the frame (AppTest): the sample, a small workbook whose
figures are computed by hand, a missing tab, an empty workbook, hostile cells, and names per role."""
from __future__ import annotations

import json

import pytest

from forum_data.charts.style import PLOTLY_CONFIG
from forum_data.views.common import TEMPLATE_HINT

from tests.builders import write_csv_workbook
from tests.apptest import PASSWORDS, dashboard, figures, login, open_page, open_tab, password_secrets, texts
from tests.workbooks import ACTS, COLLECTIF, MEMBERS, ROOMS, SESSIONS

PAGES = ("pages/faisabilite.py", "pages/propositions.py", "pages/salles.py")
# The lazy tabs that hold each page's charts: (key, label) as clicking them sets.
CHART_TABS = {"pages/faisabilite.py": [("faisabilite_vue", "Au fil du temps"),
                                       ("faisabilite_vue", "Missions et partenaires")],
              "pages/propositions.py": [("propositions_vue", "Graphiques")],
              "pages/salles.py": [("salles_vue", "Mercredi 3 juillet"), ("salles_vue", "Jeudi 4 juillet")],
              "pages/hebergement.py": [("hebergement_nuits", "Graphiques"), ("hebergement_offres", "Graphique")],
              "pages/ville.py": [("ville_vue", "Graphiques")]}
MARKDOWN_KINDS = ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
HOSTILE = "[x](javascript:alert(1)) **gras** $x$ :red[x] <img src=x onerror=alert(1)>"

SMALL = {
    "Paramètres": [["Paramètre", "Valeur"], ["Seuil collectif", "6"], ["Date limite", "31/03/2024"],
                   ["Date de référence", "16/03/2024"]],
    "Collectif": [COLLECTIF, *MEMBERS],
    "Partenaires": [["Structure", "Statut"], ["Ville", "confirmé"], ["UBO", "signé"], ["Coop", "refus"],
                    ["Radio", ""]],
    "Activités": ACTS,
    "Salles": ROOMS,
    "Planning": SESSIONS,
}


def bodies(at) -> list[str]:
    return [str(e.value) for kind in MARKDOWN_KINDS for e in at.main.get(kind)]


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.main.get("metric")}


# ---------------------------------------------------------------- the sample (open demo, committee)


def test_sample_faisabilite(isolated):
    at = dashboard().run()
    assert not at.exception
    assert at.title[0].value == "Faisabilité du forum"
    assert [s.value for s in at.success][0] == (
        "Au 31 mars, date de décision, le collectif comptait 21 membres actifs pour un seuil de 20 \\: le forum est "
        "viable \\(seuil atteint le 25 mars\\)\\.")
    assert metrics_of(at) == {"Membres actifs": "21", "Il en manque": "0", "Intéressé·es à convaincre": "2",
                              "Propositions": "38", "Partenaires confirmés": "6"}
    # « En bref »: the figures in words, no chart sent (Plotly's code is not even loaded).
    assert figures(at) == []
    [bar] = at.main.get("progress")
    assert bar.proto.value == 100 and bar.proto.text == "21 membres actifs pour un seuil de 20"
    assert "Mission sans personne active \\: Documentation\\." in [w.value for w in at.warning]
    assert "Partenaires \\: 6 confirmés, 3 contactés, 3 pressentis, 3 déclinés\\." in [m.value for m in at.markdown]
    gauge, curve = figures(open_tab(at, "faisabilite_vue", "Au fil du temps"))
    assert gauge["data"][0]["value"] == 21 and gauge["data"][0]["gauge"]["threshold"]["value"] == 20
    assert curve["data"][0]["y"][-1] == 21 and curve["data"][0]["x"][-1] == "2024-03-31"
    missions, partners = figures(open_tab(at, "faisabilite_vue", "Missions et partenaires"))
    assert partners["data"][0]["x"] == [3, 3, 6, 3]
    assert missions["data"][0]["text"][-1] == '<span style="color:#D55E00">aucune personne</span>'   # Documentation
    assert "Mission sans personne active \\: Documentation\\." in [w.value for w in at.warning]
    [expander] = at.main.get("expander")
    assert expander.label == "Membres actifs : qui fait quoi ?"
    assert not at.dataframe                                   # lazy: the names are sent once the list is opened
    at.session_state["faisabilite_membres"] = True            # what opening the expander sets
    at.run()
    assert "Morgane Le Bihan" in list(at.dataframe[0].value["Nom"])


def test_sample_propositions(isolated):
    at = dashboard().run()
    at.switch_page("pages/propositions.py").run()
    assert not at.exception
    table = at.table[0].value                                  # « Par thème »: the chart's figures, no chart sent
    assert figures(at) == []
    assert dict(zip(table["Thème"], table["Total"])) == {"Culture": 10, "ESS": 10, "Transitions": 11,
                                                          "Participation": 14, "Numérique": 15, "Autre": 2}
    stacked, balance, funnel = figures(open_tab(at, "propositions_vue", "Graphiques"))
    totals = {}
    for trace in stacked["data"]:
        for theme, n in zip(trace["x"], trace["y"]):
            totals[theme] = totals.get(theme, 0) + n
    assert totals == {"Culture": 10, "ESS": 10, "Transitions": 11, "Participation": 14, "Numérique": 15, "Autre": 2}
    assert balance["data"][0]["x"] == [10, 10, 11, 14, 15, 2]
    assert funnel["data"][0]["x"] == [38, 31, 24]
    # « Retenues » keeps one meaning on the page: retained, not yet programmed (the sentence says the same).
    assert metrics_of(at) == {"Propositions": "38", "À étudier": "7", "Retenues à programmer": "7", "Programmées": "24"}
    assert at.markdown[0].value.startswith("38 propositions en cours \\: 7 à étudier, 7 retenues à programmer, "
                                           "24 programmées")
    open_tab(at, "propositions_vue", "Toutes les propositions")
    assert "Porteur·se" in at.dataframe[0].value.columns
    assert len(at.dataframe[0].value) == 40
    open_tab(at, "propositions_vue", "Pas encore au planning")
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "8 propositions n'ont encore ni salle ni horaire dans l'onglet Planning : 7 retenues à programmer et 1 marquée "
        "«\u00a0programmée\u00a0» (ajoutez-la au planning ou corrigez son statut)."]
    assert list(at.dataframe[0].value["Titre"])[:2] == ["Le droit à l'erreur dans les projets coopératifs",
                                                       "Les SCIC culturelles, un modèle pour les lieux ?"]


def test_sample_propositions_filters(isolated):
    at = dashboard().run()
    at.switch_page("pages/propositions.py").run()
    open_tab(at, "propositions_vue", "Toutes les propositions")
    theme = next(m for m in at.multiselect if m.label == "Thème")
    status = next(m for m in at.multiselect if m.label == "Statut")
    theme.select("culture")
    status.select("retenue")
    at.run()
    assert not at.exception
    assert list(at.dataframe[0].value["Titre"]) == ["Les SCIC culturelles, un modèle pour les lieux ?",
                                                   "Bibliothèques, troisièmes lieux ?",
                                                   "Fab lab et école : bricoler pour apprendre"]


def test_sample_salles(isolated):
    at = dashboard().run()
    at.switch_page("pages/salles.py").run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["À régler", "Mercredi 3 juillet", "Jeudi 4 juillet", "Les salles"]
    assert metrics_of(at) == {"Salles": "9", "Séances au planning": "27", "En surcharge": "2",
                              "Conflits de salle": "1", "Charge maximale": "140\u00a0%"}
    warnings = [w.value for w in at.warning]                   # « À régler », the tab the page opens on
    assert len(warnings) == 3 and not figures(at)
    assert warnings[0].startswith("Mercredi 3 juillet, 11 h – 12 h 30, Salle B 002 \\: «\u00a0Coopérer entre associations")
    # The hall (250 places, free at 11 h) is not reservable: the suggestion is the next big room free then.
    assert "Suggestion \\: Amphi A \\(300 places\\) est libre à cette heure\\." in warnings[0]
    [wednesday] = figures(open_tab(at, "salles_vue", "Mercredi 3 juillet"))   # lazy: only that day's heat map
    assert wednesday["layout"]["title"]["text"].startswith("Charge des salles, mercredi 3 juillet")
    heat = wednesday["data"][0]
    assert heat["type"] == "heatmap" and heat["x"] == ["9 h 30", "11 h", "12 h 30", "14 h", "16 h"]
    row = heat["y"].index("Salle B 002")
    assert heat["text"][row][1] == "42<br>/ 30" and heat["z"][row][1] == 2
    row = heat["y"].index("Salle B 003")
    assert heat["text"][row][4] == "?<br>/ 32" and heat["z"][row][4] == 3
    rooms = open_tab(at, "salles_vue", "Les salles").dataframe[0].value
    assert list(rooms.columns) == ["Salle", "Bâtiment", "Capacité", "Accessible PMR", "Équipements",
                                   "Jours disponibles", "Séances"]
    assert len(rooms) == 9
    [thursday] = figures(open_tab(at, "salles_vue", "Jeudi 4 juillet"))
    assert thursday["layout"]["title"]["text"].startswith("Charge des salles, jeudi 4 juillet")
    thursday_heat = thursday["data"][0]
    row = thursday_heat["y"].index("Salle B 001")
    assert thursday_heat["text"][row][1:3] == ["⚠ 30<br>/ 40", "⚠ 20<br>/ 40"]


# ---------------------------------------------------------------- a small workbook, by hand


def test_small_workbook_faisabilite_projects_the_pace(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, SMALL, "pages/faisabilite.py")
    # 4 active from 1 to 16 March (0.25 a day); 2 more needed: 8 days → 24 March.
    assert [w.value for w in at.warning][0] == (
        "Pas encore viable \\: il faudrait 2 membres de plus d'ici le 31 mars ; au rythme actuel, le seuil serait "
        "atteint vers le 24 mars, avant la date limite\\.")
    assert metrics_of(at) == {"Membres actifs": "4", "Il en manque": "2", "Intéressé·es à convaincre": "1",
                              "Propositions": "2", "Partenaires confirmés": "2"}
    curve = figures(open_tab(at, "faisabilite_vue", "Au fil du temps"))[1]
    assert [t["name"] for t in curve["data"]] == ["Membres actifs inscrits", "Au rythme actuel", "Seuil (6)"]
    assert curve["data"][1]["y"] == [4, 7.75]
    # A real source without [access]: figures only, no names.
    assert not at.main.get("expander")
    assert "Morgane Le Bihan" not in " ".join(texts(at))


def test_small_workbook_salles(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, SMALL, "pages/salles.py")
    assert [w.value for w in at.warning][1] == (
        "Mercredi 3 juillet, Salle A \\: «\u00a0Grand atelier\u00a0» \\(9 h – 10 h\\) et «\u00a0Petit atelier\u00a0» "
        "\\(9 h 30 – 10 h 30\\) se chevauchent\\.  \nSuggestion \\: Amphi B \\(100 places\\) est libre à cette heure "
        "pour «\u00a0Petit atelier\u00a0»\\.")
    heat = figures(open_tab(at, "salles_vue", "Mercredi 3 juillet"))[0]["data"][0]
    assert heat["y"] == ["Salle A", "Amphi B", "Salle C"]
    assert heat["z"] == [[2, 0, 0], [None, None, None], [3, None, None]]


# ---------------------------------------------------------------- a missing tab, an empty workbook


@pytest.mark.parametrize("page, tab, notice", [
    ("pages/faisabilite.py", "Collectif", "ajoutez un onglet nommé « Collectif », avec une ligne par membre du "
                                          "collectif (Nom, Date d'inscription, Rôles, Statut), pour savoir si le "
                                          "forum est viable."),
    ("pages/faisabilite.py", "Partenaires", "ajoutez un onglet nommé « Partenaires », avec une ligne par structure "
                                            "partenaire (Structure, Type, Statut), pour suivre les partenariats."),
    ("pages/propositions.py", "Activités", "ajoutez un onglet nommé « Activités », avec une ligne par proposition "
                                           "d'activité (Titre, Porteur, Thèmes, Format, Statut), pour suivre l'appel "
                                           "à propositions."),
    ("pages/salles.py", "Salles", "ajoutez un onglet nommé « Salles », avec une ligne par salle (Salle, Capacité, "
                                  "Accessible PMR, Équipements), pour voir la charge des salles."),
    ("pages/salles.py", "Planning", "ajoutez un onglet nommé « Planning », avec une ligne par séance (Jour, Début, "
                                    "Fin, Salle, Activité, Participants attendus), pour voir l'occupation des salles."),
])
def test_a_missing_tab_is_named_in_a_friendly_note(isolated, monkeypatch, page, tab, notice):
    tabs = {k: v for k, v in SMALL.items() if k != tab}
    at = open_page(monkeypatch, isolated, tabs, page)
    infos = [i.value for i in at.info]
    expected = f"L'onglet « {tab} » n'est pas dans le classeur : {notice} {TEMPLATE_HINT}"
    assert expected in infos, infos


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_workbook_gives_notes_not_empty_charts(isolated, monkeypatch, page):
    tabs = {title: rows[:1] for title, rows in SMALL.items() if title != "Paramètres"}
    at = open_page(monkeypatch, isolated, tabs, page)
    assert at.info, "a friendly note is expected"
    assert not at.get("plotly_chart")
    for key, label in CHART_TABS[page]:                  # nor once their tab is opened
        assert not open_tab(at, key, label).get("plotly_chart")
    if page == "pages/faisabilite.py":
        assert metrics_of(at)["Membres actifs"] == "0"
        # Under « Missions », what to fill in rather than an empty column.
        assert [i.value for i in at.info][1].startswith("Ajoutez les membres dans l'onglet « Collectif », avec leurs "
                                                         "missions dans la colonne « Rôles »")


def test_a_role_without_the_quality_page_is_not_sent_there(isolated, monkeypatch):
    tabs = {k: v for k, v in SMALL.items() if k != "Salles"}
    monkeypatch.setenv("FORUM_SOURCE", str(write_csv_workbook(isolated / "classeur", tabs)))
    password_secrets(monkeypatch, isolated)
    at = dashboard().run()
    login(at, PASSWORDS["ville"])
    at.switch_page("pages/salles.py").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == [
        "L'onglet « Salles » n'est pas dans le classeur : ajoutez un onglet nommé « Salles », avec une ligne par salle "
        "(Salle, Capacité, Accessible PMR, Équipements), pour voir la charge des salles."]


@pytest.mark.parametrize("page", [*PAGES, "pages/hebergement.py", "pages/ville.py"])
def test_no_chart_has_a_mode_bar(isolated, page):
    at = dashboard().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not at.get("plotly_chart")                    # each page opens on figures; charts wait in their tab
    for key, label in CHART_TABS[page]:
        charts = open_tab(at, key, label).get("plotly_chart")
        assert charts and [json.loads(c.proto.config) for c in charts] == [PLOTLY_CONFIG] * len(charts)


# ---------------------------------------------------------------- hostile cells


def hostile_tabs():
    tabs = {k: [list(r) for r in v] for k, v in SMALL.items()}
    tabs["Collectif"][1][2] = HOSTILE                 # structure
    tabs["Activités"].append([HOSTILE, HOSTILE, "culture", "atelier", "60", "50", "", "retenue", "sono"])
    tabs["Salles"].append([HOSTILE, "10", "non", HOSTILE, ""])
    tabs["Planning"].append(["03/07/2024", "9h", "10h", HOSTILE, HOSTILE, "12"])
    tabs["Planning"].append(["03/07/2024", "9h", "10h", "Salle A", "Autre " + HOSTILE, "5"])
    return tabs


@pytest.mark.parametrize("page", PAGES)
def test_hostile_cells_show_as_text(isolated, monkeypatch, page):
    password_secrets(monkeypatch, isolated)
    monkeypatch.setenv("FORUM_SOURCE", str(write_csv_workbook(isolated / "classeur", hostile_tabs())))
    at = login(dashboard().run(), PASSWORDS["comite"])
    at.switch_page(page).run()
    assert not at.exception
    shown = bodies(at)
    for body in shown:
        assert "](javascript" not in body and "<img" not in body and ":red[" not in body
        assert "**gras**" not in body and "$x$" not in body
    if page == "pages/salles.py":
        escaped = "\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*gras\\*\\* \\$x\\$ \\:red\\[x\\] &lt;img"
        assert any(escaped in body for body in shown)                  # the overbooked session, as typed
        heat = figures(open_tab(at, "salles_vue", "Mercredi 3 juillet"))[0]["data"][0]
        assert all("<img" not in cell for row in heat["hovertext"] for cell in row)
        assert any("&lt;img src=x onerror=alert(1)&gt;" in cell for row in heat["hovertext"] for cell in row)
    if page == "pages/propositions.py":
        open_tab(at, "propositions_vue", "Toutes les propositions")
        assert HOSTILE in list(at.dataframe[0].value["Titre"])        # a dataframe cell is plain text


# ---------------------------------------------------------------- names per role


@pytest.mark.parametrize("slug, names", [("comite", True), ("benevole", False), ("ville", False)])
def test_names_only_for_the_committee(isolated, monkeypatch, slug, names):
    password_secrets(monkeypatch, isolated)
    monkeypatch.setenv("FORUM_SOURCE", str(write_csv_workbook(isolated / "classeur", SMALL)))
    at = login(dashboard().run(), PASSWORDS[slug])
    assert not at.exception
    assert bool(at.main.get("expander")) is names
    at.switch_page("pages/propositions.py").run()
    open_tab(at, "propositions_vue", "Toutes les propositions")
    assert ("Porteur·se" in at.dataframe[0].value.columns) is names
    frames = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert ("Anne" in frames.split()) is names


def test_many_problems_come_as_one_sentence_and_one_table(isolated, monkeypatch):
    # 13 sessions of 20 people in a 10-place room, one an hour from 8 h: 13 overbooked, no conflict,
    # no free room (the only other room holds 15).
    planning = [SESSIONS[0]] + [["03/07/2024", f"{h}h", f"{h}h45", "Petite salle", f"Atelier {h} h", "20"]
                                for h in range(8, 21)]
    tabs = {"Salles": [ROOMS[0], ["Petite salle", "10", "oui", "", ""], ["Bureau", "15", "oui", "", ""]],
            "Planning": planning}
    at = open_page(monkeypatch, isolated, tabs, "pages/salles.py")
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("13 problèmes à régler \\: 13 séances en surcharge\\.")
    assert not at.dataframe                                          # the table waits in its expander
    at.session_state["salles_alertes"] = True                        # the volunteer opens it
    at.run()
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Type", "Problème", "Suggestion"]
    assert len(problems) == 13 and set(problems["Type"]) == {"Surcharge"}
    assert problems["Problème"][0] == ("Mercredi 3 juillet, 8 h – 8 h 45, Petite salle : «\u00a0Atelier 8 h\u00a0» "
                                       "attend 20 personnes pour 10 places (200\u00a0%).")
    assert problems["Suggestion"][12] == ("Aucune salle assez grande n'est libre à cette heure : limitez les "
                                          "inscriptions ou changez d'horaire.")
    assert list(open_tab(at, "salles_vue", "Les salles").dataframe[0].value["Salle"]) == ["Petite salle", "Bureau"]
