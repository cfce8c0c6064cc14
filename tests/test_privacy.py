"""Canary test: every page of the dashboard, for every role, on a workbook seeded with canary personal values.

The workbook is the bundled sample with every personal column overwritten by a canary (e-mail
``canari.mail<n>@example.org``,
phone, address, contact, allergy text) and a canary name for a member, a participant, a host and
a porteur. For each role (comité, bénévole, ville through the login form; public: a real source
and no access configured) and each page the role may open (read from dashboard.PAGES), everything
the browser would receive is collected: every element's protobuf (Markdown bodies, captions,
metric labels and values, widget labels and options, info/warning/error texts, plotly figure
specs), every dataframe's data (the grid is drawn on a canvas, so its data, not its HTML) and
the bytes of every download button (XLSX unzipped), with every lazy container opened and every
plan button clicked (the lodging plan and its files). Personal canaries must appear nowhere; the
canary name only for the comité.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from google.protobuf import text_format

from forum_data.schema import TABS

from tests.apptest import PASSWORDS, dashboard, dashboard_pages, login, nodes, password_secrets, profile
from tests.workbooks import rewrite_csv, sample_copy

REPO = Path(__file__).resolve().parent.parent
MAIL, PHONE, ADDRESS, CONTACT, ALLERGY = ("canari.mail", "06 99 99 99 01", "13 rue du Canari",
                                          "Contact Canari", "allergie canari-arachide")
LAST_NAME = "Canarinom"
PERSONAL = {"e-mail": MAIL, "téléphone": PHONE, "adresse": ADDRESS, "contact": CONTACT, "allergie": ALLERGY}


# -- the canary workbook ---------------------------------------------------------------------------

def canary_workbook(folder: Path) -> Path:
    target = sample_copy(folder)

    def collectif(i, r):
        r["Email"], r["Téléphone"] = f"{MAIL}{i}@example.org", PHONE     # distinct: one e-mail is one person
        r["Remarques"] = ALLERGY                       # careless: allergy text in a free column nobody reads
        if i == 0:
            r["Nom"], r["Prénom"] = LAST_NAME, "Prénom"
        if i == 1:                                     # a row with an issue, so the quality page lists it
            r["Nom"], r["Prénom"], r["Date d'inscription"] = LAST_NAME, "Seconde", "32/13/2024"

    def participants(i, r):
        r["Email"], r["Téléphone"] = f"{MAIL}{i}@example.org", PHONE
        if r["Allergies"] or i % 3 == 0:
            r["Allergies"] = ALLERGY
        if i == 0:
            r["Nom"], r["Prénom"] = LAST_NAME, "Prénom"

    def hebergements(i, r):
        r["Adresse"], r["Téléphone"], r["Contact"] = ADDRESS, PHONE, CONTACT
        if i == 0:
            r["Nom"] = f"Chez Prénom {LAST_NAME}"

    def partenaires(i, r):
        r["Contact"] = CONTACT

    def activites(i, r):
        if i == 0:
            r["Porteur"] = f"Prénom {LAST_NAME}"

    for name, change in (("Collectif", collectif), ("Participants", participants), ("Hébergements", hebergements),
                         ("Partenaires", partenaires), ("Activités", activites)):
        rewrite_csv(target / f"{name}.csv", change)
    return target


# -- collecting what the browser gets --------------------------------------------------------------

def file_text(data: bytes) -> str:
    """A download as text: XLSX/ODS unzipped (every XML part), anything else decoded."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8-sig", "replace")


def everything_shown(at, files: list[tuple[str, bytes]]) -> str:
    """All text the browser receives for this run: element protos, dataframe data, downloads."""
    parts = []
    for node in nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        if getattr(node, "type", None) in ("arrow_data_frame", "dataframe", "table"):
            try:
                parts.append(node.value.to_csv())
            except Exception as error:  # noqa: BLE001 — an unreadable grid is a failure of this test
                raise AssertionError(f"dataframe illisible : {error}") from None
    for element in at.get("plotly_chart"):
        parts.append(element.proto.spec)
    parts += [file_text(data) for _, data in files]
    return "\n".join(parts)


def normalized(text: str) -> str:
    """Without Markdown escapes and spaces (a phone may be re-spaced), lower case."""
    return "".join(text.replace("\\", "").split()).lower()


def found(text: str, canary: str) -> bool:
    return "".join(canary.split()).lower() in normalized(text)


ROLES = ("comite", "benevole", "ville", "public")
# Lazy expanders and tabs (their content is built only once opened): the states that open them.
LAZY = {"faisabilite_membres": [True], "hebergement_ecartees": [True],
        "faisabilite_vue": ["Au fil du temps", "Missions et partenaires"],
        "propositions_vue": ["Graphiques", "Toutes les propositions", "Pas encore au planning"],
        "salles_vue": ["Mercredi 3 juillet", "Jeudi 4 juillet", "Les salles"],
        "hebergement_nuits": ["Graphiques"], "hebergement_offres": ["Graphique", "Offres comptées"],
        "ville_vue": ["Salles utilisées", "Graphiques"],
        # Qualité des données: each tab's list of problems, and the rules (present when the page has them).
        **{f"qualite_{slug}": [True] for slug in TABS}, "qualite_comment_corriger": [True]}
QUALITY_LISTS = {key for key in LAZY if key.startswith("qualite_")}
# Sections built on a button (a plan): clicked, and what they show and hand out is checked too.
BUTTONS = ("hebergement_plan",)


def role_session(role: str, folder: Path, monkeypatch):
    monkeypatch.setenv("FORUM_SOURCE", str(canary_workbook(folder)))
    if role == "public":
        at = dashboard().run()
        assert profile(at) == "Profil : Accès public (chiffres seulement)"
        return at
    password_secrets(monkeypatch, folder)
    at = login(dashboard().run(), PASSWORDS[role])
    assert profile(at) is not None
    return at


@pytest.mark.parametrize("role", ROLES)
def test_no_page_gives_a_role_more_than_it_may_see(isolated, monkeypatch, recorded_files, role):
    at = role_session(role, isolated, monkeypatch)
    leaks: dict[str, list[str]] = {}
    names_seen = []
    visited = []
    opened: set[str] = set()
    clicked: dict[str, str] = {}
    for slug, script in dashboard_pages().items():
        try:
            at.switch_page(script)
        except ValueError:
            assert role == "ville" and slug == "qualite", f"{role} ne peut pas ouvrir {slug}"
            continue
        recorded_files.clear()
        at.run()
        assert not at.exception, f"{slug}: {at.exception[0].value if at.exception else ''}"
        visited.append(slug)
        shown = everything_shown(at, list(recorded_files))
        for key, states in LAZY.items():           # and what each lazy container holds once opened
            if key in at.session_state:
                for state in states:
                    recorded_files.clear()
                    at.session_state[key] = state
                    at.run()
                    assert not at.exception, f"{slug} ({key}): {at.exception[0].value if at.exception else ''}"
                    shown += "\n" + everything_shown(at, list(recorded_files))
                    opened.add(key)
        for key in BUTTONS:
            if any(button.key == key for button in at.button):
                recorded_files.clear()
                at.button(key=key).click().run()
                assert not at.exception, f"{slug} ({key}): {at.exception[0].value if at.exception else ''}"
                clicked[key] = everything_shown(at, list(recorded_files))
                shown += "\n" + clicked[key]
        for what, canary in PERSONAL.items():
            if found(shown, canary):
                leaks.setdefault(slug, []).append(what)
        if found(shown, LAST_NAME):
            names_seen.append(slug)
    assert len(visited) == (5 if role == "ville" else 6)
    # Every lazy container was opened (the members' list is only there for the comité).
    assert opened - QUALITY_LISTS == set(LAZY) - QUALITY_LISTS - (set() if role == "comite" else {"faisabilite_membres"}), opened
    # The quality page's lists were opened too, for the roles that see it (the canary's tabs have problems).
    assert len(opened & QUALITY_LISTS) >= (0 if role in ("ville", "public") else 3), opened
    assert not leaks, f"données personnelles visibles pour {role} : {leaks}"
    # The lodging plan: for every role but the city, clicked; its names (guest, host) only for the comité.
    assert set(clicked) == (set() if role == "ville" else set(BUTTONS)), clicked
    if role == "comite":
        assert found(clicked["hebergement_plan"], LAST_NAME), "le plan d'hébergement devrait nommer le canari"
    if role == "comite":
        assert names_seen, "le comité devrait voir des noms quelque part (le test ne verrait pas une fuite)"
    else:
        assert not names_seen, f"noms visibles pour {role} sur : {names_seen}"
