"""Who may see what. Three audiences, and what each one's pages and downloads may hold.

- ``comite`` (steering committee): names included;
- ``benevole`` (volunteers): figures and data quality, no names of people;
- ``ville`` (city staff): aggregates only.

Personal columns (e-mails, phones, addresses, contacts, allergy text) are for no role: they
never leave the data layer. ``Role.names`` says whether names of people may be shown.

>>> ROLES["ville"].names, ROLES["comite"].names
(False, True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    slug: str
    label: str
    names: bool          # names of members, participants, hosts and leaders
    quality: bool        # the data-quality page (cell values of the workbook)

    def __str__(self) -> str:
        return self.label


ROLES = {
    "comite": Role("comite", "Comité de pilotage", names=True, quality=True),
    "benevole": Role("benevole", "Bénévole", names=False, quality=True),
    "ville": Role("ville", "Ville de Brest", names=False, quality=False),
}
# With a real source and no access configured: every page's figures, aggregates only.
PUBLIC = Role("public", "Accès public (chiffres seulement)", names=False, quality=True)


# -- what looks personal in a column that is not ------------------------------------------------

EMAIL = re.compile(r"[^\s<>()\[\],;:]+@[^\s<>()\[\],;:]+\.[a-z]{2,}", re.IGNORECASE)


PHONE = re.compile(r"(?:\+\d{2}\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")


def redact(value: str) -> str:
    """Mask what looks like an e-mail address or a phone number typed in a column that is not personal.

    >>> redact("écrire à ana@example.org ou au 06 12 34 56 78")
    'écrire à [adresse masquée] ou au [numéro masqué]'
    """
    return PHONE.sub("[numéro masqué]", EMAIL.sub("[adresse masquée]", value))
