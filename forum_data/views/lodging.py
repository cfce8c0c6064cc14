"""The lodging page: one sentence per night, the offers by type and price, the offers table.

>>> from datetime import date
>>> from forum_data.metrics import NightLodging
>>> night_sentence(date(2024, 7, 2), NightLodging(26, 3, 23, 1, 21, 0.808))
'Nuit du 2 au 3 juillet : 5 places manquent, dont 2 accessibles.'
>>> night_sentence(date(2024, 7, 2), NightLodging(25, 2, 29, 3, 25, 1.0))
'Nuit du 2 au 3 juillet : tout le monde est logé (25 besoins, 29 places).'
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from forum_data import fr, schema
from forum_data.metrics import NightLodging
from forum_data.model import Offer
from forum_data.privacy import Role

OFFER_HEADERS = ["Type", "Quartier", "Places", "Nuits", "Prix par nuit", "PMR", "Statut"]
HOST_HEADER = "Hébergeur"


def night_sentence(night: date, lodging: NightLodging) -> str:
    """What is still missing that night, in one French sentence."""
    label = fr.night(night)
    label = label[:1].upper() + label[1:]
    if lodging.need == 0:
        return f"{label} : aucun besoin d'hébergement pour l'instant ({fr.plural(lodging.offered, 'place proposée', 'places proposées')})."
    if lodging.missing <= 0:
        return (f"{label} : tout le monde est logé ({fr.plural(lodging.need, 'besoin')}, "
                f"{fr.plural(lodging.offered, 'place')}).")
    verb = "manque" if lodging.missing < 2 else "manquent"
    if lodging.missing_pmr == lodging.missing:
        return f"{label} : {fr.plural(lodging.missing, 'place accessible', 'places accessibles')} {verb}."
    pmr = f", dont {fr.plural(lodging.missing_pmr, 'accessible')}" if lodging.missing_pmr else ""
    return f"{label} : {fr.plural(lodging.missing, 'place')} {verb}{pmr}."


def night_sentences(nights: dict[date, NightLodging]) -> list[tuple[bool, str]]:
    """(everyone housed?, sentence) per night, in night order."""
    return [(lodging.missing <= 0, night_sentence(night, lodging)) for night, lodging in sorted(nights.items())]


NIGHT_HEADERS = ["Nuit", "Besoins", "Places proposées", "Personnes logées", "Besoins accessibles (PMR)",
                 "Places accessibles"]


def nights_table(nights: dict[date, NightLodging]) -> pd.DataFrame:
    """One row per night: the figures of the two night charts, as the table the page opens on.

    >>> from forum_data.metrics import NightLodging
    >>> nights_table({date(2024, 7, 2): NightLodging(25, 2, 29, 3, 25, 1.0)}).to_dict("records")
    [{'Nuit': 'Nuit du 2 au 3 juillet', 'Besoins': 25, 'Places proposées': 29, 'Personnes logées': 25, 'Besoins accessibles (PMR)': 2, 'Places accessibles': 3}]
    """
    records = []
    for night, lodging in sorted(nights.items()):
        label = fr.night(night)
        records.append(dict(zip(NIGHT_HEADERS, (label[:1].upper() + label[1:], lodging.need, lodging.offered,
                                                lodging.covered, lodging.need_pmr, lodging.offered_pmr))))
    return pd.DataFrame(records, columns=NIGHT_HEADERS)


def nights_text(nights: tuple[date, ...], all_nights: tuple[date, ...]) -> str:
    """« nuit du 2 au 3 juillet », « les deux nuits », or each night joined by « ; »."""
    if len(nights) > 1 and set(nights) >= set(all_nights):
        return "les deux nuits" if len(all_nights) == 2 else f"les {len(all_nights)} nuits"
    return " ; ".join(fr.night(n) for n in sorted(nights)) or "aucune nuit du forum"


def price_text(price: Decimal | None) -> str:
    """``0`` → « gratuit », ``24.5`` → « 24,50 € », None → « »."""
    if price is None:
        return ""
    if price == 0:
        return "gratuit"
    decimals = 0 if price == price.to_integral_value() else 2
    return f"{fr.number(price, decimals)}\u00a0€"


def _status_text(status: str | None) -> str:
    return schema.LODGING_STATUS.names.get(status, "Statut inconnu") if status else "Statut inconnu"


def offers_table(offers: tuple[Offer, ...], role: Role, all_nights: tuple[date, ...], *, counted: bool = True) -> pd.DataFrame:
    """The offers whose places count (``counted``) or the others (complet, retiré, unknown status).

    Columns: Type, Quartier, Places, Nuits, Prix par nuit, PMR, Statut — with the host's name
    (Hébergeur) first only for a role that may see names. Never an address or a phone.
    """
    type_order = {slug: i for i, slug in enumerate(schema.LODGING_TYPES.slugs)}
    chosen = sorted((o for o in offers if o.counts == counted),
                    key=lambda o: (type_order.get(o.type, 99), o.price if o.price is not None else Decimal(-1), o.district))
    frame = pd.DataFrame({
        "Type": [schema.LODGING_TYPES.names.get(o.type, o.type) for o in chosen],
        "Quartier": [o.district for o in chosen],
        "Places": pd.array([o.places for o in chosen], dtype="int64"),
        "Nuits": [nights_text(o.nights, all_nights) for o in chosen],
        "Prix par nuit": [price_text(o.price) for o in chosen],
        "PMR": ["oui" if o.accessible else "non" for o in chosen],
        "Statut": [_status_text(o.status) for o in chosen],
    }, columns=OFFER_HEADERS)
    if role.names:
        frame.insert(0, HOST_HEADER, [o.name for o in chosen])
    return frame


def _price_range(prices: list[Decimal]) -> str:
    if not prices:
        return "non renseigné"
    low, high = min(prices), max(prices)
    if low == high:
        return price_text(low)
    if low == 0:
        return f"gratuit à {price_text(high)}"
    return f"de {price_text(low)} à {price_text(high)}"


def types_table(offers: tuple[Offer, ...]) -> pd.DataFrame:
    """Per lodging type with counted offers: Type, Offres, Places, Places accessibles, Prix par nuit (range)."""
    records = []
    for slug in schema.LODGING_TYPES.slugs:
        chosen = [o for o in offers if o.counts and o.type == slug]
        if not chosen:
            continue
        records.append({
            "Type": schema.LODGING_TYPES.names[slug],
            "Offres": len(chosen),
            "Places": sum(o.places for o in chosen),
            "Places accessibles": sum(o.places for o in chosen if o.accessible),
            "Prix par nuit": _price_range([o.price for o in chosen if o.price is not None]),
        })
    return pd.DataFrame(records, columns=["Type", "Offres", "Places", "Places accessibles", "Prix par nuit"])


def set_aside_label(offers: tuple[Offer, ...]) -> str | None:
    """« Offres non comptées : 2 offres, 5 places (complet, retiré ou statut inconnu) », or None."""
    aside = [o for o in offers if not o.counts]
    if not aside:
        return None
    places = sum(o.places for o in aside)
    return (f"Offres non comptées : {fr.plural(len(aside), 'offre')}, {fr.plural(places, 'place')} "
            "(complet, retiré ou statut inconnu)")
