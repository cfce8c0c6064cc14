"""What every page shares: the friendly note shown instead of an empty chart when a tab is missing.

Each note names the tab as the workbook's contract titles it, says what to fill in and what it will
show: « L'onglet « Salles » n'est pas dans le classeur : ajoutez un onglet nommé « Salles », avec une
ligne par salle (Salle, Capacité), pour voir la charge des salles. »
"""
from __future__ import annotations

from forum_data import fr
from forum_data.forum import Forum
from forum_data.model import RowCount
from forum_data.schema import TABS

TEMPLATE_HINT = "Le classeur vide, à télécharger sur la page Qualité des données, contient tous les onglets."


def tab_notice(forum: Forum, slug: str, purpose: str, *, rows: bool = True,
               quality: bool = True) -> str | None:
    """A friendly French note when tab ``slug`` is absent, empty or has no usable row; None when it has rows.

    ``purpose`` completes « pour … » with its verb (« voir les salles utilisées », « savoir si le
    forum est viable »); with ``rows``, the note says what to fill in, as the schema declares it
    (« une ligne par salle (Salle, Capacité, Accessible PMR, Équipements) »).
    ``quality`` is False for a role that cannot open the Qualité des données page: the note then
    does not send the reader there.
    """
    tab = TABS[slug]
    title = tab.title
    rows = tab.fill_in if rows else None
    what = f", avec {rows}," if rows else ""
    if slug not in forum.sheets:
        text = f"L'onglet « {title} » n'est pas dans le classeur : ajoutez un onglet nommé « {title} »{what} " \
               f"pour {purpose}."
        return f"{text} {TEMPLATE_HINT}" if quality else text
    count = forum.rows.get(slug, RowCount())
    if count.used:
        return None
    if count.read:
        read = fr.plural(count.read, "ligne lue", "lignes lues")
        fix = ("la page Qualité des données dit quoi corriger" if quality
               else "l'équipe qui tient le classeur doit les corriger")
        return (f"Aucune ligne de l'onglet « {title} » n'est utilisable ({read}, toutes écartées) : "
                f"{fix} pour {purpose}.")
    fill = f"ajoutez-y {rows}" if rows else "remplissez-le"
    return f"L'onglet « {title} » est encore vide : {fill} pour {purpose}."
