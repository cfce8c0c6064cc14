"""Validation: records of cell text → typed tables and French issues, one function per tab.

Every record is either used or rejected, and every rejected record carries an issue naming
its tab and row. A required value missing or invalid rejects the row (``error``); an optional
one gives a ``warning`` and its default. Duplicates: the lowest row (the latest entry) wins.

>>> from forum_data.sources.base import RawSheet
>>> from forum_data.reading import read_tab
>>> result = validate_rooms(read_tab(RawSheet("Salles", [["Salle", "Capacité"], ["A", "trente"]]), "salles"), Settings())
>>> result.rows, result.count
((), RowCount(read=1, used=0, rejected=1))
>>> result.issues[0].message
"Ligne 2, colonne « Capacité » : « trente » n'est pas un nombre. Écrivez un nombre entier, par exemple 30. La ligne est ignorée."
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from forum_data import fr, schema
from forum_data.issues import Issue
from forum_data.model import (Member, Offer, Participant, Partner, Proposal, Room, RowCount, Session,
                              Settings)
from forum_data.reading import Record, TabReading
from forum_data.schema import Labels
from forum_data.values import (ALL_WORDS, normalize, parse_bool, parse_count, parse_date, parse_day_list,
                               parse_minutes, parse_number, parse_rate, parse_time, split_list)

SHOWN_LENGTH = 80
_EMAIL = re.compile(r"[^\s<>()\[\],;:]+@[^\s<>()\[\],;:]+\.[a-z]{2,}", re.IGNORECASE)


_PHONE = re.compile(r"(?:\+\d{2}\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")


def redact(value: str) -> str:
    """Mask what looks like an e-mail address or a phone number typed in a column that is not personal.

    >>> redact("écrire à ana@example.org ou au 06 12 34 56 78")
    'écrire à [adresse masquée] ou au [numéro masqué]'
    """
    return _PHONE.sub("[numéro masqué]", _EMAIL.sub("[adresse masquée]", value))


def shown(value: str) -> str:
    """A cell value as quoted in a message: one line, at most 80 characters, personal data masked."""
    one_line = " ".join(redact(value).split())
    return one_line if len(one_line) <= SHOWN_LENGTH else one_line[: SHOWN_LENGTH - 1] + "…"


_MATCHES: dict[int, tuple[Labels, dict[str, str | None]]] = {}


def _match(labels: Labels, text: str) -> str | None:
    """``labels.match(text)``, memoised per label list (the same few values fill whole columns)."""
    entry = _MATCHES.get(id(labels))
    if entry is None or entry[0] is not labels:
        entry = _MATCHES[id(labels)] = (labels, {})  # holding ``labels`` keeps its id unique
    known = entry[1]
    try:
        return known[text]
    except KeyError:
        if len(known) >= 1 << 14:
            known.clear()
        slug = known[text] = labels.match(text)
        return slug


def _choices(labels: Labels) -> str:
    return ", ".join(labels.names.get(s, s) for s in labels.slugs)


def _fmt_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


class TabCheck:
    """Words the issues of one tab, the same way for every column and every source."""

    def __init__(self, reading: TabReading):
        self.reading = reading
        self.slug = reading.tab.slug
        self.issues: list[Issue] = []

    def add(self, record: Record | None, column: str | None, severity: str, code: str, text: str,
            value: str | None = None) -> None:
        """An issue at ``record`` (None: the whole tab) and ``column``, whose problem is ``text``."""
        is_personal = column is not None and self.reading.tab.column(column).personal
        ref = record.ref if record else None
        letter = self.reading.letters.get(column) if column else None
        self.issues.append(Issue(
            sheet=self.slug,
            row=ref.row if ref else None,
            column=column,
            severity=severity,
            code=code,
            problem=text,
            value=None if is_personal or value is None else redact(value),
            cell=f"{letter}{ref.row}" if letter and ref and ref.row else None,
            entry=ref.entry if ref else None,
            url=ref.url if ref else None,
            header=self.reading.header(column) if column else None,
            tab_title=self.reading.sheet.title,
        ))


class RowCheck:
    """Reads the typed values of one record, raising issues as it goes."""

    def __init__(self, check: TabCheck, record: Record):
        self.check = check
        self.record = record
        self.rejected = False

    def text(self, column: str) -> str:
        return self.record.get(column)

    def warn(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.check.add(self.record, column, "warning", code, text, value)

    def reject(self, column: str | None, code: str, text: str, value: str | None = None) -> None:
        self.rejected = True
        self.check.add(self.record, column, "error", code, text + " La ligne est ignorée.", value)

    def required_text(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.reject(column, "missing_value", "cette case obligatoire est vide. Remplissez-la.")
        return value

    def count(self, column: str, *, required: bool = False, positive: bool = False) -> int | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", "cette case obligatoire est vide. Écrivez un nombre entier, par exemple 30.")
            return None
        parsed = parse_count(raw, positive=positive)
        if parsed.value is None:
            hint = "supérieur à 0" if positive else "positif ou nul"
            text = f"« {shown(raw)} » n'est pas un nombre entier {hint}. Écrivez un nombre entier, par exemple 30."
            if parse_number(raw).code is None and parse_number(raw).value is not None:
                text = f"« {shown(raw)} » n'est pas un nombre entier {hint}. Écrivez par exemple 30."
            else:
                text = f"« {shown(raw)} » n'est pas un nombre. Écrivez un nombre entier, par exemple 30."
            if required:
                self.reject(column, "invalid_number", text, raw)
            else:
                self.warn(column, "invalid_number", text + " La case est ignorée.", raw)
            return None
        if parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(raw)} » contient du texte : {parsed.value} est retenu. Écrivez seulement le nombre.", raw)
        return parsed.value

    def minutes(self, column: str) -> int | None:
        raw = self.text(column)
        parsed = parse_minutes(raw)
        if parsed.value is None and raw:
            self.warn(column, "invalid_number",
                      f"« {shown(raw)} » n'est pas une durée. Écrivez un nombre de minutes, par exemple 90. La case est ignorée.", raw)
        elif parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(raw)} » contient du texte : {parsed.value} minutes sont retenues. Écrivez seulement le nombre de minutes.", raw)
        return parsed.value

    def price(self, column: str) -> Decimal | None:
        raw = self.text(column).replace("€", "").replace("euros", "").replace("euro", "").strip()
        if not raw:
            return None
        parsed = parse_number(raw)
        if parsed.value is None or parsed.value < 0:
            self.warn(column, "invalid_number",
                      f"« {shown(self.text(column))} » n'est pas un prix. Écrivez un nombre, par exemple 25 ou 12,50. La case est ignorée.",
                      self.text(column))
            return None
        if parsed.code == "number_from_text":
            self.warn(column, "number_from_text",
                      f"« {shown(self.text(column))} » contient du texte : {parsed.value} est retenu. Écrivez seulement le prix.",
                      self.text(column))
        return parsed.value

    def date(self, column: str, settings: Settings, *, weekdays: tuple[date, ...] = (), required: bool = False,
             note: str = "La case est ignorée.") -> date | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", f"cette case obligatoire est vide. Écrivez une date, par exemple {fr.edition(settings).date}.")
            return None
        parsed = parse_date(raw, year=settings.year, weekdays=weekdays)
        if parsed.value is None:
            text = f"« {shown(raw)} » n'est pas une date. Écrivez-la jour d'abord, par exemple {fr.edition(settings).date} ou {fr.edition(settings).long_date}."
            if required:
                self.reject(column, "invalid_date", text, raw)
            else:
                self.warn(column, "invalid_date", f"{text} {note}", raw)
        return parsed.value

    def time(self, column: str, *, required: bool = False) -> int | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.reject(column, "missing_value", "cette case obligatoire est vide. Écrivez une heure, par exemple 9h30.")
            return None
        parsed = parse_time(raw)
        if parsed.value is None:
            text = f"« {shown(raw)} » n'est pas une heure. Écrivez par exemple 9h30 ou 14:00."
            if required:
                self.reject(column, "invalid_time", text, raw)
            else:
                self.warn(column, "invalid_time", text + " La case est ignorée.", raw)
            return None
        return parsed.value.hour * 60 + parsed.value.minute

    def boolean(self, column: str) -> bool:
        raw = self.text(column)
        parsed = parse_bool(raw)
        if parsed.code:
            self.warn(column, "unknown_value",
                      f"« {shown(raw)} » n'est ni oui ni non : la valeur « non » est retenue. Écrivez oui ou non.", raw)
        return parsed.value

    def label(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> str | None:
        raw = self.text(column)
        if not raw and blank_is_missing:
            self.warn(column, "missing_value",
                      f"case vide : « {labels.names[labels.fallback]} » est retenu. Choisissez parmi : {_choices(labels)}.")
            return labels.fallback
        slug = _match(labels, raw)
        if slug is None:
            if not raw:
                return labels.fallback
            fallback = labels.names.get(labels.fallback) if labels.fallback else None
            kept = f"« {fallback} » est retenu" if fallback else "la ligne est gardée mais n'est pas comptée"
            self.warn(column, "unknown_value",
                      f"« {shown(raw)} » n'est pas une valeur connue : {kept}. Choisissez parmi : {_choices(labels)}.", raw)
            return labels.fallback
        return slug

    def label_list(self, column: str, labels: Labels, *, blank_is_missing: bool = False) -> tuple[str, ...]:
        raw = self.text(column)
        if not raw:
            if blank_is_missing:
                self.warn(column, "missing_value",
                          f"case vide : « {labels.names[labels.fallback]} » est retenu. Choisissez parmi : {_choices(labels)}.")
                return (labels.fallback,)
            return ()
        found: list[str] = []
        for item in split_list(raw) or [raw]:
            slug = _match(labels, item)
            if slug is None:
                self.warn(column, "unknown_value",
                          f"« {shown(item)} » n'est pas une valeur connue : « {labels.names.get(labels.fallback, labels.fallback)} » "
                          f"est retenu. Choisissez parmi : {_choices(labels)}.", item)
                slug = labels.fallback
            if slug and slug not in found:
                found.append(slug)
        return tuple(found)

    def day_list(self, column: str, allowed: tuple[date, ...], settings: Settings, *, what: str) -> tuple[date, ...] | None:
        """The dates of a day or night list; None for a blank cell (the caller's default applies)."""
        raw = self.text(column)
        days = parse_day_list(raw, allowed=allowed, year=settings.year)
        if days.invalid:
            items = ", ".join(f"« {shown(i)} »" for i in days.invalid)
            self.warn(column, "invalid_date",
                      f"{items} : date illisible, ignorée. Écrivez les {what} séparés par des virgules, "
                      f"par exemple « {', '.join(_fmt_day(d) for d in allowed) or fr.edition(settings).date} » ou « les deux ».", raw)
        if days.outside:
            items = ", ".join(f"« {shown(i)} »" for i in days.outside)
            self.warn(column, "outside_event",
                      f"{items} : hors des {what} du forum ({', '.join(_fmt_day(d) for d in allowed)}), ignoré. "
                      "Corrigez la date ou effacez-la.", raw)
        if days.dates is not None and not days.dates and days.invalid and not days.outside:
            return None  # nothing readable: the default applies, as for a blank cell
        return days.dates


@dataclass(frozen=True)
class Validated:
    """One tab's validated rows, its issues and its row counts."""

    rows: tuple
    issues: list[Issue]
    count: RowCount


def _finish(check: TabCheck, reading: TabReading, keyed: list[tuple[object, tuple[str, str], RowCheck]],
            build=lambda kept, group: kept) -> Validated:
    """Resolve duplicates (the lowest row wins) and count rows.

    ``keyed`` holds, per valid record in sheet order, (model, (key, reason), row check); key None
    means "never a duplicate". ``build(kept, group)`` may adjust the kept model from its group.
    """
    groups: dict[str, list[tuple[object, RowCheck]]] = {}
    reasons: dict[str, str] = {}
    order: list[object] = []
    for model, (key, reason), row in keyed:
        if key is None:
            order.append(("solo", model))
            continue
        if key not in groups:
            groups[key] = []
            order.append(("group", key))
        groups[key].append((model, row))
        reasons[key] = reason
    used = []
    for kind, item in order:
        if kind == "solo":
            used.append(item)
            continue
        group = groups[item]
        winner_model, winner_row = group[-1]
        for _model, row in group[:-1]:
            check.add(row.record, _dup_column(reasons[item]), "warning", "duplicate", _dup_text(winner_row.record, reasons[item]))
        used.append(build(winner_model, [m for m, _ in group]))
    read = len(reading.records)
    return Validated(tuple(used), check.issues, RowCount(read, len(used), read - len(used)))


def _dup_column(reason: str) -> str | None:
    return {"même e-mail": "email", "même nom": "nom", "même structure": "structure", "même titre et même porteur": "titre",
            "même salle": "salle", "même paramètre": "parametre"}.get(reason)


def _dup_text(winner: Record, reason: str) -> str:
    if winner.ref.entry is not None:
        return f"doublon de la fiche « {winner.ref.entry} » ({reason}) : seule la fiche la plus récente est comptée."
    return (f"doublon de la ligne {winner.ref.row} ({reason}) : seule la ligne {winner.ref.row} est comptée. "
            "Supprimez l'une des deux lignes ou rendez-les distinctes.")


def unusable(reading: TabReading) -> Validated:
    """A tab without its required columns: one sheet-level error per missing column, no row used."""
    check = TabCheck(reading)
    n = len(reading.records)
    for slug in reading.missing:
        header = reading.tab.column(slug).header
        check.add(None, slug, "error", "missing_column",
                  f"la colonne obligatoire « {header} » est introuvable dans les dix premières lignes : "
                  f"l'onglet est ignoré ({n} ligne{'s' if n > 1 else ''}). Ajoutez une colonne titrée « {header} » "
                  "sur la ligne des titres.")
    return Validated((), check.issues, RowCount(n, 0, n))


def _person_name(row: RowCheck) -> str:
    first = row.text("prenom")
    last = row.required_text("nom")
    return f"{first} {last}".strip() if last else ""


class _People:
    """The "same person" rule: same e-mail; or, when either row has no e-mail, the same name."""

    def __init__(self):
        self.by_email: dict[str, str] = {}
        self.by_name_no_email: dict[str, str] = {}   # name → group of a row without e-mail
        self.by_name_any: dict[str, str] = {}        # name → latest group with that name

    def key(self, email: str, name: str) -> tuple[str, str]:
        email, name = email.strip().lower(), normalize(name)
        if email:
            if email in self.by_email:
                group, reason = self.by_email[email], "même e-mail"
            elif name in self.by_name_no_email:
                group, reason = self.by_name_no_email[name], "même nom"
            else:
                group, reason = f"p{len(self.by_email) + len(self.by_name_any)}:{email}", "même e-mail"
            self.by_email.setdefault(email, group)
        else:
            group = self.by_name_any.get(name) or f"n:{name}"
            reason = "même nom"
            self.by_name_no_email.setdefault(name, group)
        self.by_name_any[name] = group
        return group, reason


# ---------------------------------------------------------------- tabs


def validate_settings(reading: TabReading) -> tuple[Settings, list[Issue], RowCount]:
    """Paramètres: known keys override the defaults; unknown keys are rejected with a warning."""
    check = TabCheck(reading)
    values: dict[str, object] = {}
    used_rows: dict[str, RowCheck] = {}
    read = len(reading.records)
    rejected = 0
    year_settings = Settings()
    records = list(reading.records)
    # "jours du forum" gives the year: read it first.
    records.sort(key=lambda r: 0 if normalize(r.get("parametre")) in _DAY_KEYS else 1)
    for record in records:
        row = RowCheck(check, record)
        key = _SETTING_KEYS.get(normalize(row.text("parametre")))
        raw = row.text("valeur")
        if key is None:
            known = ", ".join(_SETTING_NAMES.values())
            row.warn("parametre", "unknown_value",
                     f"« {shown(row.text('parametre'))} » n'est pas un paramètre connu : la ligne est ignorée. "
                     f"Paramètres possibles : {known}.", row.text("parametre"))
            rejected += 1
            continue
        value = _read_setting(row, key, raw, year_settings)
        if value is None or row.rejected:
            if not row.rejected:
                row.reject("valeur", "missing_value", f"le paramètre « {_SETTING_NAMES[key]} » n'a pas de valeur : la valeur par défaut est retenue.")
            rejected += 1
            continue
        if key in used_rows:
            previous = used_rows[key]
            check.add(previous.record, "parametre", "warning", "duplicate", _dup_text(record, "même paramètre"))
            rejected += 1
        values[key] = value
        used_rows[key] = row
        if key == "days":
            year_settings = Settings(days=value)
    settings = Settings(**values)
    check.issues.sort(key=lambda i: (i.row or 0))
    return settings, check.issues, RowCount(read, read - rejected, rejected)


_SETTING_KEYS = {
    "seuil collectif": "threshold", "seuil": "threshold", "seuil de viabilite": "threshold",
    "date limite": "deadline", "date de decision": "deadline",
    "jours du forum": "days", "jours": "days", "dates du forum": "days",
    "nuits": "nights", "nuits du forum": "nights",
    "taux d absence": "no_show_rate", "taux de non presentation": "no_show_rate",
    "date de reference": "reference_date",
}
_DAY_KEYS = {k for k, v in _SETTING_KEYS.items() if v == "days"}
_SETTING_NAMES = {"threshold": "Seuil collectif", "deadline": "Date limite", "days": "Jours du forum",
                  "nights": "Nuits", "no_show_rate": "Taux d'absence", "reference_date": "Date de référence"}


def _read_setting(row: RowCheck, key: str, raw: str, settings: Settings):
    if not raw:
        return None
    if key == "threshold":
        parsed = parse_count(raw, positive=True)
        if parsed.value is None:
            row.reject("valeur", "invalid_number", f"« {shown(raw)} » n'est pas un nombre entier : le seuil par défaut (20) est retenu. "
                       "Écrivez un nombre entier, par exemple 20.", raw)
        return parsed.value
    if key in ("deadline", "reference_date"):
        return row.date("valeur", settings, required=True)
    if key == "no_show_rate":
        parsed = parse_rate(raw)
        if parsed.value is None:
            row.reject("valeur", "invalid_number", f"« {shown(raw)} » n'est pas un taux : la valeur par défaut (10 %) est retenue. "
                       "Écrivez un pourcentage, par exemple 10 %.", raw)
        return parsed.value
    # days or nights: a list of dates (the first one with a year gives the year)
    year_match = re.search(r"\b(\d{4})\b", raw)
    year = int(year_match[1]) if year_match else settings.year
    items = [i for i in re.split(r"[,;\n]+|\s+et\s+", raw) if i.strip()]
    dates = []
    for item in items:
        parsed = parse_date(item, year=year)
        if parsed.value is None:
            row.reject("valeur", "invalid_date", f"« {shown(item)} » n'est pas une date : la valeur par défaut est retenue. "
                       f"Écrivez les dates séparées par des virgules, par exemple {fr.edition(settings, year).dates}.", raw)
            return None
        dates.append(parsed.value)
    return tuple(sorted(set(dates)))


def validate_members(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    people = _People()
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        name = _person_name(row)
        joined = row.date("date_d_inscription", settings,
                          note="La personne est comptée mais n'apparaît pas sur la courbe des inscriptions.")
        roles = row.label_list("roles", schema.ROLES)
        status = row.label("statut", schema.MEMBER_STATUS)
        if row.rejected:
            continue
        member = Member(name, row.text("structure"), row.text("ville"), joined, roles, status, record.ref)
        keyed.append((member, people.key(row.text("email"), name), row))

    def earliest_join(kept: Member, group: list[Member]) -> Member:
        dates = [m.joined for m in group if m.joined is not None]
        return Member(kept.name, kept.structure, kept.city, min(dates) if dates else None, kept.roles, kept.status, kept.ref)

    return _finish(check, reading, keyed, earliest_join)


def validate_partners(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        name = row.required_text("structure")
        partner = Partner(name, row.label("type", schema.PARTNER_TYPES), row.label_list("themes", schema.THEMES),
                          row.label_list("apport", schema.CONTRIBUTIONS), row.label("statut", schema.PARTNER_STATUS),
                          record.ref)
        if not row.rejected:
            keyed.append((partner, (normalize(name), "même structure"), row))
    return _finish(check, reading, keyed)


def _leader(row: RowCheck) -> str:
    """The Porteur, shown on pages: a name or a structure, never an e-mail address."""
    raw = row.text("porteur")
    if not _EMAIL.search(raw):
        return raw
    row.warn("porteur", "unknown_value",
             "la case contient une adresse e-mail, qui n'est pas affichée. Écrivez le nom de la personne ou de la structure.")
    return " ".join(_EMAIL.sub(" ", raw).replace("<>", " ").split()).strip(" ,;()<>")


def validate_proposals(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        title = row.required_text("titre")
        leader = _leader(row)
        proposal = Proposal(
            title=title, leader=leader,
            themes=row.label_list("themes", schema.THEMES, blank_is_missing=True),
            format=row.label("format", schema.FORMATS, blank_is_missing=True),
            duration=row.minutes("duree"),
            attendance=row.count("participants_attendus"),
            day=row.date("jour_souhaite", settings, weekdays=settings.days),
            needs=tuple(split_list(row.text("besoins"))),
            status=row.label("statut", schema.PROPOSAL_STATUS),
            proposed_on=row.date("date_de_proposition", settings),
            ref=record.ref,
        )
        if not row.rejected:
            keyed.append((proposal, (normalize(title) + "|" + normalize(leader), "même titre et même porteur"), row))
    return _finish(check, reading, keyed)


def validate_rooms(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        name = row.required_text("salle")
        capacity = row.count("capacite", required=True, positive=True)
        days = row.day_list("jours_disponibles", settings.days, settings, what="jours")
        room = Room(name, row.text("batiment"), capacity or 0, row.boolean("accessible_pmr"),
                    tuple(split_list(row.text("equipements"))), settings.days if days is None else days, record.ref)
        if not row.rejected:
            keyed.append((room, (normalize(name), "même salle"), row))
    return _finish(check, reading, keyed)


def match_proposal(title: str, proposals: tuple[Proposal, ...]) -> Proposal | None:
    """The proposal a planning title names: same normalised Titre, the lowest-row one not cancelled."""
    return proposal_index(proposals).get(normalize(title))


def proposal_index(proposals: tuple[Proposal, ...]) -> dict[str, Proposal]:
    """Normalised Titre → the proposal ``match_proposal`` gives for it (built once per planning)."""
    index: dict[str, Proposal] = {}
    for proposal in proposals:
        if proposal.is_live:
            index[normalize(proposal.title)] = proposal  # the lowest row wins
    return index


def validate_sessions(reading: TabReading, settings: Settings, rooms: tuple[Room, ...],
                      proposals: tuple[Proposal, ...]) -> Validated:
    check = TabCheck(reading)
    rooms_by_name = {normalize(r.name): r for r in rooms}
    by_title = proposal_index(proposals)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        day = row.date("jour", settings, weekdays=settings.days, required=True)
        start = row.time("debut", required=True)
        end = row.time("fin")
        room_name = row.required_text("salle")
        activity = row.required_text("activite")
        room = rooms_by_name.get(normalize(room_name)) if room_name else None
        if room_name and room is None:
            known = ", ".join(r.name for r in rooms[:12]) or "aucune salle lisible"
            row.reject("salle", "unknown_room",
                       f"la salle « {shown(room_name)} » n'existe pas dans l'onglet Salles. Corrigez le nom "
                       f"(salles connues : {known}) ou ajoutez la salle dans l'onglet Salles.", room_name)
        proposal = by_title.get(normalize(activity)) if activity else None
        if start is not None and end is None:
            end = start + (proposal.duration if proposal and proposal.duration else 60)
        elif start is not None and end is not None and end <= start:
            row.reject("fin", "invalid_time",
                       f"la fin « {shown(row.text('fin'))} » n'est pas après le début « {shown(row.text('debut'))} ». "
                       "Corrigez l'heure de fin.", row.text("fin"))
        attendance = row.count("participants_attendus")
        if attendance is None:   # blank or unreadable: the matched activity's
            attendance = proposal.attendance if proposal else None
        if row.rejected:
            continue
        if attendance is None and not row.text("participants_attendus"):
            row.warn("participants_attendus", "missing_value",
                     "nombre de participants inconnu (ni ici ni dans Activités) : la charge de la salle est inconnue. "
                     "Écrivez une estimation, par exemple 25.")
        if day not in settings.days:
            row.warn("jour", "outside_event",
                     f"le {_fmt_day(day)} n'est pas un jour du forum ({', '.join(_fmt_day(d) for d in settings.days)}). "
                     "Corrigez la date : la séance est quand même comptée.", row.text("jour"))
        elif day not in room.days:
            row.warn("salle", "room_unavailable",
                     f"la salle « {room.name} » n'est pas disponible le {_fmt_day(day)} (voir « Jours disponibles » "
                     "dans l'onglet Salles). Changez de salle ou de jour.", room_name)
        session = Session(day, start, end, room.name, activity, proposal, attendance, room.capacity, record.ref)
        keyed.append((session, (None, ""), row))
    return _finish(check, reading, keyed)


_NO_MEAL = {"non", "aucun", "aucune", "0", "pas de repas", "sans repas", "rien", "n"}


@functools.lru_cache(maxsize=1)
def _allergen_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """One compiled pattern per allergen group (a word of the group starting a word of the text)."""
    return tuple((group, re.compile("|".join(rf"\b{re.escape(normalize(w))}" for w in words)))
                 for group, words in schema.ALLERGENS.items())


@functools.lru_cache(maxsize=1 << 12)
def _allergens(text: str) -> tuple[str, ...]:
    key = f" {normalize(text)} "
    found = [group for group, pattern in _allergen_patterns() if pattern.search(key)]
    return tuple(found) or ("autre",)


def validate_participants(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    people = _People()
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        name = _person_name(row)
        days = row.day_list("jours", settings.days, settings, what="jours")
        days = settings.days if days is None else days
        meals_raw = normalize(row.text("repas"))
        if not meals_raw or meals_raw == "oui":
            meals = days
        elif meals_raw in _NO_MEAL:
            meals = ()
        else:
            listed = row.day_list("repas", settings.days, settings, what="jours")
            meals = days if listed is None else listed
        diets = row.label_list("regime", schema.DIETS) or ("omnivore",)
        if len(diets) > 1 and "omnivore" in diets:
            diets = tuple(d for d in diets if d != "omnivore")
        allergy_text = row.text("allergies")
        has_allergy = normalize(allergy_text) not in schema.NO_ALLERGY and normalize(allergy_text) != ""
        lodging = row.boolean("hebergement")
        nights = row.day_list("nuits", settings.nights, settings, what="nuits")
        participant = Participant(
            name=name, structure=row.text("structure"), profile=row.label("profil", schema.PROFILES),
            days=days, meals=meals, diets=diets, has_allergy=has_allergy,
            allergens=_allergens(allergy_text) if has_allergy else (),
            needs_lodging=lodging, nights=settings.nights if nights is None else nights,
            pmr=row.boolean("pmr"), status=row.label("statut", schema.REGISTRATION_STATUS),
            registered_on=row.date("date_d_inscription", settings), ref=record.ref)
        if not row.rejected:
            keyed.append((participant, people.key(row.text("email"), name), row))
    return _finish(check, reading, keyed)


def validate_offers(reading: TabReading, settings: Settings) -> Validated:
    check = TabCheck(reading)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        name = row.required_text("nom")
        places = row.count("places", required=True, positive=True)
        nights = row.day_list("nuits", settings.nights, settings, what="nuits")
        offer = Offer(name, row.label("type", schema.LODGING_TYPES), places or 0,
                      settings.nights if nights is None else nights, row.text("quartier"), row.price("prix_par_nuit"),
                      row.boolean("accessible_pmr"), row.label("statut", schema.LODGING_STATUS), record.ref)
        if not row.rejected:
            keyed.append((offer, (normalize(name), "même nom"), row))
    return _finish(check, reading, keyed)


__all__ = ["validate_settings", "validate_members", "validate_partners", "validate_proposals", "validate_rooms",
           "validate_sessions", "validate_participants", "validate_offers", "unusable", "Validated", "ALL_WORDS"]
