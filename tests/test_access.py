"""Roles through the dashboard frame (AppTest): the open demo, the public notice, passwords, OIDC, logout.

The helpers at the top (``dashboard``, ``write_secrets``, ``sample_copy``, ``login``, ``texts``) are
shared with tests/test_privacy.py, tests/test_faults.py and tests/test_hostile.py.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import streamlit
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from forum_data.access import hash_password
from forum_data.sources import SAMPLE_DIR
from tests.builders import write_csv_workbook
from ui.access import DEMO_NOTICE, PUBLIC_NOTICE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
TIMEOUT = 60
PASSWORDS = {"comite": "comite-Brest-2024", "benevole": "benevole-Brest-2024", "ville": "ville-Brest-2024"}
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
                 "success", "exception", "latex", "code")


# -- helpers shared with the other trust tests ----------------------------------------------------

class _FramePagesManager(PagesManager):
    """AppTest resets ``PagesManager.uses_pages_directory`` before every run; since the repository
    has a ``pages/`` folder, every run after the first would then execute the page file alone
    (Streamlit's old multipage mode), skipping the frame. A real server keeps the flag False
    once ``st.navigation`` ran, so the frame runs on every rerun: do the same here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """No developer secrets, no snapshot outside tmp_path, fresh caches, the frame run on every
    rerun as on a real server; returns tmp_path."""
    monkeypatch.setattr(app_test_module, "PagesManager", _FramePagesManager)
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(tmp_path / "absent-secrets.toml"))
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(tmp_path / "instantane"))
    for name in ("FORUM_SOURCE", "FORUM_CACHE_TTL", "FORUM_RETRY_SECONDS", "FORUM_GOOGLE_CREDENTIALS",
                 "FORUM_YESWIKI_URL", "FORUM_YESWIKI_FORMS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()
    yield tmp_path
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()


def dashboard() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)


def write_secrets(monkeypatch, folder: Path, text: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(path))
    return path


def password_secrets(monkeypatch, folder: Path, *, hashed: tuple[str, ...] = ("benevole",)) -> Path:
    """``[access]`` with the three role passwords, those in ``hashed`` as salted hashes (few iterations)."""
    lines = ["[access]"]
    for slug, password in PASSWORDS.items():
        stored = hash_password(password, iterations=1000) if slug in hashed else password
        lines.append(f'{slug} = "{stored}"')
    return write_secrets(monkeypatch, folder, "\n".join(lines) + "\n")


def sample_copy(folder: Path) -> Path:
    """The bundled sample as a plain CSV folder: a real source (kind ``csv``), not the demo."""
    target = folder / "classeur"
    shutil.copytree(SAMPLE_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


def login(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    at.button[0].click()   # the form's « Entrer »
    return at.run()


def open_page(monkeypatch, folder: Path, tabs: dict[str, list[list[str]]], page: str,
              password: str | None = None) -> AppTest:
    """The dashboard on ``tabs`` written as a CSV folder, logged in with ``password`` if given, on ``page``."""
    monkeypatch.setenv("FORUM_SOURCE", str(write_csv_workbook(folder / "classeur", tabs)))
    if password:
        password_secrets(monkeypatch, folder)
    at = dashboard().run()
    if password:
        login(at, password)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    """The plotly figures of the run, as the JSON specs the browser receives."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def texts(at: AppTest, *, sidebar: bool = True) -> list[str]:
    """Every text body rendered (main area, and sidebar unless told otherwise), widget labels included."""
    found = []
    blocks = [at.main] + ([at.sidebar] if sidebar else [])
    for block in blocks:
        for kind in TEXT_ELEMENTS:
            found += [str(element.value) for element in block.get(kind)]
        for kind in ("metric",):
            for element in block.get(kind):
                found += [str(element.label), str(element.value), str(getattr(element.proto, "delta", ""))]
        for kind in ("button", "download_button", "text_input", "selectbox", "multiselect", "radio",
                     "checkbox", "toggle", "page_link", "expander", "tab", "segmented_control", "pills"):
            for element in block.get(kind):
                label = getattr(element, "label", None) or getattr(element.proto, "label", "")
                found.append(str(label))
                help_text = getattr(element.proto, "help", "")
                if help_text:
                    found.append(str(help_text))
                for option in getattr(element, "options", []) or []:
                    found.append(str(option))
    return found


def logout_buttons(at: AppTest) -> list:
    return [b for b in at.sidebar.button if b.label == "Se déconnecter"]


def profile(at: AppTest) -> str | None:
    return next((c.value for c in at.sidebar.caption if c.value.startswith("Profil : ")), None)


# -- open dashboards -------------------------------------------------------------------------------

def test_sample_without_settings_is_an_open_demo(isolated):
    at = dashboard().run()
    assert not at.exception
    assert profile(at) == "Profil : Comité de pilotage"
    assert DEMO_NOTICE in [i.value for i in at.sidebar.info]
    assert not logout_buttons(at)


def test_real_source_without_access_shows_figures_without_names_and_says_how_to_configure(isolated, monkeypatch):
    monkeypatch.setenv("FORUM_SOURCE", str(sample_copy(isolated)))
    at = dashboard().run()
    assert not at.exception
    assert profile(at) == "Profil : Accès public (chiffres seulement)"
    assert PUBLIC_NOTICE in [i.value for i in at.sidebar.info]
    assert "Sécurité et données personnelles" in PUBLIC_NOTICE and "[access]" in PUBLIC_NOTICE
    # figures are there: the home page ran and drew something beyond its title
    assert at.title and at.main.get("metric") or at.main.get("plotly_chart")


# -- passwords -------------------------------------------------------------------------------------

def test_passwords_configured_ask_to_log_in_first(isolated, monkeypatch):
    password_secrets(monkeypatch, isolated)
    at = dashboard().run()
    assert not at.exception
    assert at.title[0].value == "Tableau de bord du Forum des usages coopératifs"
    assert at.text_input[0].label == "Mot de passe"
    assert profile(at) is None                       # no page, no sidebar of figures
    assert not at.main.get("plotly_chart") and not at.main.get("metric")


def test_wrong_password_gives_a_french_error_and_no_access(isolated, monkeypatch):
    password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), "mauvais-mot-de-passe")
    assert not at.exception
    assert [e.value for e in at.error] == ["Mot de passe incorrect."]
    assert profile(at) is None
    at = login(at, "")                               # an empty password never matches
    assert [e.value for e in at.error] == ["Mot de passe incorrect."]
    assert profile(at) is None


@pytest.mark.parametrize("slug,label", [("comite", "Comité de pilotage"), ("benevole", "Bénévole"),
                                        ("ville", "Ville de Brest")])
def test_each_password_gives_its_role_hashed_or_clear(isolated, monkeypatch, slug, label):
    password_secrets(monkeypatch, isolated, hashed=("benevole", "ville"))
    at = login(dashboard().run(), PASSWORDS[slug])
    assert not at.exception
    assert profile(at) == f"Profil : {label}"
    assert not at.sidebar.info                       # access configured: no open-dashboard notice


def test_ville_cannot_open_the_quality_page(isolated, monkeypatch):
    password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), PASSWORDS["ville"])
    assert not [link for link in at.sidebar.get("page_link")]        # no « n erreurs » link to it
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/qualite.py")          # not registered for this role
    benevole = login(dashboard().run(), PASSWORDS["benevole"])
    benevole.switch_page("pages/qualite.py").run()
    assert "Qualité des données" in [t.value for t in benevole.title]


def test_logout_forgets_the_role(isolated, monkeypatch):
    password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), PASSWORDS["comite"])
    assert profile(at) == "Profil : Comité de pilotage"
    logout_buttons(at)[0].click().run()
    assert profile(at) is None
    assert at.text_input[0].label == "Mot de passe"


def test_a_password_removed_from_the_secrets_ends_its_sessions(isolated, monkeypatch):
    path = password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), PASSWORDS["benevole"])
    assert profile(at) == "Profil : Bénévole"
    path.write_text(f'[access]\ncomite = "{PASSWORDS["comite"]}"\n', encoding="utf-8")
    at.run()
    assert profile(at) is None


# -- OIDC ------------------------------------------------------------------------------------------

OIDC = """
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "un-secret-de-test"
client_id = "tableau"
client_secret = "secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"

[access.users]
"Anne.Comite@example.org" = "comite"
"benoit@example.org" = "benevole"
"""


@pytest.mark.parametrize("email,label", [("anne.comite@EXAMPLE.org", "Comité de pilotage"),
                                         ("benoit@example.org", "Bénévole"),
                                         ("inconnu@example.org", "Ville de Brest")])
def test_oidc_addresses_map_to_roles_and_anyone_else_gets_ville(isolated, monkeypatch, email, label):
    write_secrets(monkeypatch, isolated, OIDC)
    at = dashboard()
    at.user = {"is_logged_in": True, "email": email, "name": "Quelqu'un"}
    at.run()
    assert not at.exception
    assert profile(at) == f"Profil : {label}"
    assert logout_buttons(at)


def test_oidc_not_logged_in_sees_the_login_button_only(isolated, monkeypatch):
    write_secrets(monkeypatch, isolated, OIDC)
    at = dashboard()
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert profile(at) is None
    assert [b.label for b in at.button] == ["Se connecter avec son compte"]
