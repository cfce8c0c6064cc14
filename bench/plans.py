"""Benchmark of the plans (plans.md): solve time and optimality on the sample, 10× and 100× its size.

    .venv/bin/python bench/plans.py [--seconds 10] [--scales 1,10,100]

``room_plan_figures(scales, seconds)`` returns one dict per workbook (label, proposals to place,
model variables, placed / on wished day / empty seats with upper bounds for the first two,
optimal, seconds); ``bench/run.py`` can
call it and print the rows with ``print_rows``. The workbooks are bench/workbooks.py's (the bundled
sample for scale 1), validated once; only the plan is timed (the model's building and its solve).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import workbooks  # noqa: E402
from forum_data.forum import build_forum  # noqa: E402
from forum_data.plans.rooms import plan_rooms, to_place  # noqa: E402
from forum_data.sources.base import RawSheet, RawWorkbook  # noqa: E402


def _forum(scale: int, distinct_leaders: bool = False):
    tabs = workbooks.sample_tabs() if scale == 1 else workbooks.build(scale)
    if distinct_leaders:
        # The scaled workbooks repeat the sample's ~40 porteurs, each leading a session in every slot:
        # rule 5 then blocks nearly everything. One porteur per proposal makes the model work.
        tabs["Activités"] = [tabs["Activités"][0]] + [[row[0], f"{row[1]} #{i}", *row[2:]]
                                                      for i, row in enumerate(tabs["Activités"][1:])]
    return build_forum(RawWorkbook(f"bench {scale}×", [RawSheet(t, rows) for t, rows in tabs.items()], "csv"))


def room_plan_figures(scales=(1, 10, 100), seconds: float = 10.0) -> list[dict]:
    """The room plan on each workbook: its size, its objective, whether it is proven optimal, its time.

    Each scaled workbook is measured as generated, then with one porteur per proposal (« porteurs
    distincts »), where many more proposals can be placed and the model is at its largest.
    """
    rows = []
    for scale, distinct in [(s, d) for s in scales for d in ((False,) if s == 1 else (False, True))]:
        tables = _forum(scale, distinct).tables
        plan = plan_rooms(tables, seconds=seconds)
        label = "sample" if scale == 1 else f"{scale}×" + (" porteurs distincts" if distinct else "")
        # Upper bounds, to say the gap of a plan not proven optimal: every proposal some room could
        # take (neither too long nor without a room), and among them those with a wished forum day.
        wanted = to_place(tables.proposals, tables.sessions)
        blocked = {id(u.proposal) for u in plan.unplaced if u.code != "no_free_slot"}
        placeable = [p for p in wanted if id(p) not in blocked]
        rows.append({"workbook": label,
                     "to_place": len(wanted),
                     "rooms": len(tables.rooms), "variables": plan.variables,
                     "placed": plan.objective[0], "placed_bound": len(placeable),
                     "on_wished_day": plan.objective[1],
                     "wished_bound": sum(1 for p in placeable if p.day in tables.settings.days),
                     "empty_seats": plan.objective[2], "unplaced": len(plan.unplaced),
                     "optimal": plan.optimal, "seconds": round(plan.seconds, 2)})
    return rows


def render(rows: list[dict]) -> str:
    """The rows as the README's Markdown table (French)."""
    lines = ["| Classeur | À placer | Salles | Variables | Placées (borne) | Jour souhaité (borne) | Places vides | "
             "Optimal | Temps |", "|---|--:|--:|--:|--:|--:|--:|---|--:|"]
    names = {"sample": "échantillon"}
    for r in rows:
        label = names.get(r["workbook"], r["workbook"])
        lines.append(f"| {label} | {r['to_place']} | {r['rooms']:,} | {r['variables']:,} | {r['placed']} "
                     f"({r['placed_bound']}) | {r['on_wished_day']} ({r['wished_bound']}) | {r['empty_seats']:,} | "
                     f"{'oui' if r['optimal'] else '**non**'} | {r['seconds']:.2f} s |".replace(",", "\u202f"))
    return "\n".join(lines)


def print_rows(rows: list[dict]) -> None:
    keys = list(rows[0])
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in keys}
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for r in rows:
        print("  ".join(str(r[k]).ljust(widths[k]) for k in keys))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--scales", default="1,10,100")
    args = parser.parse_args()
    print_rows(room_plan_figures([int(s) for s in args.scales.split(",")], args.seconds))
