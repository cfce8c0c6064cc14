"""YesWiki Bazar forms as a source, against a real HTTP emulator on 127.0.0.1."""
from __future__ import annotations

import time

import pytest
import requests

from forum_data import metrics
from forum_data.forum import build_forum
from forum_data.sources.base import RawSheet, RawWorkbook, RowRef, SourceError
from forum_data.sources.yeswiki import (
    WikiConfig, apply_wiki, plain_text, read_wiki_forms, tab_key, wiki_config)
from tests.builders import workbook
from tests.emulators.yeswiki import (
    YesWikiEmulator, date_field, entry, label_field, list_field, text_field)

THEMES = {"ecologie": "Écologie", "culture": "Culture", "numerique": "Numérique"}
FORMATS = {"1": "Atelier", "2": "Conférence", "3": "Forum ouvert"}
NEEDS = {"video": "Vidéoprojecteur", "sono": "Sono", "pmr": "Accessible PMR"}
STATUSES = {"proposee": "Proposée", "retenue": "Retenue"}

# Field names as a YesWiki 4.4 names them (type + list + suffix); the day is a listedatedeb.
ACTIVITY_FIELDS = [
    label_field("<h3>Proposer une activité</h3>"),
    text_field("bf_titre", "Titre", required=True),
    text_field("bf_porteur", "Porteur"),
    list_field("checkbox", "ListeTheme", "Thématiques", THEMES, suffix="bf_thematiques"),
    list_field("liste", "ListeFormat", "Format", FORMATS, suffix="bf_format"),
    text_field("bf_duree", "Durée"),
    text_field("bf_participants", "Participants attendus"),
    date_field("bf_date_debut_evenement", "Jour souhaité"),
    list_field("checkbox", "ListeBesoins", "Besoins", NEEDS, suffix="bf_besoins"),
    list_field("liste", "ListeStatut", "Statut", STATUSES, suffix="bf_statut"),
]
HEADER = ["Titre", "Porteur", "Thématiques", "Format", "Durée", "Participants attendus",
          "Jour souhaité", "Besoins", "Statut", "Date de création"]


def activity(id_fiche, created, **values):
    return entry(id_fiche, 3, created, **values)


# Stored newest first on purpose: the reader must put the oldest first.
ACTIVITIES = [
    activity("AtelierReparation2", "2024-05-20 18:00:00", bf_titre="Atelier réparation",
             bf_porteur="Repair Café", checkboxListeThemebf_thematiques="ecologie",
             listeListeFormatbf_format="1", bf_duree="120", bf_participants="15",
             bf_date_debut_evenement="2024-07-04", listeListeStatutbf_statut="retenue"),
    activity("CafeNumerique", "2024-05-02 09:15:00", bf_titre="Café numérique",
             bf_porteur="Médiathèque & « Les Petits Débrouillards »",
             checkboxListeThemebf_thematiques="numerique,culture", listeListeFormatbf_format="3",
             bf_duree="90", bf_participants="30",
             bf_date_debut_evenement="2024-07-03T14:30:00+02:00",
             checkboxListeBesoinsbf_besoins="video,sono,pmr", listeListeStatutbf_statut="proposee"),
    activity("AtelierReparation", "2024-05-10 12:00:00", bf_titre="Atelier réparation",
             bf_porteur="Repair Café", checkboxListeThemebf_thematiques="ecologie",
             listeListeFormatbf_format="1", bf_duree="60"),
]


@pytest.fixture
def wiki():
    emulator = YesWikiEmulator()
    emulator.add_form(3, "Activités", ACTIVITY_FIELDS, ACTIVITIES)
    emulator.add_form(4, "Partenaires", [text_field("bf_titre", "Nom"),
                                         list_field("liste", "ListeStatutPart", "Statut",
                                                    {"ok": "Confirmé"})],
                      [entry("Mairie", 4, "2024-04-01 08:00:00", bf_titre="Mairie",
                             listeListeStatutPart="ok")])
    with emulator:
        yield emulator


def config_for(emulator, forms=None, token=None, url=None):
    return WikiConfig(url=url or emulator.url, forms=forms or {"activites": 3}, token=token)


# --------------------------------------------------------------------------- configuration

def test_config_from_environment():
    env = {"FORUM_YESWIKI_URL": "https://wiki.example.org/?PagePrincipale",
           "FORUM_YESWIKI_FORMS": "activites=3,partenaires=4",
           "FORUM_YESWIKI_TOKEN": "s3cret"}
    config = wiki_config({"yeswiki": {"url": "https://other.example.org/"}}, environ=env)
    assert config == WikiConfig("https://wiki.example.org/", {"activites": 3, "partenaires": 4}, "s3cret")
    assert "s3cret" not in repr(config)


def test_config_reads_the_secrets_file(tmp_path, monkeypatch):
    monkeypatch.delenv("FORUM_SECRETS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[yeswiki]\nurl = "https://wiki.example.org/"\nforms = { activites = 3, salles = 7 }\n',
        encoding="utf-8")
    assert wiki_config(environ={"FORUM_YESWIKI_FORMS": "salles=8"}) == WikiConfig(
        "https://wiki.example.org/", {"salles": 8})


def test_config_from_secrets():
    secrets = {"yeswiki": {"url": "https://wiki.example.org/forum/",
                           "forms": {"Activités": 3, "partenaires": "4"}, "token": "t"}}
    assert wiki_config(secrets, environ={}) == WikiConfig(
        "https://wiki.example.org/forum/", {"activites": 3, "partenaires": 4}, "t")


@pytest.mark.parametrize("secrets, env", [
    ({}, {}),
    ({"yeswiki": {"forms": {"activites": 3}}}, {}),
    ({"yeswiki": {"url": "  "}}, {"FORUM_YESWIKI_FORMS": "activites=3"}),
])
def test_config_absent_without_url(secrets, env):
    assert wiki_config(secrets, environ=env) is None


@pytest.mark.parametrize("forms, words", [
    ("activites", "onglet=numéro"),
    ("ateliers=3", "n'existe pas"),
    ("activites=trois", "n'est pas un nombre"),
    ("", "Aucun formulaire"),
])
def test_config_errors_are_french_sentences(forms, words):
    env = {"FORUM_YESWIKI_URL": "https://wiki.example.org/", "FORUM_YESWIKI_FORMS": forms}
    with pytest.raises(SourceError) as caught:
        wiki_config({}, environ=env)
    assert words in str(caught.value)
    assert "FORUM_YESWIKI_FORMS" in str(caught.value)


# --------------------------------------------------------------------------- reading

def test_activities_form_read_as_a_tab(wiki):
    [sheet] = read_wiki_forms(config_for(wiki))
    assert sheet.title == "activites"
    assert sheet.origin == "yeswiki"
    assert sheet.rows == [
        HEADER,
        ["Café numérique", "Médiathèque & « Les Petits Débrouillards »", "Numérique, Culture", "Forum ouvert", "90", "30",
         "2024-07-03 14:30:00", "Vidéoprojecteur, Sono, Accessible PMR", "Proposée",
         "2024-05-02 09:15:00"],
        ["Atelier réparation", "Repair Café", "Écologie", "Atelier", "60", "", "", "", "",
         "2024-05-10 12:00:00"],
        ["Atelier réparation", "Repair Café", "Écologie", "Atelier", "120", "15", "2024-07-04",
         "", "Retenue", "2024-05-20 18:00:00"],
    ]
    assert sheet.refs == [
        RowRef(row=None, url=wiki.url),
        RowRef(row=None, entry="CafeNumerique", url=f"{wiki.url}?CafeNumerique"),
        RowRef(row=None, entry="AtelierReparation", url=f"{wiki.url}?AtelierReparation"),
        RowRef(row=None, entry="AtelierReparation2", url=f"{wiki.url}?AtelierReparation2"),
    ]
    assert sheet.ref(3).entry == "AtelierReparation2"


def test_two_requests_per_form(wiki):
    sheets = read_wiki_forms(config_for(wiki, forms={"activites": 3, "partenaires": 4}))
    assert [s.title for s in sheets] == ["activites", "partenaires"]
    assert sheets[1].rows == [["Nom", "Statut", "Date de création"],
                              ["Mairie", "Confirmé", "2024-04-01 08:00:00"]]
    assert [target for target, _ in wiki.requests] == [
        "/?api/forms/3", "/?api/forms/3/entries", "/?api/forms/4", "/?api/forms/4/entries"]


def test_entries_as_a_json_list_read_alike(wiki):
    expected = read_wiki_forms(config_for(wiki))[0].rows
    wiki.entries_shape = "list"
    assert read_wiki_forms(config_for(wiki))[0].rows == expected


def test_list_key_becomes_its_label(wiki):
    wiki.add_form(9, "Thèmes", [list_field("checkbox", "ListeThemes", "Thématiques", THEMES)],
                  [entry("Un", 9, "2024-05-01 10:00:00", checkboxListeThemes="ecologie"),
                   entry("Deux", 9, "2024-05-02 10:00:00", checkboxListeThemes="ecologie,inconnu, culture")])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"activites": 9}))
    assert [row[0] for row in sheet.rows[1:]] == ["Écologie", "Écologie, inconnu, Culture"]


def test_numbered_options_sent_as_a_json_list(wiki):
    # PHP sends an array keyed 0..n-1 as a JSON list.
    wiki.add_form(9, "Format", [list_field("liste", "ListeF", "Format", ["Atelier", "Conférence"])],
                  [entry("Un", 9, "2024-05-01 10:00:00", listeListeF="1")])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"activites": 9}))
    assert sheet.rows[1][0] == "Conférence"


def test_tree_list_child_keeps_its_own_label(wiki):
    options = {"transitions": "Transitions", "ecologie": " Transitions ➤ Écologie"}
    wiki.add_form(9, "Thèmes", [list_field("checkbox", "ListeT", "Thèmes", options)],
                  [entry("Un", 9, "2024-05-01 10:00:00", checkboxListeT="ecologie")])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"activites": 9}))
    assert sheet.rows[1][0] == "Écologie"


@pytest.mark.parametrize("mode", ["empty", "absent"])
def test_restricted_field_gives_an_empty_cell(wiki, mode):
    wiki.restricted = mode
    wiki.add_form(9, "Collectif", [text_field("bf_titre", "Nom"),
                                   text_field("bf_mail", "Email", type="champs_mail", read_acl="@admins"),
                                   text_field("bf_ville", "Ville")],
                  [entry("Ana", 9, "2024-05-01 10:00:00", bf_titre="Ana", bf_mail="ana@example.org",
                         bf_ville="Brest")])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"collectif": 9}))
    assert sheet.rows == [["Nom", "Email", "Ville", "Date de création"],
                          ["Ana", "", "Brest", "2024-05-01 10:00:00"]]


@pytest.mark.parametrize("empty", ["object", "null"])
def test_empty_form_gives_the_header_only(empty):
    # A 4.4 wiki answers {} (older code: null) for the entries of an empty form.
    with YesWikiEmulator(empty=empty) as wiki:
        wiki.add_form(9, "Salles", [text_field("bf_titre", "Salle"), text_field("bf_cap", "Capacité")])
        [sheet] = read_wiki_forms(config_for(wiki, forms={"salles": 9}))
        assert sheet.rows == [["Salle", "Capacité", "Date de création"]]
        assert sheet.refs == [RowRef(row=None, url=wiki.url)]
        assert wiki.count == 2


def test_emulator_answers_like_a_real_wiki(wiki):
    """The shapes a YesWiki 4.4.4 gave (docs/yeswiki-notes.md), which the tests above rely on."""
    get = lambda route: requests.get(wiki.url + route, timeout=5)  # noqa: E731
    assert [(r.status_code, r.text) for r in (get("?api/forms/99/entries"), get("?api/forms/99"))] == [
        (200, "{}"), (404, "")]
    assert get("api/forms/3").status_code == 404   # no rewrite rules shipped
    [fiche] = [e for e in get("?api/forms/3/entries").json().values() if e["id_fiche"] == "CafeNumerique"]
    assert fiche["bf_porteur"] == "Médiathèque &amp; « Les Petits Débrouillards »"
    assert {key: fiche[key] for key in ("id_typeannonce", "user", "owner")} == {
        "id_typeannonce": "3", "user": "WikiAdmin", "owner": "WikiAdmin"}
    assert fiche["html_data"].startswith(' data-bf_titre="Café numérique"')
    [repair] = [e for e in get("?api/forms/3/entries").json().values() if e["id_fiche"] == "AtelierReparation"]
    assert (repair["bf_participants"], repair["listeListeStatutbf_statut"]) == ("", "")
    assert all(isinstance(value, str) for value in repair.values())


@pytest.mark.parametrize("stored, typed", [
    ("Arts &amp; sciences", "Arts & sciences"),
    ('<img src="x" alt="x" /> Atelier piège', "Atelier piège"),
    ("L'atelier « zéro déchet »", "L'atelier « zéro déchet »"),
    ("<p>Apporter  un\n<b>gobelet</b></p><p>et&nbsp;un&nbsp;stylo</p>", "Apporter un gobelet et un stylo"),
    ("&amp;lt;b&amp;gt; reste écrit", "&lt;b&gt; reste écrit"),   # decoded once, not twice
    ("3 &lt; 5", "3 < 5"),
    ("", ""),
    ("   ", ""),
])
def test_stored_html_read_as_typed_text(wiki, stored, typed):
    assert plain_text(stored) == typed
    wiki.add_form(9, "Activités", [text_field("bf_titre", "Titre")],
                  [entry("Un", 9, "2024-05-01 10:00:00", raw={"bf_titre": stored})])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"activites": 9}))
    assert sheet.rows[1] == [typed, "2024-05-01 10:00:00"]


def test_planning_row_matches_a_wiki_title_with_an_ampersand(wiki):
    """« Arts & sciences » typed in the sheet is the wiki's « Arts &amp; sciences »: its
    attendance comes from the wiki, and the session overbooks its room."""
    wiki.add_form(9, "Activités", ACTIVITY_FIELDS,
                  [activity("ArtsSciences", "2024-05-01 10:00:00", bf_titre="Arts & sciences",
                            bf_porteur="Océanopolis", bf_participants="45", bf_duree="60",
                            listeListeStatutbf_statut="retenue")])
    sheets = read_wiki_forms(config_for(wiki, forms={"activites": 9}))
    assert wiki.entries[9][0]["bf_titre"] == "Arts &amp; sciences"   # as the wiki stores it
    book = workbook(salles=[["Salle", "Capacité"], ["Salle 12", "30"]],
                    planning=[["Jour", "Début", "Salle", "Activité"],
                              ["03/07/2024", "14h", "Salle 12", "Arts & sciences"]])
    forum = build_forum(apply_wiki(book, sheets))
    [session] = forum.tables.sessions
    assert (session.proposal.title, session.attendance, session.end) == ("Arts & sciences", 45, 15 * 60)
    assert metrics.overbooked(forum.tables.sessions) == (session,)
    assert not [i for i in forum.issues if i.sheet == "planning"]


def test_labels_lose_their_html(wiki):  # labels: purified HTML, as the values
    wiki.add_form(9, "Salles", [text_field("bf_titre", "<b>Salle</b>"),
                                text_field("bf_cap", "Capacit&eacute; <i>(places)</i>")])
    [sheet] = read_wiki_forms(config_for(wiki, forms={"salles": 9}))
    assert sheet.rows[0] == ["Salle", "Capacité (places)", "Date de création"]


@pytest.mark.parametrize("routing, targets", [
    ("rewrite", ["/?api/forms/3", "/api/forms/3", "/api/forms/3/entries"]),
    ("query", ["/?api/forms/3", "/?api/forms/3/entries"]),
])
def test_rewritten_and_query_urls(routing, targets):
    with YesWikiEmulator(routing=routing) as wiki:
        wiki.add_form(3, "Activités", ACTIVITY_FIELDS, ACTIVITIES)
        [sheet] = read_wiki_forms(config_for(wiki))
        assert len(sheet.rows) == 4
        assert [target for target, _ in wiki.requests] == targets


def test_rewritten_style_kept_for_the_next_forms():
    with YesWikiEmulator(routing="rewrite") as wiki:
        wiki.add_form(3, "Activités", ACTIVITY_FIELDS, ACTIVITIES)
        wiki.add_form(4, "Partenaires", [text_field("bf_titre", "Nom")])
        read_wiki_forms(config_for(wiki, forms={"activites": 3, "partenaires": 4}))
        assert wiki.count == 5  # one probe of ?api/, then two requests per form


def test_url_with_a_page_name_is_the_wiki(wiki):
    sheets = read_wiki_forms(config_for(wiki, url=wiki_config(
        {}, environ={"FORUM_YESWIKI_URL": wiki.url + "?PagePrincipale",
                     "FORUM_YESWIKI_FORMS": "activites=3"}).url))
    assert len(sheets[0].rows) == 4


def test_token_sent_as_bearer():
    with YesWikiEmulator(token="s3cret") as wiki:
        wiki.add_form(3, "Activités", ACTIVITY_FIELDS, ACTIVITIES)
        [sheet] = read_wiki_forms(config_for(wiki, token="s3cret"))
        assert len(sheet.rows) == 4
        assert [headers.get("Authorization") for _, headers in wiki.requests] == ["Bearer s3cret"] * 2


def test_no_authorization_header_without_token(wiki):
    read_wiki_forms(config_for(wiki))
    assert [headers.get("Authorization") for _, headers in wiki.requests] == [None, None]


# --------------------------------------------------------------------------- faults

def read_error(config, timeout=2.0) -> str:
    start = time.monotonic()
    with pytest.raises(SourceError) as caught:
        read_wiki_forms(config, timeout=timeout)
    assert time.monotonic() - start < 12   # bounded: no endless retry, a hang is cut
    return str(caught.value)


def test_token_missing_says_so():
    with YesWikiEmulator(token="s3cret") as wiki:
        wiki.add_form(3, "Activités", ACTIVITY_FIELDS)
        message = read_error(config_for(wiki))
    assert message.startswith("L'API du wiki 127.0.0.1:")
    assert "FORUM_YESWIKI_TOKEN" in message
    assert wiki.count == 1


def test_wrong_token_never_echoed():
    with YesWikiEmulator(token="s3cret") as wiki:
        wiki.add_form(3, "Activités", ACTIVITY_FIELDS)
        message = read_error(config_for(wiki, token="wrong-token-123"))
    assert "refuse le jeton" in message
    assert "wrong-token-123" not in message


def test_unknown_form_id(wiki):
    message = read_error(config_for(wiki, forms={"activites": 99}))
    assert message.startswith("Le formulaire 99 (onglet activites) est introuvable sur le wiki")
    assert "FORUM_YESWIKI_FORMS" in message


@pytest.mark.parametrize("fault, start", [
    ({"kind": "status", "status": 500}, "Le wiki 127.0.0.1:"),
    ({"kind": "status", "status": 503, "after": 1}, "Le wiki 127.0.0.1:"),
    ({"kind": "hang", "delay": 5}, "Le wiki 127.0.0.1:"),
    ({"kind": "hang", "delay": 5, "after": 3}, "Le wiki 127.0.0.1:"),
    ({"kind": "garbage"}, "Le wiki 127.0.0.1:"),
    ({"kind": "html", "after": 1}, "Le wiki 127.0.0.1:"),
    ({"kind": "status", "status": 403}, "L'API du wiki 127.0.0.1:"),
])
def test_faults_raise_a_french_sentence_quickly(wiki, fault, start):
    wiki.inject(**fault)
    message = read_error(config_for(wiki, forms={"activites": 3, "partenaires": 4}))
    assert message.startswith(start)
    assert message.endswith(".")
    assert ":" in message  # what happened : how to fix it


def test_timeout_message(wiki):
    wiki.inject("hang", delay=20)
    assert "n'a pas répondu à temps (plus de 2 secondes)" in read_error(config_for(wiki))


def test_unreachable_wiki():
    with YesWikiEmulator() as wiki:
        url = wiki.url
    message = read_error(WikiConfig(url, {"activites": 3}))
    assert message.startswith("Le wiki 127.0.0.1:")
    assert "injoignable" in message


def test_recovery_after_a_fault(wiki):
    wiki.inject("status", status=502, times=1)
    read_error(config_for(wiki))
    assert len(read_wiki_forms(config_for(wiki))[0].rows) == 4


def test_php_warnings_in_the_answer_are_skipped(wiki):
    # RunSpecialPages() adds printed PHP output as a "rawOutput" key of the JSON answer.
    from forum_data.sources.yeswiki import entry_list
    entries = {"rawOutput": "Warning: …", "A": {"id_fiche": "A", "date_creation_fiche": "2024-01-01"}}
    assert [e["id_fiche"] for e in entry_list(entries)] == ["A"]
    assert entry_list("Warning: …") == []
    assert entry_list(None) == []


# --------------------------------------------------------------------------- apply_wiki

WIKI_SHEET = RawSheet("activites", [["Titre"], ["Café numérique"]],
                      refs=[RowRef(None, url="https://wiki.example.org/"),
                            RowRef(None, "CafeNumerique", "https://wiki.example.org/?CafeNumerique")],
                      origin="yeswiki")


@pytest.mark.parametrize("title", ["Activités", "activites", "ACTIVITÉS", "Classeur - Activités",
                                   "activités.csv", " Activités "])
def test_apply_wiki_replaces_the_matching_tab(title):
    workbook = RawWorkbook("Google Sheets « Forum »", [
        RawSheet("Collectif", [["Nom"], ["Ana"]]),
        RawSheet(title, [["Titre"], ["Ancienne"]], gid="7"),
        RawSheet("Salles", [["Salle"], ["Amphi"]]),
    ], kind="gsheets", edit_url="https://docs.google.com/spreadsheets/d/x/edit")
    result = apply_wiki(workbook, [WIKI_SHEET])
    assert [s.title for s in result.sheets] == ["Collectif", "activites", "Salles"]
    assert result.sheets[1] is WIKI_SHEET
    assert result.sheets[0] is workbook.sheets[0] and result.sheets[2] is workbook.sheets[2]
    assert result.source == "Google Sheets « Forum » + wiki wiki.example.org (activites)"
    assert (result.kind, result.edit_url) == ("gsheets", workbook.edit_url)
    assert workbook.sheets[1].title == title  # input untouched


def test_apply_wiki_adds_a_tab_the_workbook_lacks():
    workbook = RawWorkbook("Exemple", [RawSheet("Salles", [["Salle"]])], kind="sample")
    result = apply_wiki(workbook, [WIKI_SHEET])
    assert [s.title for s in result.sheets] == ["Salles", "activites"]
    assert result.extra["yeswiki"] == {"host": "wiki.example.org", "tabs": ["activites"]}


def test_apply_wiki_without_sheets_is_the_workbook():
    workbook = RawWorkbook("Exemple", [RawSheet("Salles", [["Salle"]])], kind="sample")
    assert apply_wiki(workbook, []) is workbook


@pytest.mark.parametrize("title, slug", [
    ("Classeur - Hébergements", "hebergements"), ("Paramètres", "parametres"),
    ("forum - 2024 - Planning.xlsx", "planning"), ("Participant·es", "participantes"),
])
def test_tab_key(title, slug):
    assert tab_key(title) == slug
