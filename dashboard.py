"""The dashboard's frame: load the forum, draw the sidebar, declare the pages, run the chosen one.

    streamlit run dashboard.py

Every page lives in pages/ and runs only when this frame calls it (pages read
``ui.context.page_context()`` on their first line).
"""
from __future__ import annotations

import os

import streamlit as st

from forum_data import fr
from forum_data.forum import PARIS
from ui import access, data, secrets_file, sidebar
from ui.context import WANTED, PageContext, set_context

st.set_page_config(page_title=fr.FORUM_NAME, page_icon="🧭", layout="wide", initial_sidebar_state="auto")

PAGES = {
    "faisabilite": st.Page("pages/faisabilite.py", title="Faisabilité", icon=":material/how_to_reg:",
                           url_path="faisabilite", default=True),
    "propositions": st.Page("pages/propositions.py", title="Propositions", icon=":material/lightbulb:",
                            url_path="propositions"),
    "salles": st.Page("pages/salles.py", title="Salles", icon=":material/meeting_room:", url_path="salles"),
    "hebergement": st.Page("pages/hebergement.py", title="Hébergement", icon=":material/bed:", url_path="hebergement"),
    "ville": st.Page("pages/ville.py", title="Ville", icon=":material/restaurant:", url_path="ville"),
    "qualite": st.Page("pages/qualite.py", title="Qualité des données", icon=":material/rule:", url_path="qualite"),
}

secrets_file.follow_streamlit()   # the secrets Streamlit found (Community Cloud, ~/.streamlit)
state = data.current()
if state.forum is None:
    sidebar.draw_unavailable(state)
    st.navigation([st.Page(sidebar.unavailable_page(state), title="Source indisponible", url_path="indisponible")]).run()
    st.stop()

forum = state.forum
st.set_page_config(page_title=fr.edition(forum.settings).title)   # the edition of the workbook read
role = access.current_role(forum)
if role is None:
    st.navigation([st.Page(access.login_page, title="Connexion", url_path="connexion")]).run()
    st.stop()

allowed = [page for slug, page in PAGES.items() if slug != "qualite" or role.quality]
if os.environ.get("FORUM_BENCH_BARE_PAGE"):  # bench/run.py only: the pages that page times are divided by
    from ui import bench
    allowed += [st.Page(bench.bare, title="ok", url_path="bench-ok"),
                st.Page(bench.one_chart, title="ok + graphique", url_path="bench-chart")]
page = st.navigation(allowed)
wanted = PAGES.get(st.session_state.pop(WANTED, ""))
if wanted in allowed and wanted is not page:   # a deep link served before the frame ever ran
    st.switch_page(wanted)
sidebar.draw(state, role, PAGES["qualite"] if role.quality else None)
set_context(PageContext(forum=forum, role=role, today=forum.today()))
page.run()
_ = PARIS  # the frame shows times in Europe/Paris (sidebar), never the machine's zone
