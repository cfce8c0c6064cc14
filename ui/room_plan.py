"""Salles, « Proposer un planning »: a button, a spinner while the plan is solved, then what it proposes.

The plan is solved once per read of the source (``Page.cached``) and only once someone asks for it:
a view of the page never starts the solver by itself. The figures and files come from
``forum_data.views.room_plan``, which also says what each role may see.
"""
from __future__ import annotations

import streamlit as st

from forum_data import fr
from forum_data.charts import rooms as charts
from forum_data.charts.style import OKABE_ITO
from forum_data.charts.style import PLOTLY_CONFIG as CONFIG
from forum_data.forum import Forum
from forum_data.plans.rooms import plan_rooms
from forum_data.views import room_plan as views
from ui.page import Page
from ui.text import plain

SECONDS = 10
ASKED = "_room_plan_asked"          # session state: the read (source, time) this session asked a plan for
PROPOSED_LEVEL = ((views.PROPOSED, "proposé (pas encore au planning)", OKABE_ITO["sky"]),)


def _read_key(forum: Forum) -> str:
    return f"{forum.source}|{forum.read_at.isoformat()}"


def draw(page: Page) -> None:
    """The section; nothing at all for a role that may not see it."""
    forum, role = page.forum, page.role
    if not views.shows_section(role):
        return
    st.subheader("Proposer un planning")
    st.write("Pour les propositions retenues qui ne sont pas encore au planning : le tableau de bord cherche le "
             "meilleur placement (le plus de propositions placées, puis le plus au jour souhaité, puis le moins "
             "de places vides), sans jamais déplacer ce qui est déjà dans l'onglet Planning. Rien n'est écrit "
             "dans le classeur : vous vérifiez, puis vous recopiez.")
    asked = st.session_state.get(ASKED) == _read_key(forum)
    if st.button("Proposer un planning", icon=":material/auto_awesome:", type="primary" if not asked else "secondary",
                 key="room_plan_button"):
        st.session_state[ASKED] = _read_key(forum)
        asked = True
    if not asked:
        return
    with st.spinner(f"Recherche du meilleur planning (au plus {SECONDS} secondes)…"):
        plan = page.cached(plan_rooms, forum.tables, SECONDS)
    titles = views.shows_titles(role)
    (st.success if plan.optimal else st.info)(plain(views.headline(plan)))
    if plan.placed and titles:
        st.dataframe(views.placed_table(plan, role), hide_index=True,
                     column_config={"Jour": st.column_config.TextColumn(width=115),
                                    "Horaire": st.column_config.TextColumn(width=110),
                                    "Salle": st.column_config.TextColumn(width=95),
                                    "Places": st.column_config.NumberColumn(width=55),
                                    "Attendus": st.column_config.TextColumn(width=65),
                                    "Jour souhaité": st.column_config.TextColumn(width=100,
                                                                                 help="Placée le jour souhaité"),
                                    "Activité": st.column_config.TextColumn(width=260),
                                    "Porteur": st.column_config.TextColumn(width=140)})
    if plan.placed:
        _heatmaps(page, plan, titles)
    if plan.unplaced:
        st.markdown(f"**{fr.plural(len(plan.unplaced), 'proposition non placée', 'propositions non placées')}**")
        if titles:
            st.markdown("\n".join(f"- {plain(fr.quote(left.title))}" + (f" ({plain(left.leader)})" if left.leader else "")
                                  + f" :orange-badge[{plain(left.code)}]  \n{plain(left.reason)}"
                                  for left in views.unplaced_items(plan, role)))
    if plan.placed and titles:
        st.caption("Les séances proposées dans les colonnes de l'onglet Planning, à coller sous ses lignes :")
        with st.container(horizontal=True, gap="small"):
            for download in page.cached(views.downloads, plan):
                st.download_button(download.label, download.data, file_name=download.file_name, mime=download.mime,
                                   help=download.help, on_click="ignore", icon=":material/download:")


def _heatmaps(page: Page, plan, titles: bool) -> None:
    forum = page.forum
    days = [d for d in forum.settings.days if any(p.day == d for p in plan.placed)]
    tabs = st.tabs([fr.day(d, year=False).capitalize() for d in days], key="planning_propose_jour", on_change="rerun")
    tables = forum.tables
    for day, tab in zip(days, tabs):
        if not tab.open:
            continue
        with tab:
            grid = page.cached(views.plan_grid, tables.rooms, tables.sessions, plan, day, titles)
            title = f"Planning proposé, {fr.day(day, year=False)}"
            st.plotly_chart(page.cached(charts.load_heatmap, grid, title, PROPOSED_LEVEL), config=CONFIG)
            st.caption("En bleu ciel, marqué + : les séances proposées. Les autres couleurs : les séances déjà au "
                       "planning, selon leur charge.")
