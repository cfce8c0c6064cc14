"""One validator per tab: records of cell text → the tab's models, French issues and row counts.

Every validator has the same signature, ``validate(reading, settings, done)`` (``done``: the rows
of the tabs validated before it, by slug, for the tabs it ``needs``), and returns ``Validated``.

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

from forum_data import fr, schema
from forum_data.model import Member, Offer, Participant, Partner, Proposal, Room, RowCount, Session, Settings  # noqa: F401
from forum_data.privacy import EMAIL
from forum_data.reading import TabReading
from forum_data.validation.cells import Cell, Finding, RowCheck, TabCheck, shown
from forum_data.validation.duplicates import Keyed, People, Validated, validate_rows
from forum_data.values import normalize


def _person_name(row: RowCheck) -> str:
    first = row.text("prenom")
    last = row.required_text("nom")
    return f"{first} {last}".strip() if last else ""


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


def validate_members(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:
    people = People()

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
        name = _person_name(row)
        joined = row.date("date_d_inscription", settings,
                          note="La personne est comptée mais n'apparaît pas sur la courbe des inscriptions.")
        roles = row.label_list("roles", schema.ROLES)
        status = row.label("statut", schema.MEMBER_STATUS)
        if row.rejected:
            return None
        member = Member(name, row.text("structure"), row.text("ville"), joined, roles, status, record.ref)
        return Keyed(member, *people.key(row.text("email"), name), row)

    def earliest_join(kept: Member, group: list[Member]) -> Member:
        if len(group) == 1:   # a member entered once (most of them): already the earliest
            return kept
        dates = [m.joined for m in group if m.joined is not None]
        return Member(kept.name, kept.structure, kept.city, min(dates) if dates else None, kept.roles, kept.status, kept.ref)

    return validate_rows(reading, read, earliest_join)


def validate_partners(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
        name = row.required_text("structure")
        partner = Partner(name, row.label("type", schema.PARTNER_TYPES), row.label_list("themes", schema.THEMES),
                          row.label_list("apport", schema.CONTRIBUTIONS), row.label("statut", schema.PARTNER_STATUS),
                          record.ref)
        return Keyed(partner, normalize(name), "même structure", row)
    return validate_rows(reading, read)


def read_leader(raw: str) -> Cell:
    """The Porteur, shown on pages: a name or a structure, never an e-mail address."""
    if not EMAIL.search(raw):
        return Cell(raw)
    return Cell(" ".join(EMAIL.sub(" ", raw).replace("<>", " ").split()).strip(" ,;()<>"), (Finding(
        False, "unknown_value",
        "la case contient une adresse e-mail, qui n'est pas affichée. Écrivez le nom de la personne ou de la structure."),))


def validate_proposals(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
        title = row.required_text("titre")
        leader = row.read("porteur", read_leader)
        proposal = Proposal(
            title=title, leader=leader,
            themes=row.label_list("themes", schema.THEMES, blank_is_missing=True),
            format=row.label("format", schema.FORMATS, blank_is_missing=True),
            duration=row.minutes("duree"),
            attendance=row.count("participants_attendus"),
            day=row.date("jour_souhaite", settings, weekdays=settings.days),
            needs=row.items("besoins"),
            status=row.label("statut", schema.PROPOSAL_STATUS),
            proposed_on=row.date("date_de_proposition", settings),
            ref=record.ref,
        )
        return Keyed(proposal, normalize(title) + "|" + normalize(leader), "même titre et même porteur", row)
    return validate_rows(reading, read)


def validate_rooms(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
        name = row.required_text("salle")
        capacity = row.count("capacite", required=True, positive=True)
        days = row.day_list("jours_disponibles", settings.days, settings, what="jours")
        reservable = row.boolean("reservable") if row.text("reservable") else True   # blank ⇒ oui
        room = Room(name, row.text("batiment"), capacity or 0, row.boolean("accessible_pmr"),
                    row.items("equipements"), settings.days if days is None else days, record.ref,
                    reservable)
        return Keyed(room, normalize(name), "même salle", row)
    return validate_rows(reading, read)


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


def validate_sessions(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:
    """Planning: each session in a room of Salles, matched to its proposal of Activités (``done``)."""
    rooms, proposals = (done or {}).get("salles", ()), (done or {}).get("activites", ())
    rooms_by_name = {normalize(r.name): r for r in rooms}
    by_title = proposal_index(proposals)

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
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
            return None
        if attendance is None and not row.text("participants_attendus"):
            row.warn("participants_attendus", "missing_value",
                     "nombre de participants inconnu (ni ici ni dans Activités) : la charge de la salle est inconnue. "
                     "Écrivez une estimation, par exemple 25.")
        if day not in settings.days:
            row.warn("jour", "outside_event",
                     f"le {fr.numeric_day(day)} n'est pas un jour du forum ({', '.join(fr.numeric_day(d) for d in settings.days)}). "
                     "Corrigez la date : la séance est quand même comptée.", row.text("jour"))
        elif day not in room.days:
            row.warn("salle", "room_unavailable",
                     f"la salle « {room.name} » n'est pas disponible le {fr.numeric_day(day)} (voir « Jours disponibles » "
                     "dans l'onglet Salles). Changez de salle ou de jour.", room_name)
        session = Session(day, start, end, room.name, activity, proposal, attendance, room.capacity, record.ref)
        return Keyed(session, None, "", row)
    return validate_rows(reading, read)


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


def validate_participants(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:
    people = People()

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
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
        if row.rejected:   # a rejected row takes no part in the « same person » rule
            return None
        return Keyed(participant, *people.key(row.text("email"), name), row)
    return validate_rows(reading, read)


def validate_offers(reading: TabReading, settings: Settings, done: dict | None = None) -> Validated:

    def read(row: RowCheck) -> Keyed | None:
        record = row.record
        name = row.required_text("nom")
        places = row.count("places", required=True, positive=True)
        nights = row.day_list("nuits", settings.nights, settings, what="nuits")
        offer = Offer(name, row.label("type", schema.LODGING_TYPES), places or 0,
                      settings.nights if nights is None else nights, row.text("quartier"), row.price("prix_par_nuit"),
                      row.boolean("accessible_pmr"), row.label("statut", schema.LODGING_STATUS), record.ref)
        return Keyed(offer, normalize(name), "même nom", row)
    return validate_rows(reading, read)
