"""The data-quality page: issues grouped by tab, with links to the cell, and the correction guide.

Every value shown was already screened by validation (``Issue.value`` is None for a personal
column); names of people are screened here too for roles without ``names``.

>>> from forum_data.issues import Issue
>>> problem_text(Issue("salles", None, None, "warning", "missing_sheet", "absent.", tab_title="Salles"))
'Absent.'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit

import pandas as pd

from forum_data import fr
from forum_data.forum import Forum
from forum_data.issues import SEVERITY_NAMES, Issue
from forum_data.model import RowCount
from forum_data.privacy import Role
from forum_data.schema import TABS


ISSUE_HEADERS = ["Ligne", "Colonne", "Gravité", "Valeur", "Problème"]
CELL_LINK = "Ouvrir la cellule"
ENTRY_LINK = "Ouvrir la fiche"


def problem_text(issue: Issue) -> str:
    """The issue's problem, as a sentence (its place is in the Ligne and Colonne columns)."""
    text = issue.problem
    return text[:1].upper() + text[1:]


def column_label(forum: Forum, issue: Issue) -> str:
    """« Capacité (C) »: the contract header and, when known, the column's letter."""
    if not issue.column:
        return ""
    try:
        header = TABS[issue.sheet].column(issue.column).header
    except (KeyError, StopIteration):
        header = issue.column
    info = forum.sheets.get(issue.sheet)
    letter = info.letters.get(issue.column) if info and info.origin != "yeswiki" else None
    return f"{header} ({letter})" if letter else header


def _is_web(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url)


def issue_link(forum: Forum, issue: Issue) -> str | None:
    """The link we build to the problem: the Google Sheets cell (``…/edit#gid=G&range=C7``) or the wiki entry."""
    info = forum.sheets.get(issue.sheet)
    if issue.entry is not None:
        return issue.url if _is_web(issue.url) else None
    if forum.kind != "gsheets" or not _is_web(forum.edit_url) or info is None or not info.gid:
        return None
    base = f"{forum.edit_url.split('#', 1)[0]}#gid={quote(str(info.gid), safe='')}"
    cell = issue.cell or (f"A{issue.row}" if issue.row else None)
    return f"{base}&range={quote(cell, safe='')}" if cell else base


def _shown_value(issue: Issue, role: Role) -> str:
    if issue.value is None or (not role.names and issue.column in TABS[issue.sheet].name_columns):
        return ""
    return issue.value


@dataclass(frozen=True)
class TabIssues:
    """One tab's issues, errors first, as a display table."""

    slug: str
    title: str
    errors: int
    warnings: int
    rows: RowCount | None
    table: pd.DataFrame
    link_text: str | None      # the LinkColumn's text when the table has a « Lien » column

    @property
    def heading(self) -> str:
        parts = [fr.plural(self.errors, "erreur")] if self.errors else []
        if self.warnings:
            parts.append(fr.plural(self.warnings, "avertissement"))
        return f"{self.title} — {', '.join(parts)}"


def issues_table(forum: Forum, issues: list[Issue], role: Role) -> tuple[pd.DataFrame, str | None]:
    """Ligne, Colonne, Gravité, Valeur, Problème (+ Fiche for wiki entries, + Lien when we can link)."""
    ordered = sorted(issues, key=lambda i: (not i.is_error, i.row is not None, i.row or 0))
    frame = pd.DataFrame({
        "Ligne": pd.array([i.row for i in ordered], dtype="Int64"),
        "Colonne": [column_label(forum, i) for i in ordered],
        "Gravité": [SEVERITY_NAMES.get(i.severity, i.severity) for i in ordered],
        "Valeur": [_shown_value(i, role) for i in ordered],
        "Problème": [problem_text(i) for i in ordered],
    }, columns=ISSUE_HEADERS)
    if any(i.entry is not None for i in ordered):
        frame.insert(1, "Fiche", [i.entry or "" for i in ordered])
    links = [issue_link(forum, i) for i in ordered]
    link_text = None
    if any(links):
        frame["Lien"] = links
        link_text = ENTRY_LINK if any(i.entry is not None for i in ordered) else CELL_LINK
    return frame, link_text


@dataclass(frozen=True)
class IssueItem:
    """One issue of a ``TabIssues.table`` row, for a list that wraps on any screen."""

    where: str            # « Ligne 10 · Capacité (C) », « Fiche « X » · Titre », or « Onglet »
    is_error: bool
    severity: str         # « Erreur » or « Avertissement »
    problem: str
    value: str | None     # the value read, when the problem does not already quote it (never a personal one)
    link: str | None      # the Google Sheets cell or the wiki entry, with ( ) and spaces percent-encoded


ISSUES_LISTED = 30    # a tab's issues shown as a list; beyond, the first ones and then the whole table


def more_issues_sentence(more: int) -> str:
    """Under the first issues of a long list: where the others are."""
    return (f"… et {fr.plural(more, 'autre problème', 'autres problèmes')} dans cet onglet. Le tableau ci-dessous "
            "les donne tous, premiers compris : un clic sur un en-tête trie, la loupe cherche une ligne ou une "
            "colonne. Corriger les premiers règle souvent les suivants (une même erreur répétée sur une colonne).")


def issue_items(group: TabIssues) -> list[IssueItem]:
    """The rows of ``group.table``, in its order, as list items."""
    items = []
    for row in group.table.to_dict("records"):
        where = " · ".join(part for part in (
            "" if pd.isna(row["Ligne"]) else f"Ligne {row['Ligne']}",
            f"Fiche « {row['Fiche']} »" if row.get("Fiche") else "", row["Colonne"]) if part)
        value = row["Valeur"] if row["Valeur"] and f"« {row['Valeur']} »" not in row["Problème"] else None
        value = " ".join(value.splitlines()) if value else None        # one line in a list item
        link = row.get("Lien")
        link = None if link is None or pd.isna(link) or not link else link
        items.append(IssueItem(where or "Onglet", row["Gravité"] == SEVERITY_NAMES["error"], row["Gravité"],
                               row["Problème"], value, quote(link, safe=":/?#&=%+~.,-_") if link else None))
    return items


def tab_issue_items(forum: Forum, role: Role, slug: str) -> list[IssueItem]:
    """The list items of tab ``slug``'s issues (``issue_items`` of its group), for one role."""
    return next((issue_items(g) for g in issues_by_tab(forum, role) if g.slug == slug), [])


def issues_by_tab(forum: Forum, role: Role) -> list[TabIssues]:
    """One group per tab with issues: tabs with errors first, then the workbook's order."""
    groups = []
    for slug, tab in TABS.items():
        issues = [i for i in forum.issues if i.sheet == slug]
        if not issues:
            continue
        errors = sum(1 for i in issues if i.is_error)
        info = forum.sheets.get(slug)
        table, link_text = issues_table(forum, issues, role)
        groups.append(TabIssues(slug, info.title if info else tab.title, errors, len(issues) - errors,
                                forum.rows.get(slug), table, link_text))
    return sorted(groups, key=lambda g: g.errors == 0)


def rows_table(forum: Forum) -> pd.DataFrame:
    """Per tab of the contract: found or not, rows read / used / set aside, errors, warnings."""
    records = []
    for slug, tab in TABS.items():
        count = forum.rows.get(slug)
        issues = [i for i in forum.issues if i.sheet == slug]
        errors = sum(1 for i in issues if i.is_error)
        records.append({
            "Onglet": tab.title,
            "État": ("absent" if slug not in forum.sheets
                     else "inutilisable" if any(i.code == "missing_column" for i in issues) else "lu"),
            "Lignes lues": count.read if count else 0,
            "Utilisées": count.used if count else 0,
            "Écartées": count.rejected if count else 0,
            "Erreurs": errors,
            "Avertissements": len(issues) - errors,
        })
    return pd.DataFrame(records)


@dataclass(frozen=True)
class Totals:
    errors: int
    warnings: int
    read: int
    used: int
    rejected: int


def totals(forum: Forum) -> Totals:
    """Counts per severity and rows over every tab found."""
    errors = forum.errors
    counts = forum.rows.values()
    return Totals(errors, len(forum.issues) - errors, sum(c.read for c in counts), sum(c.used for c in counts),
                  sum(c.rejected for c in counts))


def how_to_fix(settings) -> str:
    """The page's « Comment corriger » text, its example dates taken from the edition's settings."""
    return GUIDE.format(**asdict(fr.edition(settings)))


#: ``how_to_fix``'s text; ``{date}``… are the edition's example dates (``fr.Edition``).
GUIDE = """
**Les onglets attendus** : Collectif, Partenaires, Activités, Salles, Planning, Participants,
Hébergements et Paramètres. Leur nom peut s'écrire avec ou sans accents ni majuscules. Un onglet
absent ne bloque rien : ses chiffres valent zéro.

**Les colonnes** : la première ligne de chaque onglet porte les titres de colonnes (ceux du classeur
vide, ou un synonyme courant : « Courriel » pour « Email », « Jauge » pour « Capacité »…). Une
colonne obligatoire absente rend l'onglet inutilisable ; une colonne en plus est ignorée.

**Les dates** s'écrivent jour d'abord : `{date}`, `{long_date}` ou `{weekday}`.
Une nuit se nomme par son soir : « {night} » ou « {evening} ».

**Les heures** : `9h30`, `14h`, `14:00`.

**Les nombres** s'écrivent sans texte autour : `30`, pas `30 places` ni `20-30`. Un prix peut avoir
une virgule : `24,50`.

**Oui / non** : `oui`, `non` ou `x` pour oui ; une case vide vaut non.

**Les listes** (thèmes, rôles, jours, nuits, besoins…) se séparent par des virgules :
`Culture, ESS`. « les deux » veut dire les deux jours (ou les deux nuits).

**Les valeurs à choisir** (statut, format, type, régime…) : écrivez l'une des valeurs proposées dans
le message ; une valeur inconnue est remplacée par « Autre » ou par la valeur par défaut.

**Les doublons** : quand une même personne, activité ou salle apparaît deux fois, c'est la ligne la
plus basse (la plus récente) qui compte ; supprimez l'autre ou rendez-les distinctes.

**Les salles du planning** doivent porter exactement le nom d'une salle de l'onglet Salles.

Après une correction, cliquez sur « Rafraîchir » dans la barre latérale pour relire le classeur.
"""
