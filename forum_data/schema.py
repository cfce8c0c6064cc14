"""The workbook contract as data: tabs, columns, aliases and label synonyms (workbook.md).

Every slug and French label lives here, so that reading, metrics and pages never spell
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

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def normalize(text: str) -> str:
    """Lowercase, strip accents, fold every run of non-alphanumerics to one space, trim.

    >>> normalize("Porteur·se") , normalize("ÉCONOMIE  sociale-et-solidaire"), normalize("Œufs")
    ('porteur se', 'economie sociale et solidaire', 'oeufs')
    """
    decomposed = unicodedata.normalize("NFKD", str(text).lower().translate(_LIGATURES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", stripped).strip()


def slugify(text: str) -> str:
    """The slug of a header: ``normalize`` with underscores. ``"Date d'inscription"`` → ``date_d_inscription``."""
    return normalize(text).replace(" ", "_")


@dataclass(frozen=True)
class Column:
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    personal: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.header)

    def names(self) -> tuple[str, ...]:
        """Every normalised header that means this column."""
        return (normalize(self.header), *(normalize(a) for a in self.aliases))


@dataclass(frozen=True)
class Tab:
    slug: str
    title: str
    columns: tuple[Column, ...]

    def column(self, slug: str) -> Column:
        return next(c for c in self.columns if c.slug == slug)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def _c(header, *aliases, required=False, personal=False) -> Column:
    return Column(header, tuple(aliases), required, personal)


EMAIL = _c("Email", "e-mail", "courriel", "mail", "adresse mail", "adresse e-mail", "adresse électronique", personal=True)
PHONE = _c("Téléphone", "tél", "tel", "portable", "mobile", personal=True)

TABS: dict[str, Tab] = {t.slug: t for t in (
    Tab("collectif", "Collectif", (
        _c("Nom", "nom prénom", "prénom nom", "nom complet", "personne", "nom de famille", required=True),
        _c("Prénom"), EMAIL, PHONE,
        _c("Structure", "organisation", "association", "collectif"),
        _c("Ville", "commune"),
        _c("Date d'inscription", "date", "inscrit le", "date inscription", "horodateur"),
        _c("Rôles", "rôle", "roles", "missions", "mission"),
        _c("Statut", "état"),
    )),
    Tab("partenaires", "Partenaires", (
        _c("Structure", "nom", "partenaire", "organisation", required=True),
        _c("Type"),
        _c("Thèmes", "thème", "domaine"),
        _c("Apport", "apports", "contribution"),
        _c("Statut"),
        _c("Contact", personal=True),
    )),
    Tab("activites", "Activités", (
        _c("Titre", "titre de l'activité", "activité", "intitulé", required=True),
        _c("Porteur", "porteuse", "porteur·se", "porteur.euse", "proposé par", "porteur du projet"),
        _c("Thèmes", "thème", "thématique", "thématiques"),
        _c("Format", "type", "modalité"),
        _c("Durée", "durée (min)", "durée minutes"),
        _c("Participants attendus", "participants", "nombre de participants", "jauge"),
        _c("Jour souhaité", "jour"),
        _c("Besoins", "matériel", "besoins techniques"),
        _c("Statut"),
        _c("Date de proposition", "date"),
    )),
    Tab("salles", "Salles", (
        _c("Salle", "nom", "salle / espace", "espace", "lieu", required=True),
        _c("Bâtiment", "site"),
        _c("Capacité", "capacite", "jauge", "places", required=True),
        _c("Accessible PMR", "pmr", "accessible", "accessibilité"),
        _c("Équipements", "équipement", "matériel"),
        _c("Jours disponibles", "disponibilité", "jours"),
        _c("Réservable", "à réserver", "pour les séances"),
    )),
    Tab("planning", "Planning", (
        _c("Jour", "date", required=True),
        _c("Début", "heure", "heure de début", "debut", required=True),
        _c("Fin", "heure de fin"),
        _c("Salle", "espace", "lieu", required=True),
        _c("Activité", "titre", "session", required=True),
        _c("Participants attendus", "participants", "jauge"),
    )),
    Tab("participants", "Participants", (
        _c("Nom", "nom prénom", "prénom nom", "participant", "nom de famille", required=True),
        _c("Prénom"), EMAIL, PHONE,
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
    )),
    Tab("hebergements", "Hébergements", (
        _c("Nom", "hôte", "hébergeur", "lieu", required=True),
        _c("Type"),
        _c("Places", "couchages", "lits", "capacité", required=True),
        _c("Nuits", "disponibilité", "nuits disponibles"),
        _c("Quartier", "commune", "secteur"),
        _c("Adresse", personal=True), PHONE,
        _c("Prix par nuit", "prix", "tarif"),
        _c("Accessible PMR", "pmr", "accessible"),
        _c("Statut"),
        _c("Contact", personal=True),
    )),
    Tab("parametres", "Paramètres", (
        _c("Paramètre", required=True),
        _c("Valeur", required=True),
    )),
)}

SHEETS = tuple(TABS)


def _labels(spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Synonym → slug. Synonyms that normalise to nothing ("?", "-") are kept as typed."""
    out: dict[str, str] = {}
    for slug, synonyms in spec.items():
        for s in (slug, *synonyms):
            out[normalize(s) or s.strip()] = slug
    return out


@dataclass(frozen=True)
class Labels:
    """A closed list of labels: the slugs in display order, their synonyms and French names."""

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

PROPOSAL_STATUS = _labelset({
    "proposee": ("proposée", "proposé", "proposition", "nouvelle", "à étudier"),
    "retenue": ("retenu", "validée", "validé", "acceptée", "ok"),
    "programmee": ("programmée", "programmé", "planifiée", "au programme"),
    "annulee": ("annulée", "annulé", "abandonnée", "refusée", "retirée"),
}, {"proposee": "Proposée", "retenue": "Retenue", "programmee": "Programmée", "annulee": "Annulée"},
    blank="proposee", fallback="proposee")

MEMBER_STATUS = _labelset({
    "actif": ("active", "oui", "ok", "engagé", "engagée", "membre"),
    "interesse": ("intéressé", "intéressée", "peut-être", "à confirmer", "?"),
    "retire": ("retiré", "retirée", "non", "désisté", "désistée", "parti", "partie"),
}, {"actif": "Actif·ve", "interesse": "Intéressé·e", "retire": "Retiré·e"}, blank="actif", fallback="interesse")

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

PARTNER_STATUS = _labelset({
    "pressenti": ("à contacter", "idée"),
    "contacte": ("contacté", "en discussion", "relancé"),
    "confirme": ("confirmé", "partenaire", "ok", "oui", "signé"),
    "decline": ("décliné", "refus", "refusé", "non"),
}, {"pressenti": "Pressenti", "contacte": "Contacté", "confirme": "Confirmé", "decline": "Décliné"},
    blank="pressenti", fallback="pressenti")

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

REGISTRATION_STATUS = _labelset({
    "inscrit": ("inscrite", "confirmé", "ok"),
    "annule": ("annulé", "annulée", "désisté", "désistée", "absent"),
}, {"inscrit": "Inscrit·e", "annule": "Annulé·e"}, blank="inscrit", fallback="inscrit")

LODGING_TYPES = _labelset({
    "habitant": ("chez l'habitant", "hébergement solidaire", "particulier"),
    "auberge": ("auberge de jeunesse", "aj"),
    "camping": (),
    "hotel": ("hôtel", "chambre d'hôtes"),
    "residence": ("résidence", "résidence universitaire", "crous", "internat"),
    "autre": (),
}, {"habitant": "Chez l'habitant", "auberge": "Auberge de jeunesse", "camping": "Camping", "hotel": "Hôtel",
    "residence": "Résidence", "autre": "Autre"})

LODGING_STATUS = _labelset({
    "propose": ("proposé", "disponible", "libre", "ok"),
    "confirme": ("confirmé", "réservé pour le forum"),
    "complet": ("plein",),
    "retire": ("retiré", "indisponible", "annulé"),
}, {"propose": "Proposé", "confirme": "Confirmé", "complet": "Complet", "retire": "Retiré"},
    blank="propose", fallback=None)

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
