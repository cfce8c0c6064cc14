"""Charts of the Hébergement and Ville pages: bar values read back from fig.data, computed by hand on TINY."""
from datetime import date

import plotly.graph_objects as go

from forum_data import metrics
from forum_data.charts import lodging, meals
from forum_data.charts.style import OKABE_ITO, STATUS_COLORS

from tests.builders import forum
from tests.workbooks import TINY


def tiny():
    return forum(**TINY)


def bars(fig: go.Figure) -> dict[str, list]:
    """trace name → values along the value axis (y for vertical bars, x for horizontal ones)."""
    return {t.name: list(t.x if t.orientation == "h" else t.y) for t in fig.data}


def test_lodging_by_night_groups_need_offer_and_covered():
    f = tiny()
    fig = lodging.lodging_by_night(metrics.lodging_by_night(f.tables.participants, f.tables.offers, f.settings))
    # Night of 2 July: need 2, offered 2, covered 1; night of 3 July: need 2, offered 5, covered 2 (see TINY).
    assert bars(fig) == {"Besoins": [2, 2], "Places proposées": [2, 5], "Personnes logées": [1, 2]}
    assert list(fig.data[0].x) == ["Nuit du 2 au 3 juillet", "Nuit du 3 au 4 juillet"]
    assert fig.layout.barmode == "group"
    assert fig.layout.title.text == "Besoins et places, nuit par nuit"
    assert fig.layout.yaxis.title.text == "Personnes ou places"
    # Colour and pattern both tell the series apart (print, colour-blind readers).
    assert len({t.marker.color for t in fig.data}) == 3
    assert len({t.marker.pattern.shape for t in fig.data}) == 3
    assert fig.data[2].marker.color == STATUS_COLORS["good"]


def test_accessible_by_night_shows_the_pmr_part_apart():
    f = tiny()
    fig = lodging.accessible_by_night(metrics.lodging_by_night(f.tables.participants, f.tables.offers, f.settings))
    # PMR need: Ana both nights → 1, 1; accessible places: none on 2 July, the hotel's 3 on 3 July.
    assert bars(fig) == {"Besoins accessibles (PMR)": [1, 1], "Places accessibles": [0, 3]}
    assert fig.layout.yaxis.dtick == 1


def test_places_by_type_leaves_out_types_without_places():
    f = tiny()
    fig = lodging.places_by_type(metrics.offers_by_type(f.tables.offers))
    # Counted offers: chez l'habitant 2 places, hôtel 3 (camping complet and auberge retirée do not count).
    (trace,) = fig.data
    assert trace.orientation == "h"
    assert list(trace.y) == ["Hôtel", "Chez l'habitant"]          # drawn bottom-up: reads top-down in schema order
    assert list(trace.x) == [3, 2]
    assert fig.layout.xaxis.title.text == "Places par nuit"


def test_buffet_by_day_headcounts():
    f = tiny()
    settings = f.settings
    fig = meals.buffet_by_day(metrics.meals_by_day(f.tables.participants, settings),
                              metrics.attendance_by_day(f.tables.participants, settings), settings.no_show_rate)
    assert bars(fig) == {"Présent·es sur le site": [3, 3], "Inscrit·es au buffet": [3, 2],
                         "Prévision avec 12,5\u00a0% d'absence": [3, 2]}
    assert list(fig.data[0].x) == ["mercredi 3 juillet", "jeudi 4 juillet"]
    assert len({t.marker.pattern.shape for t in fig.data}) == 3


def test_diets_by_day_lists_every_diet_with_halal_apart_from_sans_porc():
    f = tiny()
    fig = meals.diets_by_day(metrics.meals_by_day(f.tables.participants, f.settings))
    # Traces are fed last day first so that, in each horizontal group, the first day is on top.
    assert [t.name for t in fig.data] == ["jeudi 4 juillet", "mercredi 3 juillet"]
    assert list(fig.data[0].y) == ["Autre", "Halal", "Sans porc", "Sans gluten", "Végan", "Végétarien", "Omnivore"]
    assert bars(fig) == {"mercredi 3 juillet": [0, 1, 0, 0, 1, 1, 0], "jeudi 4 juillet": [0, 0, 1, 0, 0, 1, 0]}
    assert fig.data[1].marker.color == OKABE_ITO["blue"] and fig.data[0].marker.color == OKABE_ITO["orange"]
    assert fig.layout.xaxis.dtick == 1


def test_allergens_by_day_shows_only_groups_someone_declared():
    f = tiny()
    fig = meals.allergens_by_day(metrics.meals_by_day(f.tables.participants, f.settings))
    assert list(fig.data[0].y) == ["Fruits à coque", "Lait", "Arachides", "Gluten"]
    assert bars(fig) == {"mercredi 3 juillet": [0, 0, 1, 1], "jeudi 4 juillet": [1, 1, 1, 0]}


def test_charts_on_an_empty_workbook_are_zero_not_missing():
    f = forum(participants=[TINY["participants"][0]], hebergements=[TINY["hebergements"][0]])
    nights = metrics.lodging_by_night(f.tables.participants, f.tables.offers, f.settings)
    assert bars(lodging.lodging_by_night(nights)) == {"Besoins": [0, 0], "Places proposées": [0, 0],
                                                     "Personnes logées": [0, 0]}
    assert list(lodging.places_by_type(metrics.offers_by_type(f.tables.offers)).data[0].x) == []
    day_meals = metrics.meals_by_day(f.tables.participants, f.settings)
    assert bars(meals.allergens_by_day(day_meals)) == {"mercredi 3 juillet": [], "jeudi 4 juillet": []}


def test_charts_hold_aggregates_only():
    """The figure sent to the browser holds counts and French labels, never a name from the rows."""
    f = tiny()
    s = f.settings
    figs = [lodging.lodging_by_night(metrics.lodging_by_night(f.tables.participants, f.tables.offers, s)),
            lodging.places_by_type(metrics.offers_by_type(f.tables.offers)),
            meals.buffet_by_day(metrics.meals_by_day(f.tables.participants, s),
                                metrics.attendance_by_day(f.tables.participants, s), s.no_show_rate),
            meals.diets_by_day(metrics.meals_by_day(f.tables.participants, s)),
            meals.allergens_by_day(metrics.meals_by_day(f.tables.participants, s))]
    for fig in figs:
        text = fig.to_json().lower()
        assert "canari" not in text and "zorglub" not in text
        assert fig.layout.separators == ", "
        assert fig.layout.template.layout.paper_bgcolor is not None   # style.layout() applied (plotly_white)
    assert date(2024, 7, 3).isoformat() not in figs[2].to_json()     # days as French words, not ISO dates
