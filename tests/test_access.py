"""Roles through the dashboard frame (AppTest): the open demo, the public notice, passwords, OIDC, logout.

The frame's helpers (``dashboard``, ``password_secrets``, ``login``, ``profile``…) are in tests/apptest.py,
the ``isolated`` fixture in tests/conftest.py.
"""
from __future__ import annotations

import pytest

from tests.apptest import PASSWORDS, dashboard, login, password_secrets, profile, write_secrets
from tests.workbooks import sample_copy
from ui.access import DEMO_NOTICE, PUBLIC_NOTICE


def logout_buttons(at) -> list:
    return [b for b in at.sidebar.button if b.label == "Se déconnecter"]


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
