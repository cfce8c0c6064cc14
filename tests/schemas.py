"""The JSON Schemas the repository ships (forum_data/schemas/, draft 2020-12), as a checker's verdict."""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMAS = Path(__file__).resolve().parent.parent / "forum_data" / "schemas"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def errors(name: str, document) -> list[str]:
    """What the schema finds wrong in ``document``, one sentence per problem (empty: valid).

    >>> errors("plan-salles", {})[:2]
    [": 'objective' is a required property", ": 'optimal' is a required property"]
    """
    found = Draft202012Validator(schema(name)).iter_errors(document)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)
