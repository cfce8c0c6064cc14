"""Who is looking: the role of this session, from a role password or an OIDC login.

- Nothing configured and the bundled sample: an open demo (``comite``, fictional data).
- A real source and no ``[access]``: every page's figures, aggregates only (``PUBLIC``),
  with a notice saying how to configure access.
- ``[access]`` passwords (clear or salted hash, compared in constant time): a login form;
  the password gives the role; « Se déconnecter » forgets it.
- ``[auth]`` (st.login, OIDC): each address in ``[access.users]`` gets its role, anyone else ``ville``.
"""
from __future__ import annotations

import time

import streamlit as st

from forum_data.access import check_password
from forum_data.config import read_secrets
from forum_data.forum import Forum
from forum_data.privacy import PUBLIC, ROLES, Role
from forum_data.sources.base import SourceError

_KEY = "_forum_role"
FAILED_LOGIN_DELAY = 1.0   # seconds a wrong password costs (slows guessing down)

DEMO_NOTICE = "Démonstration sur données fictives : aucun accès n'est configuré, tout est visible."
PUBLIC_NOTICE = ("Accès non configuré : les noms sont masqués et seuls les chiffres sont affichés. "
                 "Pour configurer l'accès, voir la section « Sécurité et données personnelles » du README "
                 "(mots de passe dans la section `[access]` de `.streamlit/secrets.toml`).")


def _access_settings() -> tuple[dict, bool]:
    try:
        secrets = read_secrets()
    except SourceError:
        return {}, False
    access = secrets.get("access", {})
    return (dict(access) if isinstance(access, dict) else {}), isinstance(secrets.get("auth"), dict)


def _passwords(access: dict) -> dict[str, str]:
    return {slug: str(access[slug]) for slug in ROLES if isinstance(access.get(slug), (str, int)) and str(access[slug])}


def _oidc_user() -> str | None:
    """The logged-in OIDC address (lower case), None when nobody is logged in through st.login."""
    try:
        if not st.user.get("is_logged_in", False):
            return None
        return str(st.user.get("email", "") or "").strip().lower()
    except Exception:  # noqa: BLE001 — no auth configured in Streamlit itself
        return None


def current_role(forum: Forum) -> Role | None:
    """The session's role, or None when it must log in first."""
    access, has_oidc = _access_settings()
    passwords = _passwords(access)
    if not passwords and not has_oidc:
        return ROLES["comite"] if forum.kind == "sample" else PUBLIC
    if has_oidc:
        email = _oidc_user()
        if email is not None:
            users = access.get("users") if isinstance(access.get("users"), dict) else {}
            mapped = {str(k).strip().lower(): str(v).strip() for k, v in users.items()}
            return ROLES.get(mapped.get(email, "ville"), ROLES["ville"])
    slug = st.session_state.get(_KEY)
    # A password removed from the secrets ends the sessions it opened.
    return ROLES[slug] if slug in passwords else None


def is_open(forum: Forum) -> bool:
    """No access configured (the demo on the sample, or PUBLIC on a real source)."""
    access, has_oidc = _access_settings()
    return not _passwords(access) and not has_oidc


def notice(forum: Forum, role: Role) -> str | None:
    """The sentence telling an open dashboard's viewers what they see, or None when access is configured."""
    if not is_open(forum):
        return None
    return DEMO_NOTICE if forum.kind == "sample" else PUBLIC_NOTICE


def _forget_role() -> None:
    st.session_state.pop(_KEY, None)


def logout_button() -> None:
    """« Se déconnecter » for a password or OIDC session (nothing for an open dashboard)."""
    if st.session_state.get(_KEY):
        st.button("Se déconnecter", icon=":material/logout:", key="forum_logout", on_click=_forget_role)
    elif _oidc_user() is not None:
        st.button("Se déconnecter", icon=":material/logout:", key="forum_logout", on_click=st.logout)


def login_page() -> None:
    access, has_oidc = _access_settings()
    st.title("Tableau de bord du Forum des usages coopératifs")
    st.write("Ce tableau de bord est réservé au comité de pilotage, aux bénévoles et à la Ville de Brest.")
    if has_oidc:
        st.button("Se connecter avec son compte", on_click=st.login, icon=":material/login:")
    passwords = _passwords(access)
    if passwords:
        with st.form("connexion"):
            given = st.text_input("Mot de passe", type="password")
            if st.form_submit_button("Entrer"):
                # Every stored password is checked, so the time taken does not say which role matched.
                matches = [slug for slug, stored in passwords.items() if check_password(given, stored)]
                if not matches or not given:
                    time.sleep(FAILED_LOGIN_DELAY)
                    st.error("Mot de passe incorrect.", icon=":material/lock:")
                else:
                    st.session_state[_KEY] = matches[0]
                    st.rerun()
