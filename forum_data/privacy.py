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
