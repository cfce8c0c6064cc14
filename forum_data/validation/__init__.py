"""Validation: records of cell text → typed tables and French issues (a package split by concept).

- ``cells``: the typed cell readers (``TabCheck``, ``RowCheck``) that word every issue;
- ``duplicates``: the « same entity » rule (``Keyed``, ``resolve``, ``People``) and ``Validated``,
  the one result type of every validator;
- ``settings``: the Paramètres tab; ``tabs``: one validator per other tab.

Every record is either used or rejected, and every rejected record carries an issue naming
its tab and row. A required value missing or invalid rejects the row (``error``); an optional
one gives a ``warning`` and its default. ``VALIDATORS`` gives each tab's validator, in the order
they run (Paramètres first: the others read its settings; a tab after the ones it ``needs``).
"""
from __future__ import annotations

from forum_data.schema import TABS
from forum_data.validation.duplicates import Validated
from forum_data.validation.settings import MISSING as MISSING_SETTINGS
from forum_data.validation.settings import validate_settings
from forum_data.validation.tabs import (match_proposal, proposal_index, unusable, validate_members, validate_offers,
                                        validate_participants, validate_partners, validate_proposals, validate_rooms,
                                        validate_sessions)

VALIDATORS = {
    "parametres": validate_settings,
    "collectif": validate_members,
    "partenaires": validate_partners,
    "activites": validate_proposals,
    "salles": validate_rooms,
    "planning": validate_sessions,
    "participants": validate_participants,
    "hebergements": validate_offers,
}


def missing_tab_problem(slug: str) -> str:
    """The ``missing_sheet`` issue of a tab the workbook lacks."""
    if slug == "parametres":
        return MISSING_SETTINGS
    title = TABS[slug].title
    return (f"Onglet « {title} » introuvable : ses chiffres valent zéro. "
            f"Ajoutez un onglet nommé « {title} » (le modèle de classeur le contient).")


__all__ = ["VALIDATORS", "Validated", "match_proposal", "missing_tab_problem", "proposal_index", "unusable",
           "validate_members", "validate_offers", "validate_participants", "validate_partners", "validate_proposals",
           "validate_rooms", "validate_sessions", "validate_settings"]
