"""Propositions: themes × formats (a table, then the charts), from proposed to programmed, balance of the
call's themes, the list to filter and the retained ones not yet planned — each in a lazy tab."""
import streamlit as st

from forum_data import fr, metrics, schema
from forum_data.charts import proposals as charts
from forum_data.charts.style import PLOTLY_CONFIG as CONFIG
from forum_data.schema import ProposalStatus
from forum_data.views import proposals as views
from ui.page import Page
from ui.text import plain

page = Page.open()

forum, tables = page.forum, page.tables

st.title("Propositions d'activités")
page.require("activites", "suivre l'appel à propositions", icon=":material/lightbulb:")

summary = page.cached(metrics.proposals_summary, tables.proposals)   # once per read
st.write(plain(views.status_sentence(summary)))
with st.container(horizontal=True, horizontal_alignment="distribute", gap="medium"):
    st.metric("Propositions", fr.number(summary.total), width="content", help="Hors propositions annulées.")
    st.metric("À étudier", fr.number(summary.by_status[ProposalStatus.PROPOSEE]), width="content")
    st.metric("Retenues à programmer", fr.number(summary.by_status[ProposalStatus.RETENUE]), width="content",
              help="Retenues par le comité, pas encore programmées.")
    st.metric("Programmées", fr.number(summary.by_status[ProposalStatus.PROGRAMMEE]), width="content")

# Lazy tabs: the page opens on the figures as a table; the charts (and Plotly's code) and the long
# lists reach the browser when their tab is opened.
by_theme, graphs, listed, unplanned = st.tabs(
    ["Par thème", "Graphiques", "Toutes les propositions", "Pas encore au planning"],
    key="propositions_vue", on_change="rerun")
counts = page.cached(metrics.proposals_by_theme_format, tables.proposals)
MULTI_THEME = "Une proposition qui porte sur plusieurs thèmes compte dans chacun d'eux."
if by_theme.open:
    with by_theme:
        st.table(views.theme_format_table(counts), hide_index=True, border="horizontal")
        st.caption(MULTI_THEME)
        st.write(plain(views.balance_sentence(summary.by_theme)))
if graphs.open:
    with graphs:
        st.plotly_chart(page.cached(charts.theme_format, counts), config=CONFIG)
        st.caption(MULTI_THEME)
        left, right = st.columns(2)
        with left:
            st.plotly_chart(page.cached(charts.theme_balance, summary.by_theme), config=CONFIG)
            st.write(plain(views.balance_sentence(summary.by_theme)))
        with right:
            st.plotly_chart(page.cached(charts.status_funnel, summary.by_status), config=CONFIG)
            if summary.by_status[ProposalStatus.ANNULEE]:
                cancelled = fr.plural(summary.by_status[ProposalStatus.ANNULEE], "proposition annulée",
                                      "propositions annulées")
                st.caption(plain(f"À part : {cancelled}."))

COLUMNS = {"Titre": st.column_config.TextColumn(width=300), "Statut": st.column_config.TextColumn(width=100),
           "Thèmes": st.column_config.TextColumn(width=170), "Format": st.column_config.TextColumn(width=110),
           "Jour souhaité": st.column_config.TextColumn(width=130),
           "Durée": st.column_config.NumberColumn(format="%d min", width=80),
           "Participants attendus": st.column_config.NumberColumn("Participants", width=95,
                                                                  help="Participants attendus"),
           "Porteur·se": st.column_config.TextColumn(width=200)}
ORDER = [c for c in COLUMNS if page.role.names or c != "Porteur·se"]       # the status right after the title
if listed.open:
    with listed:
        f1, f2, f3, f4 = st.columns(4)
        themes = f1.multiselect("Thème", schema.THEMES.slugs, format_func=schema.THEMES.names.get,
                                placeholder="Tous")
        formats = f2.multiselect("Format", schema.FORMATS.slugs, format_func=schema.FORMATS.names.get,
                                 placeholder="Tous")
        statuses = f3.multiselect("Statut", schema.PROPOSAL_STATUS.slugs,
                                  format_func=schema.PROPOSAL_STATUS.names.get, placeholder="Tous")
        days = f4.multiselect("Jour souhaité", views.day_options(tables.proposals, forum.settings.days),
                              format_func=lambda d: views.day_label(None if d == views.NO_DAY else d),
                              placeholder="Tous")
        chosen = views.filter_proposals(tables.proposals, themes=themes, formats=formats, statuses=statuses,
                                        days=days)
        cancelled = summary.by_status[ProposalStatus.ANNULEE]
        st.caption(plain(f"{fr.plural(len(chosen), 'proposition affichée', 'propositions affichées')} sur "
                         f"{fr.number(len(tables.proposals))}"
                         + (f", dont {fr.plural(cancelled, 'annulée')}." if cancelled else ".")))
        st.dataframe(views.proposals_table(chosen, page.role), hide_index=True, column_config=COLUMNS,
                     column_order=ORDER)
if unplanned.open:
    with unplanned:
        waiting = views.unplanned_sentence(tables.proposals, tables.sessions)
        if waiting is None:
            st.success("Toutes les propositions retenues ont une place au planning.")
        else:
            st.warning(plain(waiting))
            st.dataframe(views.unplanned_table(tables.proposals, tables.sessions, page.role), hide_index=True,
                         column_config=COLUMNS, column_order=ORDER)
