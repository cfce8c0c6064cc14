"""One quick run of bench/plans_lodging.py on the sample: the rows and the table (no time asserted)."""
from bench.plans_lodging import measure_lodging_plan, render


def test_lodging_plan_benchmark_on_the_sample():
    [row] = measure_lodging_plan(scales=(1,), repeats=1, short=False)
    assert (row["label"], row["guests"], row["offers"], row["kinds"], row["optimal"], row["unplaced"]) == (
        "échantillon", 30, 18, 5, True, 5)
    assert row["plan_s"] >= row["solve_s"] > 0
    assert render([row]).splitlines()[2].startswith("| échantillon | 30 | 18 | 5 | ")
    assert render([row]).splitlines()[2].endswith(" | oui | 2 | 42 | 24 | 25 | 5 |")
