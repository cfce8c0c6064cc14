"""Faisabilité: the committee's go/no-go — active members against the threshold, pace, missions, partners.

The verdict and the figures first; the charts in lazy tabs (« Au fil du temps », « Missions et partenaires »)."""
import streamlit as st

from forum_data import fr, metrics
from forum_data.charts import collective as charts
from forum_data.charts.style import PLOTLY_CONFIG as CONFIG
from forum_data.schema import PartnerStatus
from forum_data.views import collective as views
from ui.page import Page
from ui.text import plain

page = Page.open()

forum, tables = page.forum, page.tables
# Figures built once per content read (page.cached), shared by every visitor.
status = page.cached(metrics.collective_status, tables.members, forum.settings.threshold)
projection = page.cached(metrics.collective_projection, tables.members, forum.settings, page.today)
points = page.cached(metrics.active_by_date, tables.members,
                     forum.settings.deadline if projection.after_deadline else page.today)
summary = page.cached(metrics.proposals_summary, tables.proposals)
partner_counts = page.cached(metrics.partners_by_status, tables.partners)

st.title("Faisabilité du forum")
threshold = fr.plural(status.threshold, "membre actif", "membres actifs")
st.caption(f"Situation au {fr.day(page.today)} · seuil de viabilité : {threshold} "
           f"· date de décision : {fr.day(forum.settings.deadline)}")

members_missing = page.notice("collectif", "savoir si le forum est viable", icon=":material/group_add:")
if not members_missing:
    verdict = views.verdict(projection)
    show = {"good": st.success, "warn": st.warning, "bad": st.error}[verdict.tone]
    show(plain(verdict.text), icon={"good": ":material/check_circle:", "warn": ":material/schedule:",
                                    "bad": ":material/warning:"}[verdict.tone])
    if (later := views.since_decision(status, projection)):
        st.caption(plain(later))

with st.container(horizontal=True, horizontal_alignment="distribute", gap="medium"):
    st.metric("Membres actifs", fr.number(status.active), width="content",
              help="Personnes engagées dans le collectif (statut actif).")
    st.metric("Il en manque", fr.number(status.missing), width="content", help="Pour atteindre le seuil de viabilité.")
    st.metric("Intéressé·es à convaincre", fr.number(status.interested), width="content",
              help="Personnes intéressées qui ne se sont pas encore engagées.")
    st.metric("Propositions", fr.number(summary.total), width="content",
              help="Propositions d'activités, hors annulées.")
    st.metric("Partenaires confirmés", fr.number(partner_counts[PartnerStatus.CONFIRME]), width="content")

# Lazy tabs: the page opens on the figures in words (a progress bar for the threshold); the charts
# (and Plotly's code) reach the browser when their tab is opened.
brief, timeline, missions_tab = st.tabs(["En bref", "Au fil du temps", "Missions et partenaires"],
                                        key="faisabilite_vue", on_change="rerun")
uncovered = None if members_missing else metrics.uncovered_roles(tables.members)
pace = None if members_missing else plain(views.pace_sentence(projection, points[0][0] if points else None))


def missions_alert() -> None:
    """The missions nobody holds (a warning), or that every mission is held."""
    (st.warning if uncovered else st.success)(plain(views.uncovered_sentence(uncovered)))


if brief.open:
    with brief:
        if not members_missing:
            st.progress(min(1.0, status.active / max(status.threshold, 1)), text=charts.gauge_title(status))
            st.caption(pace)
            missions_alert()
        if not page.notice("partenaires", "suivre les partenariats", icon=":material/handshake:"):
            st.write(plain(views.partners_sentence(partner_counts)))
if timeline.open:
    with timeline:
        if not members_missing:
            st.plotly_chart(page.cached(charts.active_gauge, status), config=CONFIG)
            st.plotly_chart(page.cached(charts.signups, points, projection), config=CONFIG)
            st.caption(pace)
            if (note := views.undated_note(projection, points)):
                st.caption(plain(note))
        else:
            st.info("La courbe des engagements apparaîtra ici dès que l'onglet « Collectif » aura des membres.",
                    icon=":material/group_add:")
if missions_tab.open:
    with missions_tab:
        left, right = st.columns(2)
        with left:
            st.subheader("Missions")
            if members_missing:
                st.info("Ajoutez les membres dans l'onglet « Collectif », avec leurs missions dans la colonne "
                        "« Rôles » : vous verrez ici qui tient quelle mission et celles que personne ne couvre "
                        "encore.", icon=":material/assignment_ind:")
            else:
                missions_alert()
                st.plotly_chart(page.cached(charts.missions, page.cached(views.members_by_role, tables.members)),
                                config=CONFIG)
        with right:
            st.subheader("Partenaires")
            if not page.notice("partenaires", "suivre les partenariats", icon=":material/handshake:"):
                st.plotly_chart(page.cached(charts.partners, partner_counts), config=CONFIG)

table = views.members_table(tables.members, page.role)
if table is not None and not members_missing:
    # Lazy: the names reach the browser only when someone opens the list.
    members = st.expander("Membres actifs : qui fait quoi ?", key="faisabilite_membres", on_change="rerun")
    if members.open:
        with members:
            st.dataframe(table, hide_index=True)
