"""forum_data/errors.py: every ``SourceError`` of the package names a reason code, and the banner reads it.

The sources' French sentences are for people; the dashboard's banner and retry policy read
``error.reason`` only (health.py). So every ``SourceError(...)`` written in forum_data/ passes an
explicit ``reason=`` of ``REASONS`` (checked on the source text with ast), and a SourceGuard over a
loader failing with each reason shows that reason's few words.
"""
from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

from forum_data.errors import REASONS, SourceError
from forum_data.health import SourceGuard

PACKAGE = Path(__file__).resolve().parent.parent / "forum_data"
NOW = datetime(2024, 3, 12, 10, 42)

# Reason code → the banner's words, written out by hand (« Source indisponible : … »).
BANNERS = [
    ("quota", "quota Google dépassé"),
    ("timeout", "pas de réponse à temps"),
    ("unavailable", "service momentanément indisponible"),
    ("credentials", "identifiants refusés"),
    ("access", "accès refusé"),
    ("host_not_found", "serveur introuvable"),
    ("not_found", "document introuvable"),
    ("unreadable", "réponse illisible"),
    ("network", "réseau injoignable"),
    ("server_error", "erreur du serveur"),
    ("read_error", "erreur de lecture"),
    ("unexpected", "erreur inattendue"),
]


def constant_codes(node: ast.expr) -> set[str] | None:
    """The reason codes an expression can give: a string, or a conditional between strings (None: not
    written out, so not checkable).

    >>> sorted(constant_codes(ast.parse('"server_error" if status >= 500 else "read_error"', mode="eval").body))
    ['read_error', 'server_error']
    >>> constant_codes(ast.parse("code", mode="eval").body) is None
    True
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = constant_codes(node.body), constant_codes(node.orelse)
        return None if body is None or orelse is None else body | orelse
    return None


def source_errors() -> list[tuple[str, ast.Call]]:
    """Every ``SourceError(...)`` call written in forum_data/, with ``path:line``."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name == "SourceError":
                    calls.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node))
    return calls


def test_every_source_error_of_the_package_passes_a_reason_of_reasons():
    calls = source_errors()
    assert len(calls) > 40          # the sources raise it in many places: the walk did find them
    wrong = []
    for place, call in calls:
        reason = next((keyword.value for keyword in call.keywords if keyword.arg == "reason"), None)
        codes = None if reason is None else constant_codes(reason)
        if codes is None or not codes <= set(REASONS):
            wrong.append(f"{place}: reason={ast.unparse(reason) if reason is not None else '(absent)'}")
    assert wrong == []


def test_every_reason_has_a_banner_case():
    assert [code for code, _ in BANNERS] == list(REASONS)


@pytest.mark.parametrize("reason, banner", [case for case in BANNERS if case[0] != "unexpected"])
def test_source_guard_banner_reads_the_reason_code(reason, banner):
    def loader():
        raise SourceError("Une phrase pour les bénévoles, que le bandeau ne lit pas.", reason=reason)

    state = SourceGuard(loader).read(NOW)
    assert (state.forum, state.reason_code, state.reason) == (None, reason, banner)
    assert state.error == "Une phrase pour les bénévoles, que le bandeau ne lit pas."


def test_source_guard_banner_on_any_other_exception_is_unexpected():
    def loader():
        raise KeyError("colonne")

    state = SourceGuard(loader).read(NOW)
    assert (state.reason_code, state.reason) == ("unexpected", "erreur inattendue")
    assert state.error == "Erreur inattendue en lisant la source (KeyError)."


@pytest.mark.parametrize("kwargs, reason", [({}, "unreadable"), ({"reason": "quota"}, "quota")])
def test_source_error_reason_defaults_to_unreadable(kwargs, reason):
    error = SourceError("Réponse illisible.", **kwargs)
    assert (str(error), error.reason) == ("Réponse illisible.", reason)


def test_source_error_refuses_an_unknown_reason():
    with pytest.raises(ValueError, match="unknown source error reason 'quotas'"):
        SourceError("Quota.", reason="quotas")
