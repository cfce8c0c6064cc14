"""« Qui loger où »: the lodging plan as sentences, tables and files, per role.

The committee sees each offer with its guests night by night, the guests left without a place
with their reason, and downloads them; volunteers (and the public) the same counts without any
name (an offer's name is its host's); the city does not see the plan.

>>> from forum_data.forum import load_forum
>>> from forum_data.plans.lodging import plan_lodging
>>> plan = plan_lodging(load_forum().tables)
>>> summary_sentence(plan)
'25 personnes logées sur 30 sans changer de lieu entre deux nuits (2 PMR sur 3), soit 42 nuitées dont 24 dans des offres confirmées.'
>>> print(bound_sentence(plan))
Sans changer de lieu entre deux nuits, le plan loge moins de personnes que le décompte nuit par nuit : 21 au lieu de 25 la nuit du 2 au 3 juillet, 21 au lieu de 23 la nuit du 3 au 4 juillet. Les autres ne trouvent pas une même offre libre toutes leurs nuits (voir « Sans place »).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from forum_data import exports, fr, schema
from forum_data.plans.lodging import LodgingPlan
from forum_data.privacy import Role
from forum_data.views.lodging import nights_text

REASONS = {
    "no_accessible_offer": "Aucune offre accessible (PMR) disponible toutes ses nuits",
    "no_offer_all_nights": "Aucune offre disponible toutes ses nuits",
    "full": "Offres complètes",
}
OFFER = "Offre"
WITHOUT_PLACE = "Sans place"


def audience(role: Role) -> str | None:
    """``names`` for a role that sees names, ``counts`` for the others, None for the city (no plan at all)."""
    if role.slug == "ville":
        return None
    return "names" if role.names else "counts"


def night_header(night: date) -> str:
    """« Nuit du 2 au 3 juillet »."""
    text = fr.night(night)
    return text[:1].upper() + text[1:]


def summary_sentence(plan: LodgingPlan) -> str:
    """Who the plan lodges, in one sentence."""
    o = plan.objective
    if not plan.guests:
        return "Personne n'a besoin d'un hébergement pour l'instant : il n'y a rien à répartir."
    pmr = sum(1 for g in plan.guests if g.pmr)
    pmr_text = f" ({o.pmr_placed} PMR sur {pmr})" if pmr else ""
    guests = fr.plural(o.guests_placed, "personne logée", "personnes logées")
    return (f"{guests} sur {fr.number(len(plan.guests))} sans changer de lieu entre deux nuits{pmr_text}, soit "
            f"{fr.plural(o.guest_nights, 'nuitée')} dont {fr.number(o.confirmed_guest_nights)} dans des offres "
            "confirmées.")


def status_sentence(plan: LodgingPlan) -> str:
    """Whether the plan is proven the best, and how long the solver took."""
    took = fr.seconds(round(plan.seconds, 2) or 0.01)
    if plan.optimal:
        return (f"Plan optimal, calculé en {took} : aucune répartition ne loge plus de personnes PMR, puis plus de "
                "nuitées, puis plus de nuitées dans des offres confirmées.")
    return (f"Le calcul a été arrêté au bout de {took} : c'est la meilleure répartition trouvée, "
            "sans preuve qu'il n'y en a pas de meilleure.")


def bound_sentence(plan: LodgingPlan) -> str | None:
    """What the no-split rule costs against the night-by-night count, in words; None when it costs nothing."""
    short = [(night, plan.lodged_on(night), plan.per_night_bound.get(night, 0)) for night in plan.nights]
    short = [(night, lodged, bound) for night, lodged, bound in short if lodged < bound]
    if not short:
        return None
    each = ", ".join(f"{fr.number(lodged)} au lieu de {fr.number(bound)} la {fr.night(night)}"
                     for night, lodged, bound in short)
    return (f"Sans changer de lieu entre deux nuits, le plan loge moins de personnes que le décompte nuit par nuit : "
            f"{each}. Les autres ne trouvent pas une même offre libre toutes leurs nuits (voir « Sans place »).")


def offers_frame(plan: LodgingPlan, names: bool) -> pd.DataFrame:
    """One row per counted offer; per night « 2/3 » (guests placed / places), « — » when it is not available.

    Only with ``names`` is the offer's name (its host's) the first column.
    """
    records = []
    for use in plan.offers:
        record = {OFFER: use.offer.name} if names else {}
        record |= {"Type": schema.LODGING_TYPES.names.get(use.offer.type, use.offer.type),
                   "Statut": schema.LODGING_STATUS.names.get(use.offer.status, ""),
                   "PMR": "oui" if use.offer.accessible else "non",
                   "Places": use.offer.places}
        for night in plan.nights:
            count = use.guests_by_night.get(night)
            record[night_header(night)] = "—" if count is None else f"{count}/{use.offer.places}"
        records.append(record)
    columns = ([OFFER] if names else []) + ["Type", "Statut", "PMR", "Places"] + [night_header(n) for n in plan.nights]
    return pd.DataFrame(records, columns=columns)


def guests_frame(plan: LodgingPlan) -> pd.DataFrame:
    """The committee's plan, offer by offer: Offre, Personne, then ✓ on each night of the stay."""
    frame = pd.DataFrame({OFFER: [s.offer.name for s in plan.placed], "Personne": [s.guest.name for s in plan.placed]},
                         columns=[OFFER, "Personne"])
    for night in plan.nights:
        frame[night_header(night)] = ["✓" if night in s.guest.nights else "" for s in plan.placed]
    return frame


def unplaced_frame(plan: LodgingPlan) -> pd.DataFrame:
    """The committee's list of guests left without a place: Personne, Nuits, Raison."""
    return pd.DataFrame({
        "Personne": [u.guest.name for u in plan.unplaced],
        "Nuits": [nights_text(u.guest.nights, plan.nights) for u in plan.unplaced],
        "Raison": [u.message for u in plan.unplaced],
    }, columns=["Personne", "Nuits", "Raison"])


def reasons_frame(plan: LodgingPlan) -> pd.DataFrame:
    """Guests left without a place, counted by reason (no name): Raison, Personnes, dont PMR."""
    records = []
    for code, label in REASONS.items():
        chosen = [u for u in plan.unplaced if u.code == code]
        if chosen:
            records.append({"Raison": label, "Personnes": len(chosen), "dont PMR": sum(1 for u in chosen if u.guest.pmr)})
    return pd.DataFrame(records, columns=["Raison", "Personnes", "dont PMR"])


def plan_rows(plan: LodgingPlan) -> pd.DataFrame:
    """The file to hand out: Offre, Type, Personne, Nuits — the guests without a place last (« Sans place »).

    Names only: the offer's and the guest's, as written in the workbook; never an e-mail, phone or address.
    """
    rows = [(s.offer.name, schema.LODGING_TYPES.names.get(s.offer.type, s.offer.type), s.guest.name, s.guest.nights)
            for s in plan.placed]
    rows += [(WITHOUT_PLACE, "", u.guest.name, u.guest.nights) for u in plan.unplaced]
    return pd.DataFrame({
        OFFER: [r[0] for r in rows], "Type": [r[1] for r in rows], "Personne": [r[2] for r in rows],
        "Nuits": [" ; ".join(fr.night(n) for n in r[3]) for r in rows],
    }, columns=[OFFER, "Type", "Personne", "Nuits"])


def plan_downloads(plan: LodgingPlan, year: int) -> list[exports.Download]:
    """The committee's files: the plan as XLSX and as CSV for French Excel."""
    rows = plan_rows(plan)
    stem = f"forum-{year}-plan-hebergement"
    return [
        exports.Download("Plan d'hébergement (Excel)", exports.xlsx_bytes({"Plan d'hébergement": rows}),
                         f"{stem}.xlsx", exports.XLSX_MIME, "Une ligne par personne : offre, type, nom, nuits."),
        exports.Download("Plan d'hébergement (CSV)", exports.csv_bytes(rows), f"{stem}.csv", exports.CSV_MIME,
                         "Pour Excel en français : séparateur point-virgule."),
    ]


# ---------------------------------------------------------------- the terminal


def _table(frame: pd.DataFrame) -> list[str]:
    """A frame as aligned text columns (the last one free)."""
    cells = [[str(c) for c in frame.columns]] + [[str(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(frame.columns))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1] for row in cells]


def plan_text(plan: LodgingPlan) -> str:
    """The plan for the terminal, in French: summary, nights, offers, guests, guests without a place."""
    lines = ["Plan d'hébergement", "", summary_sentence(plan), status_sentence(plan)]
    lines += [sentence for sentence in [bound_sentence(plan)] if sentence]
    if plan.offers:
        lines += ["", "Offres (personnes logées / places, chaque nuit)"]
        lines += _table(offers_frame(plan, names=False).assign(**{OFFER: [u.offer.name for u in plan.offers]})
                        [[OFFER, "Type", "Statut", "PMR", "Places"] + [night_header(n) for n in plan.nights]])
    if plan.placed:
        lines += ["", "Qui loger où"]
        lines += _table(pd.DataFrame({"Personne": [s.guest.name for s in plan.placed],
                                      OFFER: [s.offer.name for s in plan.placed],
                                      "Nuits": [nights_text(s.guest.nights, plan.nights) for s in plan.placed]}))
    if plan.unplaced:
        lines += ["", f"Sans place ({fr.number(len(plan.unplaced))})"]
        for u in plan.unplaced:
            lines.append(f"- {u.guest.name} ({nights_text(u.guest.nights, plan.nights)}) : {u.message}")
    return "\n".join(lines)
