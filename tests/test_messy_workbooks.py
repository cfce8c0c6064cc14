"""Property-based: whatever a volunteer types, reading never raises and no row disappears silently."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum_data.forum import build_forum
from forum_data.report import build_report
from forum_data.schema import TABS
from forum_data.sources.base import RawSheet, RawWorkbook

# Cells a careless or hostile volunteer might type, and anything else.
NASTY = ["", " ", "oui", "non", "x", "?", "-", "0", "-3", "1 200", "12,5", "20-30", "trente", "30 places",
         "31/02/2024", "03/07/2024", "3 juillet", "mercredi", "nuit du 2 au 3 juillet", "les deux", "9h30", "25h",
         "14h7O", "=HYPERLINK(\"http://x\",\"clic\")", "<script>alert(1)</script>", "[x](javascript:alert(1))",
         "$x$", ":red[x]", "**gras**", "ana@example.org", "06 12 34 56 78", "🎉", "x" * 300, "NA", "nan", "None",
         "Amphi A", "culture, ESS", "forum ouvert", "annulée", "végétarien", "arachides"]
cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))


@st.composite
def messy_sheet(draw, slug):
    tab = TABS[slug]
    headers = [c.header for c in tab.columns]
    chosen = draw(st.lists(st.sampled_from(headers + ["Remarques", ""]), max_size=len(headers) + 2))
    if draw(st.booleans()):
        chosen = [c.header for c in tab.required] + chosen
    width = max(1, len(chosen))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=width + 1), max_size=12))
    title_rows = draw(st.lists(st.lists(cell, max_size=2), max_size=2))
    return RawSheet(tab.title, [*title_rows, chosen, *rows])


@st.composite
def messy_workbook(draw):
    slugs = draw(st.lists(st.sampled_from(list(TABS)), unique=True, min_size=1))
    return RawWorkbook("hypothesis", [draw(messy_sheet(slug)) for slug in slugs], "csv")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_workbook())
def test_reading_never_raises_and_nothing_is_lost(workbook):
    forum = build_forum(workbook)
    report = build_report(forum)
    for sheet, count in report["rows"].items():
        assert count["read"] == count["used"] + count["rejected"]
        if count["rejected"]:
            # every rejected row has an issue naming its row — or the tab is unusable (a sheet-level error)
            rows_with_issues = {i["row"] for i in report["issues"] if i["sheet"] == sheet and i["row"] is not None}
            unusable = any(i["code"] == "missing_column" for i in report["issues"] if i["sheet"] == sheet)
            assert unusable or len(rows_with_issues) >= count["rejected"]
    for issue in report["issues"]:
        assert issue["severity"] in ("error", "warning") and len(issue["message"]) > 10
        assert "ana@example.org" not in issue["message"] and "06 12 34 56 78" not in issue["message"]
    assert report["collective"]["viable"] == (report["collective"]["active"] >= report["collective"]["threshold"])
    for night in report["lodging"]["by_night"].values():
        assert 0 <= night["covered"] <= night["need"]
