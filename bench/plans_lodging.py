"""The lodging plan's benchmark: solve time and optimality on the sample, 10× and 100×.

    .venv/bin/python bench/plans_lodging.py [--repeats 3] [--seconds 10]

Not part of the test suite (tests/test_bench_smoke.py runs it once on the sample). The workbooks
are the bundled sample and bench/workbooks.py's scaled ones, read in memory (the read itself is
bench/run.py's business), plus a short case: the 100× registrations against the 10× offers
(the scaled workbooks have places for everyone). For each: guests, counted offers, kinds of guests (same nights, same
PMR need: the program's variables are one count per kind and fitting offer), the median wall time
of ``plan_lodging`` (the whole plan: program, solve, reasons) and of the solver alone, whether
the plan was proven optimal, and its objective. ``measure_lodging_plan`` returns the rows (for
bench/run.py); ``render`` makes them a Markdown table.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import workbooks  # noqa: E402
from forum_data.forum import build_forum  # noqa: E402
from forum_data.plans.lodging import plan_lodging  # noqa: E402
from forum_data.sources.base import RawSheet, RawWorkbook  # noqa: E402

SCALES = (1, 10, 100)
# (guests' scale, offers' scale): the scaled workbooks have places for everyone, this one does not —
# the 100× registrations against the 10× offers, where the solver has real choices to make.
SHORT = (100, 10)


def _tabs(scale: int) -> dict:
    return workbooks.sample_tabs() if scale == 1 else workbooks.build(scale)


def _forum(scale: int, offers_scale: int | None = None):
    tabs = _tabs(scale)
    if offers_scale is not None:
        tabs["Hébergements"] = _tabs(offers_scale)["Hébergements"]
    return build_forum(RawWorkbook(f"{scale}×", [RawSheet(title, rows) for title, rows in tabs.items()], "csv"))


def measure_lodging_plan(scales=SCALES, repeats: int = 3, seconds: float = 10.0, short: bool = True) -> list[dict]:
    """One row per scale (1 = the bundled sample), then the short case (``SHORT``) unless told not to:
    sizes, median times (s), optimal, objective."""
    rows = []
    cases = [(scale, None) for scale in scales] + ([SHORT] if short else [])
    for scale, offers_scale in cases:
        tables = _forum(scale, offers_scale).tables
        walls, solves, plan = [], [], None
        for _ in range(max(1, repeats)):
            started = time.perf_counter()
            plan = plan_lodging(tables, seconds=seconds)
            walls.append(time.perf_counter() - started)
            solves.append(plan.seconds)
        rows.append({
            "label": ("échantillon" if scale == 1 else f"{scale}×")
                     + (f", offres du {offers_scale}×" if offers_scale else ""),
            "guests": len(plan.guests),
            "offers": len(plan.offers),
            "kinds": len({g.kind for g in plan.guests}),
            "plan_s": statistics.median(walls),
            "solve_s": statistics.median(solves),
            "optimal": plan.optimal,
            "objective": plan.objective,
            "unplaced": len(plan.unplaced),
        })
    return rows


def render(rows: list[dict]) -> str:
    lines = ["| classeur | personnes à loger | offres comptées | sortes de personnes | plan (médiane) | "
             "dont solveur | optimal prouvé | PMR logées | nuitées | dont confirmées | logées | sans place |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o = r["objective"]
        lines.append(f"| {r['label']} | {r['guests']} | {r['offers']} | {r['kinds']} | {r['plan_s'] * 1000:.0f} ms | "
                     f"{r['solve_s'] * 1000:.0f} ms | {'oui' if r['optimal'] else '**non**'} | {o.pmr_placed} | "
                     f"{o.guest_nights} | {o.confirmed_guest_nights} | {o.guests_placed} | {r['unplaced']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Temps de calcul du plan d'hébergement (échantillon, 10×, 100×).")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    print(render(measure_lodging_plan(repeats=args.repeats, seconds=args.seconds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
