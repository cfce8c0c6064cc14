"""The shared look of every chart: legend placement, the plotly config of every page, escaped text."""
from datetime import date

import plotly.graph_objects as go
import pytest

from forum_data.charts import lodging, meals, proposals, rooms
from forum_data.charts.style import PLOTLY_CONFIG, layout, text
from forum_data.metrics import DayMeals, NightLodging


def two_bars() -> go.Figure:
    return go.Figure([go.Bar(name="A", x=["x"], y=[1]), go.Bar(name="B", x=["x"], y=[2])])


def test_layout_puts_the_legend_left_between_the_title_and_the_plot():
    fig = layout(two_bars(), "Titre", height=400)
    legend = fig.layout.legend
    assert (legend.orientation, legend.xref, legend.x, legend.xanchor) == ("h", "container", 0, "left")
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0.9, "top")   # 40 px under the top: the title's
    assert (fig.layout.title.x, fig.layout.title.yref, fig.layout.title.y) == (0, "container", 1)


def test_charts_with_a_legend_use_the_default_placement():
    night = {date(2024, 7, 2): NightLodging(25, 2, 29, 3, 25, 1.0)}
    day = {date(2024, 7, 3): DayMeals(10, 9, {"omnivore": 8}, 1, {"lait": 1})}
    for fig in (lodging.lodging_by_night(night), lodging.accessible_by_night(night), meals.diets_by_day(day),
                proposals.theme_format([("culture", "atelier", 2)])):
        assert (fig.layout.legend.x, fig.layout.legend.xanchor, fig.layout.legend.yref) == (0, "left", "container")
    # A single format still says which colour it is.
    assert proposals.theme_format([("culture", "atelier", 2)]).data[0].showlegend is True


def test_no_mode_bar_and_no_logo():
    assert PLOTLY_CONFIG == {"displayModeBar": False, "displaylogo": False}


@pytest.mark.parametrize("raw, shown", [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("Hall d'accueil & co", "Hall d'accueil &amp; co"),      # apostrophes stay as typed
    ("<br>", "&lt;br&gt;"),
])
def test_text_is_escaped_for_plotly(raw, shown):
    assert text(raw) == shown


def test_heat_map_keeps_its_legend_under_the_plot():
    from forum_data.charts.rooms import LoadGrid
    grid = LoadGrid(date(2024, 7, 3), ("A",), ("9 h",), (("good",),), (("1<br>/ 2",),), (("A",),))
    fig = rooms.load_heatmap(grid, "Charge")
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == ("paper", -0.02, "top")
