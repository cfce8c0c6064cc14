"""Google Sheets source, over real HTTP against the emulator (tests/emulators/sheets.py)."""
from __future__ import annotations

import datetime as dt
import json
import socket
import time

import pytest
import requests.adapters
from urllib.parse import urlsplit

from forum_data.sources.base import RawSheet, SourceError
from forum_data.sources.gsheets import FIELDS, SCOPES, is_google_sheet, read_google_sheet, sheet_key
from tests.emulators.sheets import SERVICE_ACCOUNT_EMAIL, SheetsEmulator, service_account_info

KEY = "1FoRuMbReSt2024CoOpErAtIfS_aBcDeFgHiJkLmNoPq"
DOCS = "https://docs.google.com/spreadsheets/d/"

# Eight tabs, as the contract has; the cells a volunteer would type.
WORKBOOK = {
    "Collectif": [
        ["Nom", "Structure", "Téléphone", "Date d'arrivée", "Statut"],
        ["Anne", "Tiers-lieu", "06 12 34 56 78", dt.date(2024, 3, 7), "actif"],
        ["Bruno", "", "", dt.date(2024, 7, 3), "intéressé", "", ""],
    ],
    "Partenaires": [["Structure", "Statut"], ["Ville de Brest", "confirmé"]],
    "Activités": [
        ["Titre", "Durée", "Tarif", "Public"],
        ["Atelier vélo", dt.time(1, 30), "1,5", True],
        [],
        ["Forum ouvert", dt.time(14, 30), 1234.5, False],
    ],
    "Salles": [["Salle", "Capacité"], ["Amphi A", 120], ["Salle 2", 12.5]],
    "Planning": [["Début", "Salle"], [dt.datetime(2024, 7, 3, 14, 33, 5), "Amphi A"]],
    "Participants": [["Nom", "Nuits"], ["Chloé", "2 et 3 juillet"]],
    "Hébergements": [["Lieu", "Places"], ["Auberge", 30]],
    "Paramètres": [["Paramètre", "Valeur"], ["Seuil", 20], ["Date limite", dt.date(2024, 3, 31)]],
}

# What every source must hand on for WORKBOOK (base.py rules), computed by hand.
EXPECTED = {
    "Collectif": [
        ["Nom", "Structure", "Téléphone", "Date d'arrivée", "Statut"],
        ["Anne", "Tiers-lieu", "06 12 34 56 78", "2024-03-07", "actif"],
        ["Bruno", "", "", "2024-07-03", "intéressé"],
    ],
    "Partenaires": [["Structure", "Statut"], ["Ville de Brest", "confirmé"]],
    "Activités": [
        ["Titre", "Durée", "Tarif", "Public"],
        ["Atelier vélo", "01:30", "1,5", "oui"],
        [],
        ["Forum ouvert", "14:30", "1234.5", "non"],
    ],
    "Salles": [["Salle", "Capacité"], ["Amphi A", "120"], ["Salle 2", "12.5"]],
    "Planning": [["Début", "Salle"], ["2024-07-03 14:33:05", "Amphi A"]],
    "Participants": [["Nom", "Nuits"], ["Chloé", "2 et 3 juillet"]],
    "Hébergements": [["Lieu", "Places"], ["Auberge", "30"]],
    "Paramètres": [["Paramètre", "Valeur"], ["Seuil", "20"], ["Date limite", "2024-03-31"]],
}


@pytest.fixture
def emulator(monkeypatch, tmp_path):
    """A started emulator that Google's addresses lead to; no credentials lying around."""
    with SheetsEmulator() as server:
        monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", server.url)
        monkeypatch.delenv("FORUM_GOOGLE_CREDENTIALS", raising=False)
        monkeypatch.setenv("FORUM_SECRETS_FILE", str(tmp_path / "absent-secrets.toml"))
        monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
        yield server


@pytest.fixture
def account(emulator):
    """A service-account key whose token_uri is the emulator's."""
    return service_account_info(emulator.token_uri)


def rows_by_title(workbook) -> dict[str, list[list[str]]]:
    return {sheet.title: sheet.rows for sheet in workbook.sheets}


# ---------------------------------------------------------------------------- addresses

@pytest.mark.parametrize("spec", [
    f"{DOCS}{KEY}/edit#gid=0",
    f"{DOCS}{KEY}/edit?usp=sharing",
    f"{DOCS}{KEY}/edit?gid=1234567#gid=1234567",
    f"{DOCS}{KEY}/htmlview",
    f"{DOCS}{KEY}",
    f"https://docs.google.com/spreadsheets/u/0/d/{KEY}/edit",
    f"https://docs.google.com/spreadsheet/ccc?key={KEY}&usp=sharing",
    f"  {KEY}  ",
])
def test_sheet_key_every_address_form(spec):
    assert (is_google_sheet(spec), sheet_key(spec)) == (True, KEY)


@pytest.mark.parametrize("spec", [
    "", "   ", "classeur.xlsx", "exemple/dossier-csv", "https://example.org/classeur.xlsx",
    "https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit", "Activités",
])
def test_is_google_sheet_false(spec):
    assert is_google_sheet(spec) is False


def test_is_google_sheet_local_folder_wins_over_key_lookalike(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / KEY).mkdir()
    assert is_google_sheet(KEY) is False


@pytest.mark.parametrize("spec, message", [
    ("https://docs.google.com/spreadsheets/d/e/2PACX-1vQabcdefghijklmnopqrstuvwxyz/pubhtml",
     "Cette adresse est celle d'une feuille « publiée sur le web », qui ne donne pas accès au "
     "classeur : utilisez le lien de partage de la feuille (bouton « Partager »)."),
    ("https://docs.google.com/spreadsheets/",
     "Aucune clé de feuille dans cette adresse Google Sheets : copiez l'adresse complète de la "
     "feuille depuis la barre du navigateur (…/spreadsheets/d/CLÉ/edit)."),
])
def test_sheet_key_unusable_address(spec, message):
    with pytest.raises(SourceError) as error:
        sheet_key(spec)
    assert str(error.value) == message


# ---------------------------------------------------------------------------- service account

def test_service_account_reads_eight_tabs_in_one_request(emulator, account):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    workbook = read_google_sheet(f"{DOCS}{KEY}/edit#gid=0", credentials=account, timeout=5)

    assert rows_by_title(workbook) == EXPECTED
    assert (emulator.sheets_requests, emulator.counts["token"]) == (1, 1)
    assert emulator.params("get") == [{"includeGridData": ["true"], "fields": [FIELDS]}]
    assert emulator.token_scopes == list(SCOPES) == ["https://www.googleapis.com/auth/spreadsheets.readonly"]
    assert workbook.kind == "gsheets"
    assert workbook.source == "Google Sheets « Forum 2024 »"
    assert workbook.edit_url == f"{emulator.url}/spreadsheets/d/{KEY}/edit"
    spreadsheet = emulator.spreadsheets[KEY]
    assert [sheet.gid for sheet in workbook.sheets] == [
        str(spreadsheet.sheet_id(title)) for title in WORKBOOK
    ]
    assert workbook.sheets[0].gid == "0"


def test_service_account_english_locale_dates_stay_day_first(emulator, account):
    """An en_US sheet shows 3 July as 7/3/2024 and 1234.5 as 1,234.5: the serial value decides."""
    emulator.add_spreadsheet(KEY, WORKBOOK, locale="en_US", readers=[SERVICE_ACCOUNT_EMAIL])
    resource = emulator.spreadsheets[KEY].resource(with_data=True)
    shown = resource["sheets"][0]["data"][0]["rowData"][2]["values"][3]["formattedValue"]
    assert shown == "7/3/2024"  # what an English-locale sheet displays for 3 July

    workbook = read_google_sheet(KEY, credentials=account, timeout=5)

    assert rows_by_title(workbook) == EXPECTED


def test_service_account_drops_trailing_empty_cells_and_formatted_empty_rows(emulator, account):
    tabs = {"Salles": [["Salle", "", "Capacité", "", ""], ["", ""], ["Amphi", "", 120]]}
    emulator.add_spreadsheet(KEY, tabs, readers=[SERVICE_ACCOUNT_EMAIL], padding_rows=40)

    workbook = read_google_sheet(KEY, credentials=account, timeout=5)

    assert workbook.sheets == [RawSheet(
        "Salles", [["Salle", "", "Capacité"], [], ["Amphi", "", "120"]], gid="0",
    )]


def test_service_account_one_retry_after_quota_refusal(emulator, account):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    emulator.fail(429, times=1)

    workbook = read_google_sheet(KEY, credentials=account, timeout=5, retry_delay=0.05)

    assert rows_by_title(workbook) == EXPECTED
    assert (emulator.sheets_requests, emulator.counts["token"]) == (2, 1)


def test_naive_gspread_loop_costs_two_plus_one_per_tab(emulator, account):
    """What the one-request read saves: gspread's open/worksheets/get_all_values loop, measured.

    The session is authorised by hand, as gspread allows (``Client(None, session=...)``):
    gspread's own ``service_account_from_dict`` builds an AuthorizedSession, whose google-auth
    2.62 starts a background lookup at iamcredentials.googleapis.com, on the internet.
    """
    import gspread
    import requests
    from google.auth.transport.requests import Request
    from google.oauth2.service_account import Credentials

    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    session = requests.Session()
    session.mount("https://", _RebaseAdapter(emulator.url))
    credentials = Credentials.from_service_account_info(account, scopes=list(SCOPES))
    credentials.refresh(Request(session))
    session.headers["Authorization"] = f"Bearer {credentials.token}"
    spreadsheet = gspread.Client(None, session=session).open_by_key(KEY)
    values = [worksheet.get_all_values() for worksheet in spreadsheet.worksheets()]

    assert [row[0] for row in values[0]] == ["Nom", "Anne", "Bruno"]
    assert (emulator.sheets_requests, emulator.counts["token"]) == (2 + 8, 1)


class _RebaseAdapter(requests.adapters.HTTPAdapter):
    """Sends every https request to the emulator (for gspread used as it comes)."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self._base = base

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        request.url = self._base + parts.path + (f"?{parts.query}" if parts.query else "")
        return super().send(request, **kwargs)


# ---------------------------------------------------------------------------- link-shared

def test_link_shared_reads_the_xlsx_export_in_one_request(emulator):
    emulator.add_spreadsheet(KEY, WORKBOOK, locale="en_US", link_shared=True, title="Forum coopératif")

    workbook = read_google_sheet(f"{DOCS}{KEY}/edit?usp=sharing", credentials={}, timeout=5)

    assert rows_by_title(workbook) == EXPECTED
    assert (emulator.counts["export"], emulator.counts["token"], emulator.sheets_requests) == (1, 0, 0)
    assert emulator.params("export") == [{"format": ["xlsx"]}]
    assert workbook.kind == "gsheets"
    assert workbook.source == "Google Sheets « Forum coopératif »"
    assert workbook.edit_url == f"{emulator.url}/spreadsheets/d/{KEY}/edit"


def test_link_shared_and_service_account_give_the_same_cells(emulator, account):
    emulator.add_spreadsheet(KEY, WORKBOOK, link_shared=True)
    by_link = read_google_sheet(KEY, credentials={}, timeout=5)
    by_account = read_google_sheet(KEY, credentials=account, timeout=5)
    assert rows_by_title(by_link) == rows_by_title(by_account) == EXPECTED


def test_link_shared_is_the_default_without_credentials(emulator):
    emulator.add_spreadsheet(KEY, WORKBOOK, link_shared=True)
    workbook = read_google_sheet(KEY, timeout=5)
    assert (workbook.extra["access"], emulator.counts["export"], emulator.counts["token"]) == ("link", 1, 0)


def test_private_sheet_without_credentials_says_how_to_share(emulator):
    emulator.add_spreadsheet(KEY, WORKBOOK)
    with pytest.raises(SourceError) as error:
        read_google_sheet(KEY, credentials={}, timeout=5)
    assert str(error.value) == (
        "Ce Google Sheets n'est pas partagé par lien : dans la feuille, « Partager » → "
        "« Tous les utilisateurs disposant du lien » (Lecteur), ou configurez un compte de service."
    )
    assert (emulator.counts["export"], emulator.counts["login"]) == (1, 1)


# ---------------------------------------------------------------------------- credentials lookup

def test_credentials_from_json_file_named_by_environment(emulator, account, tmp_path, monkeypatch):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    key_file = tmp_path / "compte-de-service.json"
    key_file.write_text(json.dumps(account), encoding="utf-8")
    monkeypatch.setenv("FORUM_GOOGLE_CREDENTIALS", str(key_file))

    workbook = read_google_sheet(KEY, timeout=5)

    assert workbook.extra["access"] == "service_account"
    assert (emulator.sheets_requests, emulator.counts["token"], emulator.counts["export"]) == (1, 1, 0)


def test_credentials_from_streamlit_secrets(emulator, account, tmp_path, monkeypatch):
    """The [connections.gsheets] section of st-gsheets-connection, with its extra keys."""
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    lines = ["[connections.gsheets]", f'spreadsheet = "{DOCS}{KEY}/edit"', 'worksheet = "0"']
    lines += [f"{name} = {json.dumps(value)}" for name, value in account.items()]
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(secrets))

    workbook = read_google_sheet(KEY, timeout=5)

    assert rows_by_title(workbook) == EXPECTED
    assert (emulator.sheets_requests, emulator.counts["token"]) == (1, 1)


# ---------------------------------------------------------------------------- faults

def _message(callable_) -> str:
    with pytest.raises(SourceError) as error:
        callable_()
    text = str(error.value)
    assert "\n" not in text and text.endswith(".")
    assert "PRIVATE KEY" not in text and "ya29." not in text
    return text


QUOTA = ("Google limite le nombre de lectures et le quota est atteint pour le moment : "
         "réessayez dans une minute.")


@pytest.mark.parametrize("inject, message, sheets_requests", [
    (lambda e: e.fail(403),
     f"Le compte de service {SERVICE_ACCOUNT_EMAIL} n'a pas accès à ce Google Sheets : partagez "
     "la feuille avec cette adresse (« Partager », rôle Lecteur).", 1),
    (lambda e: e.fail(429), QUOTA, 2),
    (lambda e: e.fail(500),
     "Google Sheets est momentanément indisponible (erreur 500) : réessayez dans quelques minutes.", 1),
    (lambda e: e.fail(503),
     "Google Sheets est momentanément indisponible (erreur 503) : réessayez dans quelques minutes.", 1),
    (lambda e: e.garbage(),
     "Google Sheets a renvoyé une réponse illisible : réessayez dans quelques minutes.", 1),
    (lambda e: e.hang(20),
     "Google Sheets n'a pas répondu en 1,5 seconde : vérifiez la connexion à Internet, puis "
     "réessayez.", 1),
    (lambda e: e.hang(20, on="token"),
     "Google Sheets n'a pas répondu en 1,5 seconde : vérifiez la connexion à Internet, puis "
     "réessayez.", 0),
], ids=["403", "429", "500", "503", "garbage", "hang", "token-hang"])
def test_service_account_faults_give_french_errors_fast(emulator, account, inject, message,
                                                       sheets_requests):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    inject(emulator)
    started = time.monotonic()

    text = _message(lambda: read_google_sheet(KEY, credentials=account, timeout=1.5, retry_delay=0.05))

    assert text == message
    assert emulator.sheets_requests == sheets_requests
    assert time.monotonic() - started < 10   # bounded: the timeout cut the 20 s hang


def test_service_account_sheet_not_shared_names_the_address(emulator, account):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=["quelquun@example.org"])
    text = _message(lambda: read_google_sheet(KEY, credentials=account, timeout=5))
    assert text == (
        f"Le compte de service {SERVICE_ACCOUNT_EMAIL} n'a pas accès à ce Google Sheets : "
        "partagez la feuille avec cette adresse (« Partager », rôle Lecteur)."
    )


def test_service_account_no_such_sheet(emulator, account):
    text = _message(lambda: read_google_sheet(KEY, credentials=account, timeout=5))
    assert text == f"Aucun Google Sheets ne correspond à la clé « {KEY} » : vérifiez l'adresse de la feuille."


def test_service_account_token_refused(emulator, account):
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    emulator.fail(400, on="token")
    text = _message(lambda: read_google_sheet(KEY, credentials=account, timeout=5))
    assert text == (
        f"Google refuse les identifiants du compte de service {SERVICE_ACCOUNT_EMAIL} (clé révoquée "
        "ou invalide) : générez une nouvelle clé JSON et mettez à jour les secrets."
    )
    assert (emulator.counts["token"], emulator.sheets_requests) == (1, 0)


def test_service_account_unreadable_private_key_is_not_echoed(emulator, account):
    broken = {**account, "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n"}
    text = _message(lambda: read_google_sheet(KEY, credentials=broken, timeout=5))
    assert text == (
        f"La clé privée du compte de service {SERVICE_ACCOUNT_EMAIL} est illisible : recopiez le "
        "champ private_key de la clé JSON, avec ses lignes BEGIN/END."
    )
    assert emulator.counts["token"] == 0


def test_no_network(emulator, account, monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", closed)
    expected = "Impossible de joindre Google Sheets : vérifiez la connexion à Internet, puis réessayez."
    assert _message(lambda: read_google_sheet(KEY, credentials={}, timeout=1)) == expected
    assert _message(lambda: read_google_sheet(KEY, credentials=account, timeout=1)) == expected


@pytest.mark.parametrize("inject, message", [
    (lambda e: e.fail(429), QUOTA),
    (lambda e: e.fail(404),
     f"Aucun Google Sheets ne correspond à la clé « {KEY} » : vérifiez l'adresse de la feuille."),
    (lambda e: e.fail(503),
     "Google Sheets est momentanément indisponible (erreur 503) : réessayez dans quelques minutes."),
    (lambda e: e.garbage(),
     "Google Sheets a renvoyé une réponse illisible : réessayez dans quelques minutes."),
    (lambda e: e.hang(20),
     "Google Sheets n'a pas répondu en 1,5 seconde : vérifiez la connexion à Internet, puis "
     "réessayez."),
], ids=["429", "404", "503", "garbage", "hang"])
def test_link_shared_faults_give_french_errors_fast(emulator, inject, message):
    emulator.add_spreadsheet(KEY, WORKBOOK, link_shared=True)
    inject(emulator)
    started = time.monotonic()
    assert _message(lambda: read_google_sheet(KEY, credentials={}, timeout=1.5, retry_delay=0.05)) == message
    assert time.monotonic() - started < 10   # bounded: the timeout cut the 20 s hang


def test_faults_after_good_requests(emulator, account):
    """The emulator's ``after``: the first read works, the second meets the outage."""
    emulator.add_spreadsheet(KEY, WORKBOOK, readers=[SERVICE_ACCOUNT_EMAIL])
    emulator.fail(503, after=1)
    assert rows_by_title(read_google_sheet(KEY, credentials=account, timeout=5)) == EXPECTED
    with pytest.raises(SourceError):
        read_google_sheet(KEY, credentials=account, timeout=5)
    assert (emulator.sheets_requests, emulator.counts["token"]) == (2, 2)
