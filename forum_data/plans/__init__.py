"""Plans: what the dashboard proposes (docs/interface.md), each computed from the validated forum by an exact solver.

``solver`` holds the one 0/1 program and lexicographic solve that both plans use.
"""
