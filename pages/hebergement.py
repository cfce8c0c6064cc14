"""Hébergement: need, offer and coverage per night, accessible needs apart, offers by type and price."""
from ui.context import page_context

ctx = page_context()

import streamlit as st  # noqa: E402

from forum_data import metrics  # noqa: E402
from forum_data.charts import lodging as charts  # noqa: E402
from forum_data.charts.style import PLOTLY_CONFIG  # noqa: E402
from forum_data.views import lodging as views  # noqa: E402
from forum_data.views.common import tab_notice  # noqa: E402
from ui import lodging_plan  # noqa: E402
from ui.memo import per_read  # noqa: E402

PLOT = {"config": PLOTLY_CONFIG, "width": "stretch"}
# Widths that keep every column of the offers on a laptop screen (the host's name only for the committee).
OFFER_COLUMNS = {**{name: st.column_config.TextColumn(width=width) for name, width in (
    ("Hébergeur", 165), ("Type", 125), ("Quartier", 105), ("Nuits", 140), ("Prix par nuit", 95), ("PMR", 45),
    ("Statut", 80))}, "Places": st.column_config.NumberColumn(width=65)}

forum = ctx.forum
tables, settings = forum.tables, forum.settings

st.title("Hébergement")
st.caption("Chaque nuit, les personnes inscrites qui demandent un hébergement et les places proposées. "
           "Une personne à mobilité réduite (PMR) ne peut être logée que dans une place accessible.")

need_notice = tab_notice(forum, "participants", "voir les besoins d'hébergement", quality=ctx.role.quality)
offer_notice = tab_notice(forum, "hebergements", "voir les places proposées", quality=ctx.role.quality,
                          rows="une ligne par offre (Nom, Type, Places, Nuits, Statut)")
if need_notice:
    st.info(need_notice, icon=":material/info:")

nights = metrics.lodging_by_night(tables.participants, tables.offers, settings)
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
    st.plotly_chart(per_read(forum, "lodging", lambda: charts.lodging_by_night(nights)), **PLOT)
    if any(n.need_pmr or n.offered_pmr for n in nights.values()):
        st.plotly_chart(per_read(forum, "lodging pmr", lambda: charts.accessible_by_night(nights)), **PLOT)
    else:
        st.caption("Aucun besoin accessible (PMR) ni aucune place accessible pour l'instant.")

lodging_plan.draw(ctx)

st.header("Les offres", divider="gray")
if offer_notice or not tables.offers:
    st.info(offer_notice or "Aucune offre d'hébergement pour l'instant.", icon=":material/info:")
    st.stop()

totals = metrics.offers_by_type(tables.offers)
if any(totals.values()):
    st.plotly_chart(per_read(forum, "offer types", lambda: charts.places_by_type(totals)), **PLOT)
    st.subheader("Par type et par prix")
    st.dataframe(views.types_table(tables.offers), hide_index=True)
    st.subheader("Offres comptées")
    st.caption("Statut proposé ou confirmé. Les places sont comptées pour chaque nuit indiquée.")
    offers = views.offers_table(tables.offers, ctx.role, settings.nights)
    st.dataframe(offers, hide_index=True, height=min(38 + 35 * len(offers), 740), column_config=OFFER_COLUMNS)
else:
    st.info("Aucune offre n'a le statut « proposé » ou « confirmé » : aucune place n'est comptée.",
            icon=":material/info:")

aside = views.set_aside_label(tables.offers)
if aside:
    set_aside = st.expander(aside, icon=":material/block:", key="hebergement_ecartees", on_change="rerun")
    if set_aside.open:   # lazy: built and sent only when opened
        with set_aside:
            st.dataframe(views.offers_table(tables.offers, ctx.role, settings.nights, counted=False),
                         hide_index=True, column_config=OFFER_COLUMNS)
