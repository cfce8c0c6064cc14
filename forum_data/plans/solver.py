"""One exact solver for every plan: a 0/1 program whose objectives are maximised in order.

Both plans (rooms, lodging) are packing problems: binary choices, rows that say « at most so
many of these », and several objectives, each maximised before the next one is looked at. The
program is solved by HiGHS (``highspy``, 8 MB, MIT) one objective at a time: once an objective is
proven optimal, a row keeps it at that value and the next objective is maximised. Deterministic:
one thread, a fixed seed, the variables and rows in the order they were added.

>>> program = BinaryProgram()
>>> a, b, c = program.variable(), program.variable(), program.variable()
>>> program.at_most({a: 1, b: 1}, 1)            # a and b exclude each other
>>> program.maximise({a: 1, b: 1, c: 1})        # first: the most choices
>>> program.maximise({b: 1})                    # then: b rather than a
>>> solution = solve(program, seconds=5)
>>> sorted(solution.chosen), solution.objective, solution.optimal
([1, 2], (2, 1), True)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from highspy._core import _Highs


@dataclass
class BinaryProgram:
    """Binary variables, « at most » rows over them, and objectives to maximise in order.

    Every row is Σ coefficient × variable ≤ bound with non-negative bounds, so choosing
    nothing is always allowed: a plan that places nobody is a plan.
    """

    size: int = 0
    rows: list[tuple[dict[int, int], int]] = field(default_factory=list)
    objectives: list[dict[int, int]] = field(default_factory=list)

    def variable(self) -> int:
        """A new binary variable; returns its index."""
        self.size += 1
        return self.size - 1

    def at_most(self, terms: dict[int, int], bound: int) -> None:
        """Σ terms[v] × v ≤ bound (a row over one variable and a bound it always meets is dropped)."""
        if bound < 0:
            raise ValueError("an « at most » bound below zero would forbid the empty plan")
        if terms and sum(c for c in terms.values() if c > 0) > bound:
            self.rows.append((dict(terms), bound))

    def maximise(self, terms: dict[int, int]) -> None:
        """Add the next objective (maximised once the earlier ones are at their optimum)."""
        self.objectives.append(dict(terms))


@dataclass(frozen=True)
class Solution:
    """The chosen variables, each objective's value, whether all were proven optimal, the time taken."""

    chosen: frozenset[int]
    objective: tuple[int, ...]
    optimal: bool
    seconds: float


def _value(terms: dict[int, int], chosen: frozenset[int]) -> int:
    return sum(c for v, c in terms.items() if v in chosen)


def _highs(program: BinaryProgram) -> _Highs:
    # The core class, not highspy.Highs: that wrapper enables callbacks on creation, which prints
    # HiGHS's banner on stdout before output_flag can be set (it broke ``plan salles --json``).
    highs = _Highs()
    for option, value in (("output_flag", False), ("threads", 1), ("random_seed", 0),
                          ("mip_rel_gap", 0.0), ("mip_abs_gap", 0.5)):
        highs.setOptionValue(option, value)
    n = program.size
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(program.rows)
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.full(len(program.rows), -highspy.kHighsInf)
    lp.row_upper_ = np.array([float(bound) for _, bound in program.rows])
    starts, index, values = [0], [], []
    for terms, _ in program.rows:
        for var in sorted(terms):
            index.append(var)
            values.append(float(terms[var]))
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.sense_ = highspy.ObjSense.kMaximize
    highs.passModel(lp)
    return highs


def solve(program: BinaryProgram, seconds: float = 10.0) -> Solution:
    """Maximise each objective in turn within ``seconds`` in all.

    When time runs out, the best plan found so far is returned with ``optimal`` False: the
    objectives already proven stay at their optimum, the one being solved keeps the best
    value reached (never below the previous stage's plan, which is kept if nothing better is found).
    """
    started = time.perf_counter()
    chosen: frozenset[int] = frozenset()
    if program.size == 0:
        return Solution(chosen, tuple(0 for _ in program.objectives), True, 0.0)
    highs = _highs(program)
    optimal = True
    n = program.size
    for terms in program.objectives:
        left = seconds - (time.perf_counter() - started)
        if left <= 0:
            optimal = False
            break
        costs = np.zeros(n)
        for var, coefficient in terms.items():
            costs[var] = float(coefficient)
        highs.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
        highs.setOptionValue("time_limit", float(left))
        # No start solution is handed over (setSolution): with one, HiGHS 1.16 sometimes solved a
        # later stage with the previous stage's costs and called a worse plan optimal. The
        # previous plan is kept instead when the search finds nothing as good in time.
        highs.run()
        status = highs.getModelStatus()
        info = highs.getInfo()
        if info.primal_solution_status == 2:  # a feasible plan is at hand
            values = highs.getSolution().col_value
            found = frozenset(v for v in range(n) if values[v] > 0.5)
            if abs(info.objective_function_value - _value(terms, found)) > 0.5:
                status = None     # the value HiGHS reports is not this plan's: do not call it optimal
            if _value(terms, found) >= _value(terms, chosen):
                chosen = found
        if status != highspy.HighsModelStatus.kOptimal:
            optimal = False
            break
        # Keep this objective at its optimum while the next ones are maximised.
        best = _value(terms, chosen)
        keep = [v for v in sorted(terms) if terms[v]]
        highs.addRow(float(best), highspy.kHighsInf, len(keep), np.array(keep, dtype=np.int32),
                     np.array([float(terms[v]) for v in keep]))
    objective = tuple(_value(terms, chosen) for terms in program.objectives)
    return Solution(chosen, objective, optimal, time.perf_counter() - started)
