"""Ville: buffet headcounts per day, rooms in use per time slot and the buffet's charts, each in a lazy tab —
aggregates only, with downloads."""
import streamlit as st

from forum_data import fr
from forum_data.charts import meals as charts
from forum_data.charts.style import PLOTLY_CONFIG
from forum_data.views import city as views
from ui.page import Page
from ui.text import plain

page = Page.open()

PLOT = {"config": PLOTLY_CONFIG, "width": "stretch"}
DIETS_NOTE = ("Une personne ayant deux régimes compte dans les deux ; le halal est compté à part du sans porc. "
              "Les allergies sont regroupées selon les 14 allergènes réglementaires.")

forum = page.forum
figures = page.cached(views.city_figures, forum)   # once per read, shared by every visitor

st.title("Ville de Brest : buffet et salles")
st.caption("Chiffres agrégés pour les services de la Ville : aucun nom, aucune donnée personnelle, "
           "sur cette page comme dans les fichiers à télécharger.")


def meals_shown() -> bool:
    """True when there are meals to show; else the note saying which tab or row to fill in."""
    if page.notice("participants", "voir le nombre de repas", rows=False):
        return False
    if not figures.meals:
        st.info("Aucun jour de forum n'est indiqué dans l'onglet « Paramètres » (ligne « Jours du forum ») : "
                "ajoutez-les pour voir le buffet.", icon=":material/info:")
    return bool(figures.meals)


# Lazy tabs: the buffet's headcounts first; the rooms, and the charts (with Plotly's code), are built
# and sent when their tab is opened.
buffet, rooms_tab, graphs = st.tabs(["Buffet", "Salles utilisées", "Graphiques"], key="ville_vue",
                                    on_change="rerun")
if buffet.open:
    with buffet:
        if meals_shown():
            columns = (st.columns(len(figures.meals)) if len(figures.meals) <= 3
                       else [st.container()] * len(figures.meals))
            for column, (day, meals) in zip(columns, sorted(figures.meals.items())):
                column.metric(f"Repas prévus le {views.day_header(day)}", fr.number(meals.forecast), border=True)
                column.caption(views.buffet_sentence(day, meals, figures.rate))
            # A static table: its cells wrap, so both days stay on screen on a phone (our labels, no cell text).
            st.table(views.buffet_table(figures.meals, figures.attendance, figures.rate), hide_index=True,
                     border="horizontal")
            st.caption(DIETS_NOTE)
if rooms_tab.open:
    with rooms_tab:
        if not page.notice("planning", "voir les salles utilisées", rows=False):
            st.write(views.rooms_sentence(figures.slots))
            for day, slots in views.slots_by_day(figures.slots):
                st.markdown(f"**{views.day_header(day).capitalize()}**")
                # A static table, whose cells wrap; it renders Markdown, and room names are workbook text: escaped.
                st.table(slots.map(plain), hide_index=True, border="horizontal")
if graphs.open:
    with graphs:
        if meals_shown():
            st.plotly_chart(page.cached(charts.buffet_by_day, figures.meals, figures.attendance, figures.rate),
                            **PLOT)
            st.plotly_chart(page.cached(charts.diets_by_day, figures.meals), **PLOT)
            if any(m.allergies for m in figures.meals.values()):
                st.plotly_chart(page.cached(charts.allergens_by_day, figures.meals), **PLOT)
            st.caption(DIETS_NOTE)

st.header("Télécharger", divider="gray")
if figures.slots or any(m.registered for m in figures.meals.values()):
    st.caption("Le tableur et les CSV s'ouvrent dans Excel en français ; le résumé tient sur une page A4.")
    with st.container(horizontal=True, gap="small"):
        # The tables' files are kept while the sheet reads the same; the summary prints this read's time.
        for download in [*page.cached(views.table_downloads, forum.settings, figures),
                         views.summary_download(forum, figures)]:
            st.download_button(download.label, download.data, file_name=download.file_name, mime=download.mime,
                               help=download.help, on_click="ignore", icon=":material/download:")
else:
    st.info("Rien à télécharger pour l'instant : les fichiers seront proposés dès qu'il y aura des inscriptions "
            "au buffet ou des séances au planning.", icon=":material/info:")
