"""Who is looking: the role of this session, from a role password or an OIDC login.

- Nothing configured and the bundled sample: an open demo (``comite``, fictional data).
- A real source and no ``[access]``: every page's figures, aggregates only (``PUBLIC``).
- ``[access]`` passwords (clear or salted hash): a login form; the password gives the role.
- ``[auth]`` (st.login, OIDC): each address in ``[access.users]`` gets its role, anyone else ``ville``.
"""
from __future__ import annotations

import streamlit as st

from forum_data.access import check_password
from forum_data.config import read_secrets
from forum_data.forum import Forum
from forum_data.privacy import PUBLIC, ROLES, Role
from forum_data.sources.base import SourceError

_KEY = "_forum_role"


def _access_settings() -> tuple[dict, bool]:
    try:
        secrets = read_secrets()
    except SourceError:
        return {}, False
    return dict(secrets.get("access", {}) or {}), "auth" in secrets


def current_role(forum: Forum) -> Role | None:
    """The session's role, or None when it must log in first."""
    access, has_oidc = _access_settings()
    passwords = {slug: str(access[slug]) for slug in ROLES if access.get(slug)}
    if not passwords and not has_oidc:
        return ROLES["comite"] if forum.kind == "sample" else PUBLIC
    if has_oidc and getattr(st.user, "is_logged_in", False):
        users = {str(k).strip().lower(): v for k, v in (access.get("users") or {}).items()}
        return ROLES.get(users.get(str(st.user.get("email", "")).strip().lower(), "ville"), ROLES["ville"])
    slug = st.session_state.get(_KEY)
    return ROLES.get(slug) if slug else None


def login_page() -> None:
    access, has_oidc = _access_settings()
    st.title("Tableau de bord du Forum des usages coopératifs")
    st.write("Ce tableau de bord est réservé au comité de pilotage, aux bénévoles et à la Ville de Brest.")
    if has_oidc:
        st.button("Se connecter avec son compte", on_click=st.login, icon=":material/login:")
    passwords = {slug: str(access[slug]) for slug in ROLES if access.get(slug)}
    if passwords:
        with st.form("connexion"):
            given = st.text_input("Mot de passe", type="password")
            if st.form_submit_button("Entrer"):
                role = next((slug for slug, stored in passwords.items() if check_password(given, stored)), None)
                if role is None:
                    st.error("Mot de passe incorrect.")
                else:
                    st.session_state[_KEY] = role
                    st.rerun()
