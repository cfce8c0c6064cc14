"""ui.page: figures built once per read, keyed by the function and its arguments, never by hand."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
import streamlit

from forum_data.forum import load_forum
from forum_data.privacy import ROLES
from ui.context import PageContext
from ui.page import Page, cache_key

BUILT = []


def build(*args):
    BUILT.append(args)
    return list(args)


@pytest.fixture
def page():
    streamlit.cache_resource.clear()
    BUILT.clear()
    yield Page(PageContext(load_forum(), ROLES["comite"], date(2024, 3, 12)))
    streamlit.cache_resource.clear()


def test_cached_builds_once_per_read_and_arguments(page):
    first = page.cached(build, "a", 1)
    assert page.cached(build, "a", 1) is first == ["a", 1]            # the same object, not rebuilt
    assert page.cached(build, "a", 2) == ["a", 2]                     # another argument: another figure
    later = Page(replace(page.context, forum=replace(page.forum, read_at=page.forum.read_at + timedelta(seconds=60))))
    assert later.cached(build, "a", 1) == ["a", 1]                    # the next read of the source
    elsewhere = Page(replace(page.context, forum=replace(page.forum, source="/autre/classeur")))
    assert elsewhere.cached(build, "a", 1) == ["a", 1]
    assert BUILT == [("a", 1), ("a", 2), ("a", 1), ("a", 1)]


def test_cached_keys_the_forum_parts_by_name_and_values_by_content(page):
    rooms = page.tables.rooms
    assert cache_key(page.context, build, (rooms,))[2] == "tables.rooms"
    assert cache_key(page.context, build, (page.forum, page.settings))[2] == "forum|settings"
    same = cache_key(page.context, build, ({"culture": 2},))
    assert same == cache_key(page.context, build, ({"culture": 2},)) != cache_key(page.context, build, ({"culture": 3},))
    assert page.cached(build, rooms[:1]) == [rooms[:1]]               # a slice is a value, keyed by content
    assert page.cached(build, rooms[:2]) == [rooms[:2]]


def test_cached_keeps_figures_while_the_source_reads_the_same(page):
    """Every cache period the source is read again: unchanged content keeps its figures (warm pages)."""
    first = Page(replace(page.context, forum=load_forum(fingerprint=True)))
    again = Page(replace(page.context, forum=load_forum(fingerprint=True)))   # the next period, same sheet
    assert first.forum.fingerprint == again.forum.fingerprint is not None
    assert first.forum.read_at != again.forum.read_at
    assert again.cached(build, again.tables.rooms) is first.cached(build, first.tables.rooms)
    assert again.cached(build, again.forum) is first.cached(build, first.forum)
    changed = Page(replace(again.context, forum=replace(again.forum, fingerprint="autre contenu")))
    assert changed.cached(build, changed.tables.rooms) is not first.cached(build, first.tables.rooms)
    assert len(BUILT) == 3                          # rooms, the forum, the changed forum's rooms


def test_no_cached_function_depends_on_the_read_time():
    """The key ignores ``read_at`` (a source read again unchanged keeps its figures): no function a page
    or ui/ module caches may read it, nor the module-level functions of ours it calls."""
    import ast
    import importlib
    import inspect
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cached = set()
    for path in [*root.glob("pages/*.py"), *root.glob("ui/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = {alias.asname or alias.name: f"{node.module}.{alias.name}" if node.module else alias.name
                   for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "cached" and node.args:
                target = node.args[0]
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    cached.add((imports.get(target.value.id, target.value.id), target.attr))
                elif isinstance(target, ast.Name):
                    cached.add((imports.get(target.id, target.id), None))
    assert len(cached) > 15, cached
    seen, todo = set(), []
    for module_name, attr in cached:
        if attr is None:
            module_name, attr = module_name.rsplit(".", 1)
        todo.append(getattr(importlib.import_module(module_name), attr))
    while todo:
        fn = todo.pop()
        if fn in seen or not inspect.isfunction(fn) or not fn.__module__.startswith("forum_data"):
            continue
        seen.add(fn)
        source = inspect.getsource(fn)
        assert "read_at" not in source, f"{fn.__module__}.{fn.__qualname__} lit read_at"
        module = importlib.import_module(fn.__module__)
        todo += [getattr(module, name) for name in fn.__code__.co_names if inspect.isfunction(getattr(module, name, None))]
    assert len(seen) > 15


def test_cached_refuses_a_lambda(page):
    with pytest.raises(TypeError):
        page.cached(lambda: 1)
