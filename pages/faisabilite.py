"""Faisabilité: the committee's go/no-go — active members against the threshold, pace, missions, partners."""
from ui.context import page_context

ctx = page_context()

import streamlit as st  # noqa: E402

from forum_data import fr, metrics  # noqa: E402
from forum_data.charts import collective as charts  # noqa: E402
from forum_data.charts.style import PLOTLY_CONFIG as CONFIG  # noqa: E402
from forum_data.views import collective as views  # noqa: E402
from forum_data.views.common import tab_notice  # noqa: E402
from ui.memo import per_read  # noqa: E402
from ui.text import plain  # noqa: E402

forum, tables = ctx.forum, ctx.forum.tables
status = metrics.collective_status(forum.tables.members, forum.settings.threshold)
projection = metrics.collective_projection(tables.members, forum.settings, ctx.today)
points = metrics.active_by_date(tables.members, forum.settings.deadline if projection.after_deadline else ctx.today)
summary = metrics.proposals_summary(tables.proposals)
partner_counts = metrics.partners_by_status(tables.partners)

st.title("Faisabilité du forum")
threshold = fr.plural(status.threshold, "membre actif", "membres actifs")
st.caption(f"Situation au {fr.day(ctx.today)} · seuil de viabilité : {threshold} "
           f"· date de décision : {fr.day(forum.settings.deadline)}")

members_missing = tab_notice(forum, "collectif", "savoir si le forum est viable", quality=ctx.role.quality,
                             rows="une ligne par membre du collectif (Nom, Date d'inscription, Rôles, Statut)")
if members_missing:
    st.info(members_missing, icon=":material/group_add:")
else:
    verdict = views.verdict(projection)
    show = {"good": st.success, "warn": st.warning, "bad": st.error}[verdict.tone]
    show(plain(verdict.text), icon={"good": ":material/check_circle:", "warn": ":material/schedule:",
                                    "bad": ":material/warning:"}[verdict.tone])
    if (later := views.since_decision(status, projection)):
        st.caption(plain(later))

with st.container(horizontal=True, horizontal_alignment="distribute", gap="medium"):
    st.metric("Membres actifs", fr.number(status.active), width="content",
              help="Personnes engagées dans le collectif (statut actif).")
    st.metric("Il en manque", fr.number(status.missing), width="content", help="Pour atteindre le seuil de viabilité.")
    st.metric("Intéressé·es à convaincre", fr.number(status.interested), width="content",
              help="Personnes intéressées qui ne se sont pas encore engagées.")
    st.metric("Propositions", fr.number(summary.total), width="content",
              help="Propositions d'activités, hors annulées.")
    st.metric("Partenaires confirmés", fr.number(partner_counts["confirme"]), width="content")

if not members_missing:
    st.plotly_chart(per_read(forum, "gauge", lambda: charts.active_gauge(status)), config=CONFIG)
    st.plotly_chart(per_read(forum, f"signups {ctx.today}", lambda: charts.signups(points, projection)),
                    config=CONFIG)
    st.caption(plain(views.pace_sentence(projection, points[0][0] if points else None)))
    if (note := views.undated_note(projection, points)):
        st.caption(plain(note))

left, right = st.columns(2)
with left:
    st.subheader("Missions")
    if members_missing:
        st.info("Ajoutez les membres dans l'onglet « Collectif », avec leurs missions dans la colonne « Rôles » : "
                "vous verrez ici qui tient quelle mission et celles que personne ne couvre encore.",
                icon=":material/assignment_ind:")
    else:
        uncovered = metrics.uncovered_roles(tables.members)
        (st.warning if uncovered else st.success)(plain(views.uncovered_sentence(uncovered)))
        st.plotly_chart(per_read(forum, "missions", lambda: charts.missions(views.members_by_role(tables.members))),
                        config=CONFIG)
with right:
    st.subheader("Partenaires")
    partners_missing = tab_notice(forum, "partenaires", "suivre les partenariats", quality=ctx.role.quality,
                                  rows="une ligne par structure partenaire (Structure, Type, Statut)")
    if partners_missing:
        st.info(partners_missing, icon=":material/handshake:")
    else:
        st.plotly_chart(per_read(forum, "partners", lambda: charts.partners(partner_counts)), config=CONFIG)

table = views.members_table(tables.members, ctx.role)
if table is not None and not members_missing:
    # Lazy: the names reach the browser only when someone opens the list.
    members = st.expander("Membres actifs : qui fait quoi ?", key="faisabilite_membres", on_change="rerun")
    if members.open:
        with members:
            st.dataframe(table, hide_index=True)
