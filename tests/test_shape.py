"""The code's shape holds: imports run one way, the core never imports a screen, pages are declared once.

Layers, lowest first (a module imports only its own layer or lower ones, and never in a cycle):

    foundations  errors, places, fr, access, schema
    model        values, issues, model, privacy, config, template
    sources → reading → validation → forum → metrics (and health, snapshot) → plans
    → report, exports → charts → views → command line → ui → pages and the frame

Every import counts, a function's lazy one included: a lazy import is still a dependency.
The tests keep a shape too: no test module imports another one, a conftest or (but bench's own tests) bench/.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui.registry import PAGES

REPO = Path(__file__).resolve().parent.parent

LAYERS = [
    {"forum_data.errors", "forum_data.places", "forum_data.fr", "forum_data.access", "forum_data.schema"},
    {"forum_data.values", "forum_data.issues", "forum_data.model", "forum_data.privacy", "forum_data.config",
     "forum_data.template"},
    {"forum_data.sources"},
    {"forum_data.reading"},
    {"forum_data.validation"},
    {"forum_data.forum"},
    {"forum_data.metrics", "forum_data.health", "forum_data.snapshot"},
    {"forum_data.plans"},
    {"forum_data.report", "forum_data.exports"},
    {"forum_data.charts"},
    {"forum_data.views"},
    {"forum_data.cli", "forum_data.cli_snapshot", "forum_data.__main__", "forum_data"},
    {"ui"},
    {"pages", "dashboard"},
]


def modules() -> dict[str, Path]:
    """Dotted name → file, for the package, ui/, pages/ and the frame."""
    found = {}
    for path in [*REPO.glob("forum_data/**/*.py"), *REPO.glob("ui/*.py"), *REPO.glob("pages/*.py"), REPO / "dashboard.py"]:
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def imports_of(name: str) -> set[str]:
    """The project modules ``name`` imports (``from forum_data import fr`` is forum_data.fr, not the package)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
            targets = submodules if len(submodules) == len(node.names) else [base, *submodules]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def layer(name: str) -> int:
    """The layer of a module: that of its longest listed prefix."""
    best = None
    for index, members in enumerate(LAYERS):
        for member in members:
            if (name == member or name.startswith(member + ".")) and (best is None or len(member) > len(best[1])):
                best = (index, member)
    assert best is not None, f"{name} n'a pas de couche : ajoutez-le à LAYERS"
    return best[0]


def test_every_import_goes_to_the_same_layer_or_below():
    upward = sorted(f"{a} → {b}" for a, targets in GRAPH.items() for b in targets
                    if b != "forum_data" and layer(b) > layer(a))
    assert upward == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    found, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def group(name: str) -> str:
    """A module's sub-package (``forum_data.views``), or the module itself."""
    parts = name.split(".")
    if parts[0] == "forum_data" and len(parts) > 2:
        return ".".join(parts[:2])
    return "forum_data" if name == "forum_data" else parts[0] if parts[0] in ("ui", "pages") else name


def test_no_import_cycle_between_modules():
    assert cycles(GRAPH) == []


def test_no_import_cycle_between_sub_packages():
    groups: dict[str, set[str]] = {}
    for a, targets in GRAPH.items():
        groups.setdefault(group(a), set()).update(group(b) for b in targets if group(b) not in (group(a), "forum_data"))
    assert cycles(groups) == []


def test_the_core_never_imports_a_screen():
    screens = sorted(f"{name} → {target}" for name, path in MODULES.items() if name.startswith("forum_data")
                     for target in _third_party(path) if target in ("streamlit", "ui", "pages"))
    assert screens == []


def _third_party(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_pages_are_the_registry_and_start_with_their_imports():
    assert sorted(p.name for p in (REPO / "pages").glob("*.py")) == sorted(f"{page.slug}.py" for page in PAGES)
    for page in PAGES:
        text = (REPO / page.file).read_text(encoding="utf-8")
        assert "noqa: E402" not in text, page.file
        assert "Page.open()" in text, page.file


def test_no_module_of_the_package_is_too_long_to_read_at_once():
    long = sorted(f"{p.relative_to(REPO)} ({n} lignes)" for p in REPO.glob("forum_data/**/*.py")
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600 and "sample" not in p.parts)
    assert long == []


def _imported(path: Path) -> set[str]:
    """Every dotted module a file imports (``from a.b import c``: ``a.b``), lazy imports included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names


def test_tests_import_helpers_and_fixtures_never_another_test_module_nor_bench():
    # tests/test_bench_*.py test bench/ itself; anything else in tests/ may not lean on it.
    wrong = sorted(f"{path.relative_to(REPO)} → {name}" for path in REPO.glob("tests/**/*.py")
                   for name in _imported(path)
                   if name.split(".")[-1].startswith(("test_", "conftest"))
                   or (name.split(".")[0] == "bench" and not path.name.startswith("test_bench_")))
    assert wrong == []
