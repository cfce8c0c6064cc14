"""The sidebar: where the data comes from, when it was read, Rafraîchir, and data-quality problems."""
from __future__ import annotations

from datetime import datetime

import streamlit as st

from forum_data import fr
from forum_data.forum import PARIS
from forum_data.health import SourceState
from forum_data.privacy import Role
from ui import data
from ui.text import plain

KIND_NAMES = {"sample": "Exemple fourni (données fictives)", "csv": "Dossier de fichiers CSV", "xlsx": "Fichier Excel",
              "ods": "Fichier LibreOffice", "url": "Fichier en ligne", "gsheets": "Google Sheets", "yeswiki": "Wiki"}


def _when(moment: datetime) -> str:
    local = moment.astimezone(PARIS)
    today = datetime.now(PARIS).date()
    prefix = "" if local.date() == today else f"le {fr.short_day(local.date())} "
    return f"{prefix}à {fr.clock(local)}"


def stale_banner(state: SourceState) -> None:
    """The banner over every page while the source fails and the last good figures are shown."""
    if not state.is_stale:
        return
    forum = state.forum
    retry = f" ; nouvel essai {_when(state.retry_at)}" if state.retry_at else ""
    st.warning(f"Données lues {_when(forum.read_at)} — la source ne répond pas ({plain(state.error)}){retry}.",
               icon=":material/cloud_off:")


def draw(state: SourceState, role: Role, quality_page) -> None:
    forum = state.forum
    with st.sidebar:
        st.caption("Source des données")
        st.markdown(f"**{plain(KIND_NAMES.get(forum.kind, forum.kind))}**  \n{plain(forum.source)}")
        wiki_tabs = [slug for slug, info in forum.sheets.items() if info.origin == "yeswiki"]
        if wiki_tabs:
            st.caption("Onglets lus sur le wiki : " + ", ".join(wiki_tabs))
        st.caption(f"Données lues {_when(forum.read_at)}")
        if st.button("Rafraîchir", icon=":material/refresh:", help="Relire la source maintenant"):
            data.refresh()
            st.rerun()
        if quality_page is not None:
            errors = forum.errors
            warnings = len(forum.issues) - errors
            label = (f"{fr.plural(errors, 'erreur')}, {fr.plural(warnings, 'avertissement')}"
                     if forum.issues else "Aucun problème dans le classeur")
            st.page_link(quality_page, label=label, icon=":material/error:" if errors else ":material/check_circle:")
        st.caption(f"Profil : {role.label}")
    stale_banner(state)


def draw_unavailable(state: SourceState) -> None:
    with st.sidebar:
        if st.button("Réessayer", icon=":material/refresh:"):
            data.refresh()
            st.rerun()


def unavailable_page(state: SourceState):
    def page() -> None:
        st.title("Les données ne sont pas disponibles")
        st.error(plain(state.error or "La source ne répond pas."), icon=":material/cloud_off:")
        st.markdown(
            "Vérifiez :\n"
            "- que le lien ou le fichier configuré (`FORUM_SOURCE` ou `[forum] source` dans "
            "`.streamlit/secrets.toml`) est le bon ;\n"
            "- pour Google Sheets, que la feuille est partagée avec le compte de service, ou avec "
            "« Tous les utilisateurs disposant du lien » ;\n"
            "- que la machine a accès au réseau.\n\n"
            "Le tableau de bord réessaie tout seul ; le bouton « Réessayer » relit la source tout de suite.")
    return page
