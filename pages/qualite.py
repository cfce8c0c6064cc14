"""Qualité des données: every issue by tab, with a link to the cell, the empty workbook and how to fix."""
from ui.context import page_context

ctx = page_context()

import streamlit as st  # noqa: E402

from forum_data import exports, fr  # noqa: E402
from forum_data.views import quality as views  # noqa: E402
from ui.text import plain  # noqa: E402

forum = ctx.forum
totals = views.totals(forum)

st.title("Qualité des données")
st.caption("Ce que le tableau de bord n'a pas pu lire dans le classeur, onglet par onglet, et comment le corriger.")

errors, warnings = st.columns(2)
errors.metric("Erreurs", fr.number(totals.errors), border=True)
warnings.metric("Avertissements", fr.number(totals.warnings), border=True)
st.caption("Une erreur écarte la ligne : elle ne compte dans aucun chiffre. Un avertissement ne bloque rien : "
           "une valeur par défaut est retenue.")
read, used, rejected = st.columns(3)
read.metric("Lignes lues", fr.number(totals.read), border=True)
used.metric("Lignes utilisées", fr.number(totals.used), border=True)
rejected.metric("Lignes écartées", fr.number(totals.rejected), border=True)

st.dataframe(views.rows_table(forum), hide_index=True)

groups = views.issues_by_tab(forum, ctx.role)
if not groups:
    st.success("Aucun problème : toutes les lignes du classeur ont été lues.", icon=":material/check_circle:")
else:
    st.header("Les problèmes, onglet par onglet", divider="gray")
    st.caption("Les erreurs d'abord. La colonne « Valeur » reste vide pour les informations personnelles "
               "(e-mails, téléphones, adresses, allergies…).")
    for group in groups:
        with st.expander(plain(group.heading), expanded=group.errors > 0,
                         icon=":material/error:" if group.errors else ":material/warning:"):
            if group.rows:
                st.caption(f"{fr.plural(group.rows.read, 'ligne lue', 'lignes lues')}, "
                           f"{fr.plural(group.rows.used, 'utilisée')}, {fr.plural(group.rows.rejected, 'écartée')}.")
            config = {"Ligne": st.column_config.NumberColumn(width=64, format="%d"),
                      "Gravité": st.column_config.TextColumn(width=120),
                      "Problème": st.column_config.TextColumn(width="large")}
            if group.link_text:
                config["Lien"] = st.column_config.LinkColumn(display_text=group.link_text, validate=r"^https?://")
            # Tall rows let the French sentences wrap instead of being cut.
            st.dataframe(group.table, hide_index=True, column_config=config, row_height=84,
                         height=min(720, 38 + 84 * len(group.table)))

st.header("Repartir d'un classeur vide", divider="gray")
st.write("Le classeur vide contient tous les onglets et toutes les colonnes attendus, avec un mode d'emploi.")
st.download_button("Télécharger un classeur vide", exports.template_bytes(), file_name="classeur-forum-vide.xlsx",
                   mime=exports.XLSX_MIME, on_click="ignore", icon=":material/download:")

st.header("Comment corriger", divider="gray")
st.markdown(views.GUIDE)
