"""Salles: overbooked sessions and conflicts with a suggestion, unmet needs, each day's room load (heat map)
and the rooms, each in a lazy tab; on request a proposed programme for the retained proposals (ui/room_plan.py)."""
from functools import partial

import streamlit as st

from forum_data import fr, metrics
from forum_data.charts import rooms as charts
from forum_data.charts.style import PLOTLY_CONFIG as CONFIG
from forum_data.views import rooms as views
from ui import room_plan
from ui.page import Page
from ui.text import plain

page = Page.open()

forum, tables = page.forum, page.tables
rooms, sessions = tables.rooms, tables.sessions
ALERT_COLUMNS = {"Problème": st.column_config.TextColumn(width=420),
                 "Suggestion": st.column_config.TextColumn(width=360)}

st.title("Salles et planning")
page.require("salles", "voir la charge des salles", icon=":material/meeting_room:")

summary = page.cached(metrics.room_summary, rooms, sessions)   # once per read
with st.container(horizontal=True, horizontal_alignment="distribute", gap="medium"):
    st.metric("Salles", fr.number(summary.rooms), width="content")
    st.metric("Séances au planning", fr.number(summary.sessions), width="content")
    st.metric("En surcharge", fr.number(summary.overbooked), width="content",
              help="Plus de personnes attendues que de places.")
    st.metric("Conflits de salle", fr.number(summary.conflicts), width="content",
              help="Deux séances dans la même salle en même temps.")
    st.metric("Charge maximale", "—" if summary.max_load is None else fr.percent(summary.max_load),
              width="content")

ROOM_COLUMNS = {"Salle": st.column_config.TextColumn(width=130), "Bâtiment": st.column_config.TextColumn(width=100),
                "Capacité": st.column_config.NumberColumn(width=80),
                "Accessible PMR": st.column_config.TextColumn(
                    "PMR", width=60, help="Accessible aux personnes à mobilité réduite"),
                "Équipements": st.column_config.TextColumn(width=200),
                "Jours disponibles": st.column_config.TextColumn("Jours", width=165),
                "Séances": st.column_config.NumberColumn(width=75, help="Séances prévues au planning")}


def rooms_list() -> None:
    st.dataframe(views.rooms_table(rooms, sessions, forum.settings), hide_index=True, column_config=ROOM_COLUMNS)


def alerts_table(alerts, label: str, key: str) -> None:
    """A long list of alerts as one table, in a lazy expander (the data grid's code loads when opened)."""
    section = st.expander(f"{label} ({fr.number(len(alerts))})", icon=":material/table:", key=key, on_change="rerun")
    if section.open:
        with section:
            st.dataframe(views.alerts_table(alerts), hide_index=True, column_config=ALERT_COLUMNS)


def to_settle() -> None:
    """Overbooked sessions and room conflicts, then sessions whose room lacks what they need."""
    problems = page.cached(views.alerts, rooms, sessions)
    if not problems:
        st.success("Aucune salle en surcharge, aucun conflit de salle.")
    elif len(problems) <= views.ALERTS_SHOWN:
        for alert in problems:
            icon = ":material/groups:" if alert.kind == "overbooked" else ":material/event_busy:"
            st.warning(plain(alert.text) + "  \n" + plain(alert.suggestion), icon=icon)
    else:      # a big forum: one sentence, and the list as one table to sort and search, sent when opened
        st.warning(plain(views.alerts_sentence(problems)), icon=":material/groups:")
        alerts_table(problems, "Les problèmes dans un tableau à trier", "salles_alertes")

    st.subheader("Accessibilité et équipements")
    unmet = page.cached(views.mismatch_alerts, rooms, sessions)
    if not unmet:
        st.success("Chaque séance a une salle qui répond à ses besoins (accessibilité, équipements).")
    else:
        st.write(plain(f"{fr.plural(len(unmet), 'séance se tient', 'séances se tiennent')} dans une salle qui n'a "
                       "pas tout ce que demande la proposition (colonne Besoins de l'onglet Activités) :"))
        if len(unmet) <= views.ALERTS_SHOWN:
            st.markdown("\n".join(f"- {plain(a.text)}  \n  *{plain(a.suggestion)}*" for a in unmet))
        else:
            alerts_table(unmet, "Les séances concernées dans un tableau à trier", "salles_besoins")


def heat_map(day) -> None:
    st.caption("Chaque case : personnes attendues / places de la salle. Gris avec « ? » : affluence encore "
               "inconnue (souvent connue le matin même). ⚠ : la salle est déjà occupée à ce moment-là.")
    grid = page.cached(charts.load_grid, rooms, sessions, day)
    if grid.slots:
        title = f"Charge des salles, {fr.day(day, year=False)}"
        st.plotly_chart(page.cached(charts.load_heatmap, grid, title), config=CONFIG)
        if (hidden := views.hidden_rooms_sentence(grid)):
            st.caption(plain(hidden))
    else:
        st.info("Aucune séance n'est prévue ce jour-là dans l'onglet Planning.")


days = () if page.notice("planning", "voir l'occupation des salles", icon=":material/calendar_month:") \
    else forum.settings.days
if days:
    # Lazy tabs: what to settle first; each day's heat map (and Plotly's code) and the list of rooms
    # are computed and sent only when their tab is opened.
    tabs = st.tabs(["À régler", *(fr.day(d, year=False).capitalize() for d in days), "Les salles"],
                   key="salles_vue", on_change="rerun")
    for tab, draw in zip(tabs, [to_settle, *(partial(heat_map, d) for d in days), rooms_list]):
        if tab.open:
            with tab:
                draw()

room_plan.draw(page)   # « Proposer un planning » (ui/room_plan.py)

if not days:
    st.subheader("Les salles")
    rooms_list()
