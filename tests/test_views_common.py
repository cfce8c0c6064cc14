"""The note every page shows instead of an empty chart when a tab is missing, empty or unusable."""
import pytest

from forum_data.views.common import TEMPLATE_HINT, tab_notice
from tests.builders import forum
from tests.workbooks import TINY



def notices_forum():
    # Salles: headers only; Planning: one row, set aside (no day); Participants: usable; Hébergements: absent.
    return forum(salles=[["Salle", "Capacité"]], planning=[["Jour", "Salle"], ["", "Amphi"]],
                 participants=TINY["participants"])


@pytest.mark.parametrize("slug, rows, quality, expected", [
    ("participants", False, True, None),
    ("hebergements", False, True,
     f"L'onglet « Hébergements » n'est pas dans le classeur : ajoutez un onglet nommé « Hébergements » pour voir "
     f"les salles. {TEMPLATE_HINT}"),
    ("hebergements", True, False,
     "L'onglet « Hébergements » n'est pas dans le classeur : ajoutez un onglet nommé « Hébergements », avec une ligne "
     "par offre (Nom, Type, Places, Nuits, Statut), pour voir les salles."),
    ("salles", False, True, "L'onglet « Salles » est encore vide : remplissez-le pour voir les salles."),
    ("salles", True, True,
     "L'onglet « Salles » est encore vide : ajoutez-y une ligne par salle (Salle, Capacité, Accessible PMR, "
     "Équipements) pour voir les salles."),
    ("planning", True, True,
     "Aucune ligne de l'onglet « Planning » n'est utilisable (1 ligne lue, toutes écartées) : la page Qualité des "
     "données dit quoi corriger pour voir les salles."),
    ("planning", False, False,
     "Aucune ligne de l'onglet « Planning » n'est utilisable (1 ligne lue, toutes écartées) : l'équipe qui tient le "
     "classeur doit les corriger pour voir les salles."),
])
def test_tab_notice_for_present_absent_empty_and_unusable_tabs(slug, rows, quality, expected):
    assert tab_notice(notices_forum(), slug, "voir les salles", rows=rows, quality=quality) == expected
