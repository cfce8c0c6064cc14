"""Hébergement: need, offer and coverage per night, accessible needs apart, offers by type and price —
the figures as tables first, the charts and the list of offers in lazy tabs."""
import streamlit as st

from forum_data import metrics
from forum_data.charts import lodging as charts
from forum_data.charts.style import PLOTLY_CONFIG
from forum_data.views import lodging as views
from ui import lodging_plan
from ui.page import Page

page = Page.open()

PLOT = {"config": PLOTLY_CONFIG, "width": "stretch"}
# Widths that keep every column of the offers on a laptop screen (the host's name only for the committee).
OFFER_COLUMNS = {**{name: st.column_config.TextColumn(width=width) for name, width in (
    ("Hébergeur", 165), ("Type", 125), ("Quartier", 105), ("Nuits", 140), ("Prix par nuit", 95), ("PMR", 45),
    ("Statut", 80))}, "Places": st.column_config.NumberColumn(width=65)}

forum = page.forum
tables, settings = forum.tables, forum.settings

st.title("Hébergement")
st.caption("Chaque nuit, les personnes inscrites qui demandent un hébergement et les places proposées. "
           "Une personne à mobilité réduite (PMR) ne peut être logée que dans une place accessible.")

need_notice = page.notice("participants", "voir les besoins d'hébergement", rows=False)

nights = page.cached(metrics.lodging_by_night, tables.participants, tables.offers, settings)   # once per read
if not nights:
    st.info("Aucune nuit n'est indiquée dans l'onglet « Paramètres » (ligne « Nuits ») : ajoutez les nuits "
            "du forum pour voir les besoins et les places.", icon=":material/info:")
elif not any(n.need or n.offered for n in nights.values()):
    if not need_notice:
        st.info("Personne n'a encore demandé d'hébergement (colonnes « Hébergement » et « Nuits » de l'onglet "
                "« Participants ») et aucune place n'est proposée : les graphiques apparaîtront ici.",
                icon=":material/bed:")
else:
    for housed, sentence in views.night_sentences(nights):
        show, icon = (st.success, ":material/check_circle:") if housed else (st.warning, ":material/warning:")
        show(sentence, icon=icon)
    # Lazy tabs: the figures as a table first; the charts (and Plotly's code) when their tab is opened.
    table, graphs = st.tabs(["Nuit par nuit", "Graphiques"], key="hebergement_nuits", on_change="rerun")
    if table.open:
        with table:
            st.table(views.nights_table(nights), hide_index=True, border="horizontal")
    if graphs.open:
        with graphs:
            st.plotly_chart(page.cached(charts.lodging_by_night, nights), **PLOT)
            if any(n.need_pmr or n.offered_pmr for n in nights.values()):
                st.plotly_chart(page.cached(charts.accessible_by_night, nights), **PLOT)
            else:
                st.caption("Aucun besoin accessible (PMR) ni aucune place accessible pour l'instant.")

lodging_plan.draw(page)

st.header("Les offres", divider="gray")
page.require("hebergements", "voir les places proposées")
if not tables.offers:
    st.info("Aucune offre d'hébergement pour l'instant.", icon=":material/info:")
    st.stop()

totals = page.cached(metrics.offers_by_type, tables.offers)
if any(totals.values()):
    by_type, graph, counted = st.tabs(["Par type et par prix", "Graphique", "Offres comptées"],
                                      key="hebergement_offres", on_change="rerun")
    if by_type.open:
        with by_type:   # a static table: our own labels and figures, no cell text
            st.table(views.types_table(tables.offers), hide_index=True, border="horizontal")
    if graph.open:
        with graph:
            st.plotly_chart(page.cached(charts.places_by_type, totals), **PLOT)
    if counted.open:
        with counted:
            st.caption("Statut proposé ou confirmé. Les places sont comptées pour chaque nuit indiquée.")
            offers = views.offers_table(tables.offers, page.role, settings.nights)
            st.dataframe(offers, hide_index=True, height=min(38 + 35 * len(offers), 740),
                         column_config=OFFER_COLUMNS)
else:
    st.info("Aucune offre n'a le statut « proposé » ou « confirmé » : aucune place n'est comptée.",
            icon=":material/info:")

aside = views.set_aside_label(tables.offers)
if aside:
    set_aside = st.expander(aside, icon=":material/block:", key="hebergement_ecartees", on_change="rerun")
    if set_aside.open:   # lazy: built and sent only when opened
        with set_aside:
            st.dataframe(views.offers_table(tables.offers, page.role, settings.nights, counted=False),
                         hide_index=True, column_config=OFFER_COLUMNS)
