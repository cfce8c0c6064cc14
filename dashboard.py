"""The dashboard's frame: load the forum, draw the sidebar, declare the pages, run the chosen one.

    streamlit run dashboard.py

Every page is declared in ``ui/registry.py``, lives in pages/ and runs only when this frame calls
it (pages start with ``ui.page.Page.open()``, which hands a deep link over to this frame).
"""
from __future__ import annotations

import os

import streamlit as st

from forum_data import fr
from forum_data.forum import PARIS
from ui import access, data, registry, secrets_file, sidebar
from ui.context import WANTED, PageContext, set_context

st.set_page_config(page_title=fr.FORUM_NAME, page_icon="🧭", layout="wide", initial_sidebar_state="auto")

PAGES = {spec.slug: st.Page(spec.file, title=spec.title, icon=spec.icon, url_path=spec.slug, default=spec.default)
         for spec in registry.PAGES}

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

allowed = [PAGES[spec.slug] for spec in registry.PAGES if role.quality or not spec.quality_only]
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
