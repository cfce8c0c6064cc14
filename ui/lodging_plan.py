"""« Qui loger où » on the Hébergement page: the lodging plan, computed on a button, shown by role.

The plan is solved once per read of the source and shared by every session (``Page.cached``): the
same workbook gives the same plan. The button only says that this session wants to see it.
"""
from __future__ import annotations

import streamlit as st

from forum_data.plans.lodging import plan_lodging
from forum_data.views import lodging_plan as views
from forum_data.views.lodging import nights_text
from ui.page import Page
from ui.text import plain

BUTTON = "hebergement_plan"
ASKED = "_hebergement_plan_demande"
SECONDS = 10.0
LIST_MOST = 30   # guests without a place listed as sentences; beyond, one sortable table
TEXT = st.column_config.TextColumn


def draw(page: Page) -> None:
    """The section, or nothing for the city."""
    who = views.audience(page.role)
    if who is None:
        return
    forum = page.forum
    st.header("Qui loger où", divider="gray")
    st.caption("Une proposition de répartition, calculée par un solveur exact : chaque personne garde la même offre "
               "toutes ses nuits, une personne à mobilité réduite n'est logée que dans une offre accessible ; le plan "
               "loge d'abord le plus de personnes PMR, puis le plus de nuitées, puis le plus de nuitées dans des "
               "offres confirmées. C'est une proposition : à vérifier avec les hébergeurs, puis à reporter dans le "
               "classeur.")
    if not st.session_state.get(ASKED):
        # The click is recorded before the run it starts, so that run already shows the plan, not the button.
        st.button("Calculer le plan d'hébergement", key=BUTTON, icon=":material/calculate:", type="primary",
                  on_click=_ask)
        return
    with st.spinner("Calcul du plan d'hébergement…", show_time=True):
        plan = page.cached(plan_lodging, forum.tables, SECONDS)
    (st.warning if plan.unplaced else st.success)(views.summary_sentence(plan),
                                                 icon=":material/bed:" if plan.unplaced else ":material/check_circle:")
    bound = views.bound_sentence(plan)
    if bound:
        st.warning(bound, icon=":material/swap_horiz:")
    st.caption(views.status_sentence(plan))
    if not plan.guests and not plan.offers:
        return
    names = who == "names"
    st.subheader("Par offre")
    st.caption("Chaque nuit : personnes logées par le plan / places de l'offre ; « — » : l'offre n'est pas "
               "disponible cette nuit-là.")
    offers = views.offers_frame(plan, names)
    # Widths that keep every night on a laptop screen (the offer's name only for the committee).
    widths = {views.OFFER: 220, "Type": 140, "Statut": 80, "PMR": 45} | {views.night_header(n): 128 for n in plan.nights}
    st.dataframe(offers, hide_index=True, height=_height(len(offers)),
                 column_config={name: TEXT(width=width) for name, width in widths.items()}
                 | {"Places": st.column_config.NumberColumn(width=60)})
    if names and plan.placed:
        st.subheader("Par personne")
        guests = views.guests_frame(plan)
        st.dataframe(guests, hide_index=True, height=_height(len(guests)),
                     column_config={views.OFFER: TEXT(width=260), "Personne": TEXT(width=200)})
    if plan.unplaced:
        st.subheader(f"Sans place ({len(plan.unplaced)})")
        if names:
            st.caption("Pourquoi chaque personne reste sans place, et ce que changerait un changement de lieu "
                       "entre deux nuits (avec les places que le plan laisse libres).")
            if len(plan.unplaced) <= LIST_MOST:   # sentences to read; a long list as a table
                st.markdown("\n".join(f"- **{plain(u.guest.name)}** ({plain(nights_text(u.guest.nights, plan.nights))}) : "
                                       f"{plain(u.message)}" for u in plan.unplaced))
            else:
                st.dataframe(views.unplaced_frame(plan), hide_index=True, height=_height(len(plan.unplaced)),
                             column_config={"Personne": TEXT(width=170), "Nuits": TEXT(width=150),
                                            "Raison": TEXT(width="large")})
        else:
            st.dataframe(views.reasons_frame(plan), hide_index=True)
    if names:
        with st.container(horizontal=True, gap="small"):
            for download in page.cached(views.plan_downloads, plan, forum.settings.year):
                st.download_button(download.label, download.data, file_name=download.file_name, mime=download.mime,
                                   help=download.help, on_click="ignore", icon=":material/download:")


def _ask() -> None:
    st.session_state[ASKED] = True


def _height(rows: int) -> int:
    return min(38 + 35 * max(rows, 1), 740)
