"""plans/solver: binary and bounded whole variables, rows, objectives in order, nothing printed."""
import subprocess
import sys

import pytest

from forum_data.plans.solver import BinaryProgram, solve


def test_solve_empty_program_is_optimal_and_empty():
    program = BinaryProgram()
    program.maximise({})
    solution = solve(program)
    assert (solution.chosen, solution.objective, solution.optimal, solution.values) == (frozenset(), (0,), True, ())


def test_solve_binary_objectives_in_order():
    program = BinaryProgram()
    a, b, c = (program.variable() for _ in range(3))
    program.at_most({a: 1, b: 1}, 1)
    program.maximise({a: 1, b: 1, c: 1})
    program.maximise({b: 1})
    solution = solve(program, seconds=5)
    assert (sorted(solution.chosen), solution.objective, solution.values) == ([b, c], (2, 1), (0, 1, 1))


def test_solve_whole_variables_up_to_their_bound():
    # 7 guests for two nights, one offer of 4 places: 4 placed; then 3 one-night guests fill nothing more.
    program = BinaryProgram()
    pairs, singles = program.variable(upper=7), program.variable(upper=3)
    program.at_most({pairs: 1, singles: 1}, 4)          # the offer's places on the shared night
    program.maximise({pairs: 2, singles: 1})            # guest-nights
    solution = solve(program, seconds=5)
    assert solution.values == (4, 0) and solution.objective == (8,) and solution.optimal


@pytest.mark.parametrize("upper, bound, kept", [(1, 1, False), (3, 2, True), (3, 3, False), (0, 0, False)])
def test_at_most_drops_a_row_every_value_meets(upper, bound, kept):
    program = BinaryProgram()
    v = program.variable(upper=upper)
    program.at_most({v: 1}, bound)
    assert len(program.rows) == int(kept)


def test_variable_and_row_bounds_below_zero_are_refused():
    program = BinaryProgram()
    with pytest.raises(ValueError):
        program.variable(upper=-1)
    with pytest.raises(ValueError):
        program.at_most({program.variable(): 1}, -1)


def test_solve_prints_nothing_on_standard_output():
    code = ("from forum_data.plans.solver import BinaryProgram, solve\n"
            "p = BinaryProgram(); v = p.variable(); p.maximise({v: 1}); solve(p)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, "")
