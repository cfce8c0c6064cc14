"""The workbook contract as data: tabs, columns, aliases and label synonyms (docs/classeur.md).

Every tab is declared once here: its columns (aliases, required, ``personal`` for values that
never leave the data layer, ``name`` for values that name a person), what one row is, the rule
that makes two rows the same entity, and the tabs it needs. Label sets are enums (``MemberStatus``)
so that code asks ``status is MemberStatus.ACTIF`` instead of spelling ``"actif"``; their slugs,
synonyms and French names are ``Labels``. Reading, validation, metrics and pages never spell
them out again.

>>> normalize("  Date d'inscription ")
'date d inscription'
>>> TABS["salles"].column("capacite").header
'Capacité'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Every ASCII byte but 0-9 and a-z → a space (a ``bytes.translate`` table).
_ALNUM_OR_SPACE = bytes(c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


class _Folded(dict):
    """A non-ASCII character → ASCII: its ligatures spelt out, NFKD, combining marks (accents) dropped,
    any other non-ASCII character a space (as every non-alphanumeric becomes); filled as they come.

    Character by character is exact: NFKD decomposes each character on its own, then only
    reorders combining marks, which are all dropped.
    """

    def __missing__(self, char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char.translate(_LIGATURES))
        folded = "".join(c if c.isascii() else " " for c in decomposed if not unicodedata.combining(c))
        if len(self) < 1 << 13:   # a hostile cell cannot grow it without bound
            self[char] = folded
        return folded


_FOLDED = _Folded()


def _fold(match: re.Match) -> str:
    return _FOLDED[match[0]]


def normalize(text: str) -> str:
    """Lowercase, strip accents, fold every run of non-alphanumerics to one space, trim.

    Only the non-ASCII characters are looked at one by one (a title has a few accents among
    sixty letters): ASCII has no accent, ligature nor compatibility form. Then one table maps
    every other byte than 0-9 and a-z to a space, and the words are joined by single spaces.

    >>> normalize("Porteur·se") , normalize("ÉCONOMIE  sociale-et-solidaire"), normalize("Œufs")
    ('porteur se', 'economie sociale et solidaire', 'oeufs')
    """
    lowered = str(text).lower()
    if not lowered.isascii():
        lowered = _NON_ASCII.sub(_fold, lowered)
    return " ".join(lowered.encode("ascii").translate(_ALNUM_OR_SPACE).decode("ascii").split())


def slugify(text: str) -> str:
    """The slug of a header: ``normalize`` with underscores. ``"Date d'inscription"`` → ``date_d_inscription``."""
    return normalize(text).replace(" ", "_")


@dataclass(frozen=True)
class Column:
    """One column: its contract header, aliases, and what its values are.

    ``personal``: e-mail, phone, address, contact, allergy text — used for matching and counting
    only, never shown, exported, logged or stored. ``name``: the value names a person (shown
    only to roles that may see names; pseudonymised in snapshots).
    """

    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    personal: bool = False
    name: bool = False

    @cached_property
    def slug(self) -> str:
        return slugify(self.header)

    def names(self) -> tuple[str, ...]:
        """Every normalised header that means this column."""
        return (normalize(self.header), *(normalize(a) for a in self.aliases))


@dataclass(frozen=True)
class Tab:
    """One tab of the workbook.

    ``row`` says what one row is (« une ligne par salle ») and ``essentials`` which columns to
    name when asking for rows; ``same`` is the rule that makes two rows one entity (None: rows
    are never duplicates); ``needs`` lists the tabs its validation reads (a planning names rooms
    and activities).
    """

    slug: str
    title: str
    columns: tuple[Column, ...]
    row: str = ""
    essentials: tuple[str, ...] = ()
    same: str | None = None
    needs: tuple[str, ...] = ()

    def column(self, slug: str) -> Column:
        """The column of this slug (``KeyError`` if none): one dict look-up, built once per tab."""
        return self._by_slug[slug]

    @cached_property
    def _by_slug(self) -> dict[str, Column]:
        by_slug: dict[str, Column] = {}
        for column in self.columns:
            by_slug.setdefault(column.slug, column)  # the first wins, as the former linear search did
        return by_slug

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def name_columns(self) -> frozenset[str]:
        """Slugs of the columns whose values name a person."""
        return frozenset(c.slug for c in self.columns if c.name)

    @property
    def fill_in(self) -> str:
        """What to fill in: « une ligne par salle (Salle, Capacité, Accessible PMR, Équipements) »."""
        headers = ", ".join(self.column(slug).header for slug in self.essentials)
        return f"{self.row} ({headers})" if headers else self.row


def _c(header, *aliases, required=False, personal=False, name=False) -> Column:
    return Column(header, tuple(aliases), required, personal, name)


EMAIL = _c("Email", "e-mail", "courriel", "mail", "adresse mail", "adresse e-mail", "adresse électronique", personal=True)
PHONE = _c("Téléphone", "tél", "tel", "portable", "mobile", personal=True)

TABS: dict[str, Tab] = {t.slug: t for t in (
    Tab("collectif", "Collectif", (
        _c("Nom", "nom prénom", "prénom nom", "nom complet", "personne", "nom de famille", required=True, name=True),
        _c("Prénom", name=True), EMAIL, PHONE,
        _c("Structure", "organisation", "association", "collectif"),
        _c("Ville", "commune"),
        _c("Date d'inscription", "date", "inscrit le", "date inscription", "horodateur"),
        _c("Rôles", "rôle", "roles", "missions", "mission"),
        _c("Statut", "état"),
    ), row="une ligne par membre du collectif", essentials=("nom", "date_d_inscription", "roles", "statut"),
        same="même e-mail ou, sans e-mail, même nom"),
    Tab("partenaires", "Partenaires", (
        _c("Structure", "nom", "partenaire", "organisation", required=True),
        _c("Type"),
        _c("Thèmes", "thème", "domaine"),
        _c("Apport", "apports", "contribution"),
        _c("Statut"),
        _c("Contact", personal=True),
    ), row="une ligne par structure partenaire", essentials=("structure", "type", "statut"), same="même structure"),
    Tab("activites", "Activités", (
        _c("Titre", "titre de l'activité", "activité", "intitulé", required=True),
        _c("Porteur", "porteuse", "porteur·se", "porteur.euse", "proposé par", "porteur du projet", name=True),
        _c("Thèmes", "thème", "thématique", "thématiques"),
        _c("Format", "type", "modalité"),
        _c("Durée", "durée (min)", "durée minutes"),
        _c("Participants attendus", "participants", "nombre de participants", "jauge"),
        _c("Jour souhaité", "jour"),
        _c("Besoins", "matériel", "besoins techniques"),
        _c("Statut"),
        _c("Date de proposition", "date"),
    ), row="une ligne par proposition d'activité", essentials=("titre", "porteur", "themes", "format", "statut"),
        same="même titre et même porteur"),
    Tab("salles", "Salles", (
        _c("Salle", "nom", "salle / espace", "espace", "lieu", required=True),
        _c("Bâtiment", "site"),
        _c("Capacité", "capacite", "jauge", "places", required=True),
        _c("Accessible PMR", "pmr", "accessible", "accessibilité"),
        _c("Équipements", "équipement", "matériel"),
        _c("Jours disponibles", "disponibilité", "jours"),
        _c("Réservable", "à réserver", "pour les séances"),
    ), row="une ligne par salle", essentials=("salle", "capacite", "accessible_pmr", "equipements"), same="même salle"),
    Tab("planning", "Planning", (
        _c("Jour", "date", required=True),
        _c("Début", "heure", "heure de début", "debut", required=True),
        _c("Fin", "heure de fin"),
        _c("Salle", "espace", "lieu", required=True),
        _c("Activité", "titre", "session", required=True),
        _c("Participants attendus", "participants", "jauge"),
    ), row="une ligne par séance",
        essentials=("jour", "debut", "fin", "salle", "activite", "participants_attendus"), needs=("salles", "activites")),
    Tab("participants", "Participants", (
        _c("Nom", "nom prénom", "prénom nom", "participant", "nom de famille", required=True, name=True),
        _c("Prénom", name=True), EMAIL, PHONE,
        _c("Structure", "organisation"),
        _c("Profil", "catégorie", "qualité"),
        _c("Jours", "jours de présence", "présence"),
        _c("Repas", "repas pris", "buffet"),
        _c("Régime", "régime alimentaire", "alimentation"),
        _c("Allergies", "allergie", "allergies alimentaires", personal=True),
        _c("Hébergement", "besoin d'hébergement", "besoin hébergement", "logement"),
        _c("Nuits", "nuits d'hébergement"),
        _c("PMR", "mobilité réduite", "accessibilité"),
        _c("Statut"),
        _c("Date d'inscription", "date", "horodateur"),
    ), row="une ligne par inscription", essentials=("nom", "jours", "repas", "regime", "hebergement", "nuits"),
        same="même e-mail ou, sans e-mail, même nom"),
    Tab("hebergements", "Hébergements", (
        _c("Nom", "hôte", "hébergeur", "lieu", required=True, name=True),
        _c("Type"),
        _c("Places", "couchages", "lits", "capacité", required=True),
        _c("Nuits", "disponibilité", "nuits disponibles"),
        _c("Quartier", "commune", "secteur"),
        _c("Adresse", personal=True), PHONE,
        _c("Prix par nuit", "prix", "tarif"),
        _c("Accessible PMR", "pmr", "accessible"),
        _c("Statut"),
        _c("Contact", personal=True),
    ), row="une ligne par offre", essentials=("nom", "type", "places", "nuits", "statut"), same="même nom"),
    Tab("parametres", "Paramètres", (
        _c("Paramètre", required=True),
        _c("Valeur", required=True),
    ), row="une ligne par paramètre", essentials=("parametre", "valeur"), same="même paramètre"),
)}

SHEETS = tuple(TABS)


def _labels(spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Synonym → slug. Synonyms that normalise to nothing ("?", "-") are kept as typed."""
    out: dict[str, str] = {}
    for slug, synonyms in spec.items():
        for s in (slug, *synonyms):
            out[normalize(s) or s.strip()] = slug
    return out


@dataclass(frozen=True, eq=False)
class Labels:
    """A closed list of labels: the slugs in display order, their synonyms and French names.

    Compared and hashed by identity (each set is declared once, here): a reader's options may hold one.
    """

    slugs: tuple[str, ...]
    synonyms: dict[str, str]
    names: dict[str, str]
    blank: str | None = None       # the slug a blank cell means (None: no value)
    fallback: str | None = "autre"  # the slug an unknown value means (None: no value)

    def match(self, text: str) -> str | None:
        """The slug of ``text``, or None if unknown. A blank cell gives ``blank``."""
        raw = text.strip()
        if not raw:
            return self.blank
        key = normalize(raw) or raw
        return self.synonyms.get(key)


def _labelset(spec, names, blank=None, fallback="autre") -> Labels:
    return Labels(tuple(spec), _labels(spec), names, blank, fallback)


class MemberStatus(StrEnum):
    """Statut of a Collectif row."""

    ACTIF = "actif"
    INTERESSE = "interesse"
    RETIRE = "retire"


class PartnerStatus(StrEnum):
    PRESSENTI = "pressenti"
    CONTACTE = "contacte"
    CONFIRME = "confirme"
    DECLINE = "decline"


class ProposalStatus(StrEnum):
    """Statut of an Activités row: a proposal is live unless cancelled, retained once retenue or programmée."""

    PROPOSEE = "proposee"
    RETENUE = "retenue"
    PROGRAMMEE = "programmee"
    ANNULEE = "annulee"


class RegistrationStatus(StrEnum):
    INSCRIT = "inscrit"
    ANNULE = "annule"


class LodgingStatus(StrEnum):
    """Statut of an Hébergements row: its places count while it is proposed or confirmed."""

    PROPOSE = "propose"
    CONFIRME = "confirme"
    COMPLET = "complet"
    RETIRE = "retire"


def _statuses(enum: type[StrEnum], synonyms: dict[str, tuple[str, ...]]) -> dict[StrEnum, tuple[str, ...]]:
    """The synonyms of each member of ``enum``, in the enum's order (every member listed once)."""
    if set(synonyms) != {m.value for m in enum}:
        raise ValueError(f"{enum.__name__}: synonyms for {sorted(synonyms)}")
    return {member: synonyms[member.value] for member in enum}


THEMES = _labelset({
    "culture": ("culturel", "culturelle", "art", "arts", "patrimoine"),
    "ess": ("économie sociale et solidaire", "économie sociale", "économie solidaire"),
    "transitions": ("transition", "transition écologique", "transitions écologiques", "écologie", "environnement"),
    "participation": ("participation citoyenne", "démocratie", "démocratie participative", "citoyenneté"),
    "numerique": ("numérique", "digital", "médiation numérique", "internet"),
    "autre": ("autres", "divers"),
}, {"culture": "Culture", "ess": "ESS", "transitions": "Transitions", "participation": "Participation",
    "numerique": "Numérique", "autre": "Autre"})

FORMATS = _labelset({
    "forum_ouvert": ("forum ouvert", "open space", "forum"),
    "conference": ("conférence", "keynote", "plénière"),
    "atelier": ("ateliers", "workshop"),
    "table_ronde": ("table ronde", "table-ronde", "débat"),
    "autre": (),
}, {"forum_ouvert": "Forum ouvert", "conference": "Conférence", "atelier": "Atelier",
    "table_ronde": "Table ronde", "autre": "Autre"})

PROPOSAL_STATUS = _labelset(_statuses(ProposalStatus, {
    "proposee": ("proposée", "proposé", "proposition", "nouvelle", "à étudier"),
    "retenue": ("retenu", "validée", "validé", "acceptée", "ok"),
    "programmee": ("programmée", "programmé", "planifiée", "au programme"),
    "annulee": ("annulée", "annulé", "abandonnée", "refusée", "retirée"),
}), {"proposee": "Proposée", "retenue": "Retenue", "programmee": "Programmée", "annulee": "Annulée"},
    blank=ProposalStatus.PROPOSEE, fallback=ProposalStatus.PROPOSEE)

MEMBER_STATUS = _labelset(_statuses(MemberStatus, {
    "actif": ("active", "oui", "ok", "engagé", "engagée", "membre"),
    "interesse": ("intéressé", "intéressée", "peut-être", "à confirmer", "?"),
    "retire": ("retiré", "retirée", "non", "désisté", "désistée", "parti", "partie"),
}), {"actif": "Actif·ve", "interesse": "Intéressé·e", "retire": "Retiré·e"}, blank=MemberStatus.ACTIF, fallback=MemberStatus.INTERESSE)

ROLES = _labelset({
    "logistique": (), "communication": (), "animation": (), "accueil": (), "hebergement": ("hébergement",),
    "partenariats": ("partenariat",), "programmation": (), "documentation": (), "autre": (),
}, {"logistique": "Logistique", "communication": "Communication", "animation": "Animation", "accueil": "Accueil",
    "hebergement": "Hébergement", "partenariats": "Partenariats", "programmation": "Programmation",
    "documentation": "Documentation", "autre": "Autre"})

PARTNER_TYPES = _labelset({
    "association": (), "collectivite": ("collectivité",), "entreprise": (), "universite": ("université",),
    "reseau": ("réseau",), "media": ("média",), "autre": (),
}, {"association": "Association", "collectivite": "Collectivité", "entreprise": "Entreprise",
    "universite": "Université", "reseau": "Réseau", "media": "Média", "autre": "Autre"})

PARTNER_STATUS = _labelset(_statuses(PartnerStatus, {
    "pressenti": ("à contacter", "idée"),
    "contacte": ("contacté", "en discussion", "relancé"),
    "confirme": ("confirmé", "partenaire", "ok", "oui", "signé"),
    "decline": ("décliné", "refus", "refusé", "non"),
}), {"pressenti": "Pressenti", "contacte": "Contacté", "confirme": "Confirmé", "decline": "Décliné"},
    blank=PartnerStatus.PRESSENTI, fallback=PartnerStatus.PRESSENTI)

CONTRIBUTIONS = _labelset({
    "salle": (), "communication": (), "intervenant": (), "financement": (), "materiel": ("matériel",),
    "benevoles": ("bénévoles", "bénévole", "benevole"), "autre": (),
}, {"salle": "Salle", "communication": "Communication", "intervenant": "Intervenant·e",
    "financement": "Financement", "materiel": "Matériel", "benevoles": "Bénévoles", "autre": "Autre"})

PROFILES = _labelset({
    "participant": ("participante",),
    "intervenant": ("intervenante", "conférencier", "conférencière", "speaker"),
    "benevole": ("bénévole", "collectif", "organisation", "orga"),
    "ville": ("agent", "élu", "élue", "ville de brest"),
}, {"participant": "Participant·e", "intervenant": "Intervenant·e", "benevole": "Bénévole", "ville": "Ville"},
    blank="participant", fallback="participant")

DIETS = _labelset({
    "omnivore": ("aucun", "non", "rien", "normal", "standard", "-"),
    "vegetarien": ("végétarien", "végétarienne", "veggie", "végé"),
    "vegan": ("végan", "végétalien", "végétalienne"),
    "sans_gluten": ("sans gluten", "gluten"),
    "sans_porc": ("sans porc", "pas de porc"),
    "halal": (),
    "autre": (),
}, {"omnivore": "Omnivore", "vegetarien": "Végétarien", "vegan": "Végan", "sans_gluten": "Sans gluten",
    "sans_porc": "Sans porc", "halal": "Halal", "autre": "Autre"}, blank="omnivore")

REGISTRATION_STATUS = _labelset(_statuses(RegistrationStatus, {
    "inscrit": ("inscrite", "confirmé", "ok"),
    "annule": ("annulé", "annulée", "désisté", "désistée", "absent"),
}), {"inscrit": "Inscrit·e", "annule": "Annulé·e"}, blank=RegistrationStatus.INSCRIT, fallback=RegistrationStatus.INSCRIT)

LODGING_TYPES = _labelset({
    "habitant": ("chez l'habitant", "hébergement solidaire", "particulier"),
    "auberge": ("auberge de jeunesse", "aj"),
    "camping": (),
    "hotel": ("hôtel", "chambre d'hôtes"),
    "residence": ("résidence", "résidence universitaire", "crous", "internat"),
    "autre": (),
}, {"habitant": "Chez l'habitant", "auberge": "Auberge de jeunesse", "camping": "Camping", "hotel": "Hôtel",
    "residence": "Résidence", "autre": "Autre"})

LODGING_STATUS = _labelset(_statuses(LodgingStatus, {
    "propose": ("proposé", "disponible", "libre", "ok"),
    "confirme": ("confirmé", "réservé pour le forum"),
    "complet": ("plein",),
    "retire": ("retiré", "indisponible", "annulé"),
}), {"propose": "Proposé", "confirme": "Confirmé", "complet": "Complet", "retire": "Retiré"},
    blank=LodgingStatus.PROPOSE, fallback=None)

# The allergen groups of EU regulation 1169/2011, with the words that reveal them in free text.
ALLERGENS: dict[str, tuple[str, ...]] = {
    "gluten": ("gluten", "ble", "seigle", "orge", "avoine", "epeautre", "kamut", "celiaque", "coeliaque"),
    "crustaces": ("crustace", "crevette", "crabe", "homard", "langoustine", "langouste", "ecrevisse"),
    "oeufs": ("oeuf",),
    "poissons": ("poisson", "thon", "saumon", "cabillaud", "sardine", "anchois"),
    "arachides": ("arachide", "cacahuete", "cacahouete"),
    "soja": ("soja", "soya"),
    "lait": ("lait", "lactose", "laitier", "laitiere", "fromage", "beurre", "creme", "caseine"),
    "fruits_a_coque": ("fruits a coque", "fruit a coque", "noix", "noisette", "amande", "cajou", "pistache",
                       "noix de pecan", "macadamia"),
    "celeri": ("celeri",),
    "moutarde": ("moutarde",),
    "sesame": ("sesame",),
    "sulfites": ("sulfite", "soufre"),
    "lupin": ("lupin",),
    "mollusques": ("mollusque", "moule", "huitre", "calamar", "poulpe", "seiche", "bulot", "coquille saint jacques",
                   "escargot"),
}
ALLERGEN_NAMES = {"gluten": "Gluten", "crustaces": "Crustacés", "oeufs": "Œufs", "poissons": "Poissons",
                  "arachides": "Arachides", "soja": "Soja", "lait": "Lait", "fruits_a_coque": "Fruits à coque",
                  "celeri": "Céleri", "moutarde": "Moutarde", "sesame": "Sésame", "sulfites": "Sulfites",
                  "lupin": "Lupin", "mollusques": "Mollusques", "autre": "Autre"}
NO_ALLERGY = {"", "non", "aucune", "aucun", "neant", "rien", "ras", "sans", "pas d allergie", "pas d allergies"}
