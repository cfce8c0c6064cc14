"""Qualité des données: every issue by tab, with a link to the cell, the empty workbook and how to fix."""
import streamlit as st

from forum_data import exports, fr
from forum_data.views import quality as views
from ui.page import Page
from ui.text import plain

page = Page.open()

forum = page.forum
totals = page.cached(views.totals, forum)   # once per read

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

# A static table (our tab names and counts, no cell text): no data grid to load for eight rows.
st.table(page.cached(views.rows_table, forum), hide_index=True, border="horizontal")


def issue_markdown(item: views.IssueItem, link_text: str | None) -> str:
    """A list item: the badge and the place, the problem, then the value read and the link."""
    extra = ([f"Valeur lue : « {plain(item.value)} »"] if item.value else []) + \
        ([f"[{link_text}]({item.link})"] if item.link and link_text else [])
    lines = [f"- :{'red' if item.is_error else 'orange'}-badge[{item.severity}] **{plain(item.where)}**",
             f"  {plain(item.problem)}"] + (["  " + " · ".join(extra)] if extra else [])
    return "  \n".join(lines)


def issue_columns(link_text: str | None) -> dict:
    """The table of a long list: narrow place columns, the problem wide, the link as a link."""
    columns = {"Ligne": st.column_config.NumberColumn(width=60), "Colonne": st.column_config.TextColumn(width=130),
               "Gravité": st.column_config.TextColumn(width=110), "Valeur": st.column_config.TextColumn(width=140),
               "Problème": st.column_config.TextColumn(width=460)}
    if link_text:
        columns["Lien"] = st.column_config.LinkColumn(display_text=link_text, width=140)
    return columns


groups = page.cached(views.issues_by_tab, forum, page.role)
if not groups:
    st.success("Aucun problème : toutes les lignes du classeur ont été lues.", icon=":material/check_circle:")
else:
    st.header("Les problèmes, onglet par onglet", divider="gray")
    st.caption("Les erreurs d'abord. La valeur lue n'est jamais montrée pour les informations personnelles "
               "(e-mails, téléphones, adresses, allergies…).")
    for group in groups:
        label, icon = plain(group.heading), ":material/error:" if group.errors else ":material/warning:"
        # Lazy: a tab's list is built and sent only when open (those with errors are open at first).
        section = st.expander(label, expanded=group.errors > 0, icon=icon, key=f"qualite_{group.slug}",
                              on_change="rerun")
        if not section.open:
            continue
        items = page.cached(views.tab_issue_items, forum, page.role, group.slug)
        with section:
            if group.rows:
                st.caption(f"{fr.plural(group.rows.read, 'ligne lue', 'lignes lues')}, "
                           f"{fr.plural(group.rows.used, 'utilisée')}, {fr.plural(group.rows.rejected, 'écartée')}.")
            st.markdown("\n".join(issue_markdown(item, group.link_text) for item in items[:views.ISSUES_LISTED]))
            if len(items) > views.ISSUES_LISTED:
                st.write(plain(views.more_issues_sentence(len(items) - views.ISSUES_LISTED)))
                # The whole list as a table to sort, on request: the data grid's code loads only then.
                if st.toggle(f"Tous les problèmes de l'onglet dans un tableau ({fr.number(len(items))})",
                             key=f"qualite_tableau_{group.slug}"):
                    st.dataframe(group.table, hide_index=True, column_config=issue_columns(group.link_text))

st.header("Repartir d'un classeur vide", divider="gray")
st.write("Le classeur vide contient tous les onglets et toutes les colonnes attendus, avec un mode d'emploi.")
st.download_button("Télécharger un classeur vide", page.cached(exports.template_bytes, forum.settings),
                   file_name="classeur-forum-vide.xlsx", mime=exports.XLSX_MIME, on_click="ignore",
                   icon=":material/download:")

st.header("Comment corriger", divider="gray")
how_to = st.expander("Les règles du classeur : dates, heures, nombres, listes, statuts", icon=":material/help:",
                     key="qualite_comment_corriger", on_change="rerun")
if how_to.open:   # lazy, like the lists above
    with how_to:
        st.markdown(views.how_to_fix(forum.settings))
