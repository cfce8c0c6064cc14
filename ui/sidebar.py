"""The sidebar: where the data comes from, when it was read, Rafraîchir, and data-quality problems."""
from __future__ import annotations

import math
from datetime import datetime

import streamlit as st

from forum_data import fr
from forum_data.forum import PARIS
from forum_data.health import SourceState
from forum_data.privacy import Role
from ui import access, data
from ui.text import plain

KIND_NAMES = {"sample": "Exemple fourni (données fictives)", "csv": "Dossier de fichiers CSV", "xlsx": "Fichier Excel",
              "ods": "Fichier LibreOffice", "url": "Fichier en ligne", "gsheets": "Google Sheets", "yeswiki": "Wiki"}


def _when(moment: datetime) -> str:
    local = moment.astimezone(PARIS)
    today = datetime.now(PARIS).date()
    prefix = "" if local.date() == today else f"le {fr.short_day(local.date())} "
    return f"{prefix}à {fr.clock(local)}"


def _dated(moment: datetime) -> str:
    """``du 12 mars à 10 h 42`` (the day always said: stale data may be days old)."""
    local = moment.astimezone(PARIS)
    return f"du {fr.short_day(local.date())} à {fr.clock(local)}"


def _retry_in(retry_at: datetime | None, now: datetime | None = None) -> str:
    if retry_at is None:
        return ""
    seconds = (retry_at - (now or datetime.now(PARIS))).total_seconds()
    if seconds <= 0:
        return " ; nouvel essai au prochain affichage"
    minutes = max(1, math.ceil(seconds / 60))
    return f" ; nouvel essai dans {minutes} min"


def banner_text(state: SourceState, now: datetime | None = None) -> str:
    """« Données du 12 mars à 10 h 42 — la source ne répond pas (quota Google dépassé) ; nouvel essai dans 2 min »."""
    text = (f"Données {_dated(state.forum.read_at)} — la source ne répond pas ({state.reason})"
            f"{_retry_in(state.retry_at, now)}.")
    if state.restored:
        text += (" Ces chiffres viennent de l'instantané gardé avant le redémarrage : les noms ne sont pas "
                 "disponibles tant que la source ne répond pas.")
    return text


def stale_banner(state: SourceState) -> None:
    """The banner over every page while the source fails and the last good figures are shown."""
    if not state.is_stale:
        return
    st.warning(plain(banner_text(state)), icon=":material/cloud_off:")
    st.caption(plain(f"Détail : {state.error}"))


def draw(state: SourceState, role: Role, quality_page) -> None:
    forum = state.forum
    with st.sidebar:
        st.caption("Source des données")
        kind = KIND_NAMES.get(forum.kind, forum.kind)
        detail = "" if forum.source.lower() == kind.lower() else f"  \n{plain(forum.source)}"
        st.markdown(f"**{plain(kind)}**{detail}")
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
        access.logout_button()
        open_notice = access.notice(forum, role)
        if open_notice:
            st.info(open_notice, icon=":material/visibility:" if forum.kind == "sample" else ":material/lock_open:")
    stale_banner(state)


def draw_unavailable(state: SourceState) -> None:
    with st.sidebar:
        if st.button("Réessayer", icon=":material/refresh:"):
            data.refresh()
            st.rerun()


def unavailable_page(state: SourceState):
    """The page shown when the source fails and no earlier read (nor snapshot) exists."""
    def page() -> None:
        st.title("Les données ne sont pas disponibles")
        reason = f" ({state.reason})" if state.reason else ""
        retry = _retry_in(state.retry_at).removeprefix(" ; ")
        st.error(plain(f"La source ne répond pas{reason}" + (f" ; {retry}." if retry else ".")),
                 icon=":material/cloud_off:")
        if state.error:
            st.caption(plain(f"Détail : {state.error}"))
        st.markdown(
            "Vérifiez :\n"
            "- que le lien ou le fichier configuré (`FORUM_SOURCE` ou `[forum] source` dans "
            "`.streamlit/secrets.toml`) est le bon ;\n"
            "- pour Google Sheets, que la feuille est partagée avec le compte de service, ou avec "
            "« Tous les utilisateurs disposant du lien » (Lecteur), et que la clé du compte de service "
            "n'a pas été révoquée ;\n"
            "- pour un lien Nextcloud ou un fichier en ligne, que le partage est public ;\n"
            "- que la machine a accès au réseau.\n\n"
            "Le tableau de bord réessaie tout seul ; le bouton « Réessayer » relit la source tout de suite. "
            "Dès qu'une lecture aura réussi, ses chiffres resteront affichés même si la source tombe à nouveau "
            "en panne.")
    return page
