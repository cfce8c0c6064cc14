"""Charts of the committee's pages, read back from the figures' data and checked against hand counts."""
from datetime import date

from forum_data import metrics
from forum_data.charts import collective, proposals, rooms
from forum_data.charts.style import FORMAT_COLORS, STATUS_COLORS, THEME_COLORS
from forum_data.charts.rooms import load_grid
from tests.builders import forum
from tests.workbooks import ACTIVITES, ROOMS, SESSIONS, collective_forum
from tests.builders import collective_of

# ---------------------------------------------------------------- Faisabilité


def test_active_gauge_is_a_bullet_against_the_threshold():
    f = collective_forum(6, "16/03/2024")
    fig = collective.active_gauge(collective_of(f))
    [bullet] = fig.data
    assert (bullet.type, bullet.gauge.shape, bullet.value) == ("indicator", "bullet", 4)
    assert bullet.gauge.threshold.value == 6
    assert bullet.gauge.bar.color == STATUS_COLORS["warn"]          # not viable yet
    assert fig.layout.title.text == "4 membres actifs pour un seuil de 6"
    viable = collective.active_gauge(collective_of(collective_forum(3, "16/03/2024")))
    assert viable.data[0].gauge.bar.color == STATUS_COLORS["good"]


def test_signups_curve_threshold_decision_date_and_projection():
    f = collective_forum(10, "16/03/2024")
    p = metrics.collective_projection(f.tables.members, f.settings, f.today())
    fig = collective.signups(metrics.active_by_date(f.tables.members, f.today()), p)
    curve, projection, threshold = fig.data
    assert list(curve.x) == ["2024-03-01", "2024-03-05", "2024-03-10", "2024-03-16"]
    assert list(curve.y) == [1, 2, 3, 4]
    assert curve.line.shape == "hv"
    # From 4 on 16 March at 0.25 a day: 4 + 15 × 0.25 = 7.75 on 31 March.
    assert list(projection.x) == ["2024-03-16", "2024-03-31"]
    assert list(projection.y) == [4, 7.75]
    assert projection.line.dash == "dot"
    assert list(threshold.y) == [10, 10]
    [shape] = fig.layout.shapes
    assert (shape.x0, shape.x1, shape.yref) == ("2024-03-31", "2024-03-31", "paper")
    assert any(a.text == "Décision : 31 mars" for a in fig.layout.annotations)
    assert fig.layout.title.text == "Engagements au fil du temps"


def test_signups_after_the_decision_date_stops_there_without_projection():
    f = collective_forum(3, "10/04/2024", (["Salaün", "Mathieu", "", "05/04/2024", "", "actif"],))
    p = metrics.collective_projection(f.tables.members, f.settings, f.today())
    fig = collective.signups(metrics.active_by_date(f.tables.members, f.settings.deadline), p)
    assert [t.name for t in fig.data] == ["Membres actifs inscrits", "Seuil (3)"]
    curve = fig.data[0]
    # The flat stretch runs to the decision date, not to today; the 5 April sign-up is left out.
    assert list(curve.x)[-2:] == ["2024-03-16", "2024-03-31"]
    assert list(curve.y)[-2:] == [4, 4]
    assert any(a.text == "seuil atteint le 10 mars" for a in fig.layout.annotations)


def test_partners_by_status_in_process_order():
    f = forum(partenaires=[["Structure", "Statut"], ["Ville", "confirmé"], ["UBO", "signé"], ["Coop", "refus"],
                           ["Radio", ""], ["Fab", "en discussion"], ["Ti", "ok"]])
    fig = collective.partners(metrics.partners_by_status(f.tables.partners))
    [bars] = fig.data
    assert list(bars.y) == ["Pressenti", "Contacté", "Confirmé", "Décliné"]
    assert list(bars.x) == [1, 1, 3, 1]


def test_missions_chart_shows_uncovered_missions_as_nobody():
    from forum_data.views.collective import members_by_role
    fig = collective.missions(members_by_role(collective_forum(6, "16/03/2024").tables.members))
    [bars] = fig.data
    assert list(bars.y) == ["Logistique", "Communication", "Animation", "Accueil", "Hébergement", "Partenariats",
                            "Programmation", "Documentation"]
    assert list(bars.x) == [2, 1, 1, 1, 0, 0, 0, 0]
    assert list(bars.text)[3:] == ["1", *[collective.NOBODY] * 4]
    assert collective.NOBODY == '<span style="color:#D55E00">aucune personne</span>'
    assert list(bars.customdata)[:2] == ["2 personnes actives", "1 personne active"]


# ---------------------------------------------------------------- Propositions

SMALL = [ACTIVITES,
         ["A", "p", "culture, ESS", "atelier", "", "", "", "proposée"],
         ["B", "p", "culture", "atelier", "", "", "", "retenue"],
         ["C", "p", "culture", "forum ouvert", "", "", "", "programmée"],
         ["D", "p", "numérique", "conférence", "", "", "", "programmée"],
         ["E", "p", "numérique", "atelier", "", "", "", "annulée"],
         ["F", "p", "jardinage", "atelier", "", "", "", "proposée"]]


def small_proposals():
    return forum(activites=SMALL).tables.proposals


def test_theme_format_stacks_formats_per_theme():
    fig = proposals.theme_format(metrics.proposals_by_theme_format(small_proposals()))
    assert fig.layout.barmode == "stack"
    by_format = {t.name: list(t.y) for t in fig.data}
    # x = Culture, ESS, Transitions, Participation, Numérique, Autre (F's unknown theme); E is cancelled.
    assert list(fig.data[0].x) == ["Culture", "ESS", "Transitions", "Participation", "Numérique", "Autre"]
    assert by_format == {"Forum ouvert": [1, 0, 0, 0, 0, 0], "Conférence": [0, 0, 0, 0, 1, 0],
                         "Atelier": [2, 1, 0, 0, 0, 1]}
    assert {t.name: t.marker.color for t in fig.data} == {"Forum ouvert": FORMAT_COLORS["forum_ouvert"],
                                                         "Conférence": FORMAT_COLORS["conference"],
                                                         "Atelier": FORMAT_COLORS["atelier"]}
    assert [a.text for a in fig.layout.annotations] == ["<b>3</b>", "<b>1</b>", "<b>0</b>", "<b>0</b>", "<b>1</b>",
                                                        "<b>1</b>"]


def test_status_funnel_from_received_to_programmed():
    summary = metrics.proposals_summary(small_proposals())
    [funnel] = proposals.status_funnel(summary.by_status).data
    assert list(funnel.y) == ["Reçues", "Retenues<br>ou programmées", "Programmées"]   # each stage counts the next
    assert list(funnel.x) == [5, 3, 2]        # 2 proposée + 1 retenue + 2 programmée; E cancelled apart
    assert list(funnel.text) == ["5 (100\u00a0%)", "3 (60\u00a0%)", "2 (40\u00a0%)"]


def test_theme_balance_one_colour_per_theme_and_the_even_share():
    summary = metrics.proposals_summary(small_proposals())
    fig = proposals.theme_balance(summary.by_theme)
    [bars] = fig.data
    assert list(bars.y) == ["Culture", "ESS", "Transitions", "Participation", "Numérique", "Autre"]
    assert list(bars.x) == [3, 1, 0, 0, 1, 1]
    assert list(bars.marker.color) == [THEME_COLORS[t] for t in
                                       ("culture", "ess", "transitions", "participation", "numerique", "autre")]
    [line] = fig.layout.shapes
    assert line.x0 == 1                     # (3 + 1 + 0 + 0 + 1) / 5 themes of the call
    assert fig.layout.annotations[0].text == "part égale : 1"


# ---------------------------------------------------------------- Salles


def test_load_heatmap_discrete_levels_and_cell_text():
    f = forum(salles=ROOMS, planning=SESSIONS)
    grid = load_grid(f.tables.rooms, f.tables.sessions, date(2024, 7, 3))
    fig = rooms.load_heatmap(grid, "Charge des salles, mercredi 3 juillet")
    heat = fig.data[0]
    assert heat.type == "heatmap"
    assert list(heat.y) == ["Salle A", "Amphi B", "Salle C"]
    assert list(heat.x) == ["9 h", "9 h 30", "11 h"]
    # Salle A: 42/30 over (2), 10/30 under (0), then « Atelier PMR » with no figure anywhere: unknown (3).
    assert [list(r) for r in heat.z] == [[2, 0, 3], [None, None, None], [3, None, None]]
    assert [list(r) for r in heat.text][2] == ["?<br>/ 40", "", ""]
    assert (heat.zmin, heat.zmax, heat.showscale) == (-0.5, 3.5, False)
    colours = {c for _, c in heat.colorscale}
    assert colours == {STATUS_COLORS[k] for k in ("good", "warn", "bad", "unknown")}
    assert [t.name for t in fig.data[1:]] == ["moins de 80 %", "de 80 à 100 %", "plus de 100 % (surcharge)",
                                              "affluence inconnue"]
