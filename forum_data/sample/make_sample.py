"""Generate the bundled sample workbook of the 2024 forum (one UTF-8 CSV file per tab).

Everything here is fictional: people, e-mails (@example.org only), phone numbers (the
ranges ARCEP reserves for fiction: 01 99 00 xx xx, 06 39 98 xx xx), addresses. The small
tabs are written by hand below; the ~150 registrations are drawn from hand-written name
lists with ``random.Random(2024)``, so the output is the same on every run.

The data deliberately mixes the French input styles the workbook contract accepts, and
holds a dozen typical volunteer mistakes (listed in README.md) for the data-quality view.

Usage (from the repository root)::

    python forum_data/sample/make_sample.py            # (re)write the CSV files
    python forum_data/sample/make_sample.py --check    # re-read them and print the figures

``--check`` re-reads the CSV text with Python's csv module and a deliberately small,
independent reading of the contract (only what this sample uses), so that the figures in
README.md can be audited without the application.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2024

# --------------------------------------------------------------------------------------
# Hand-written tabs
# --------------------------------------------------------------------------------------

COLLECTIF_HEADER = ["Nom", "Prénom", "Email", "Téléphone", "Structure", "Ville",
                    "Date d'inscription", "Rôles", "Statut", "Remarques"]
# "Remarques" is a stray extra column a volunteer added: the contract ignores it.
# Rows 6 and 23 are the same person (same e-mail, different case).
COLLECTIF = [
    ["Le Bihan", "Morgane", "morgane.lebihan@example.org", "06 39 98 10 21", "Tiers-lieu La Fabrique du Port", "Brest", "05/02/2024", "logistique, accueil", "actif", "a lancé le pad"],
    ["Cadiou", "Erwan", "erwan.cadiou@example.org", "06 39 98 10 22", "Collectif Low-tech Finistère", "Plouzané", "2024-02-06", "animation", "actif", ""],
    ["Le Goff", "Soazig", "soazig.legoff@example.org", "01 99 00 10 23", "Ville de Brest", "Brest", "06/02/2024 14:12:55", "partenariats, communication", "", "référente ville"],
    ["Le Floc'h", "Yann", "yann.lefloch@example.org", "06 39 98 10 24", "Ti Numérik", "Brest", "7 février", "programmation, animation", "ok", ""],
    ["Tanguy", "Nolwenn", "nolwenn.tanguy@example.org", "", "", "Guipavas", "08/02/2024", "accueil", "intéressée", ""],
    ["Abgrall", "Julien", "julien.abgrall@example.org", "06 39 98 10 26", "Réseau Coop'Ouest", "Rennes", "12/02/2024", "programmation", "actif", "vient de Rennes"],
    ["Quéré", "Maëlle", "maelle.quere@example.org", "06 39 98 10 27", "", "Brest", "2024-02-13", "communication", "engagée", ""],
    ["Kerdraon", "Fanch", "fanch.kerdraon@example.org", "06 39 98 10 28", "Radio Ponant Libre", "Brest", "15/02/2024", "communication", "actif", "peut prêter une sono"],
    ["Guéguen", "Anne-Sophie", "as.gueguen@example.org", "06 39 98 10 29", "", "Landerneau", "19/02/2024", "hébergement, logistique", "active", ""],
    ["Quiviger", "Ronan", "ronan.quiviger@example.org", "06 39 98 10 30", "Maison des associations de Kerbonne", "Brest", "20/02/2024", "logistique", "membre", ""],
    ["Le Roux", "Inès", "ines.leroux@example.org", "06 39 98 10 31", "", "Brest", "22/02/2024", "animation", "Actif", ""],
    ["Le Gall", "Patrick", "", "01 99 00 10 32", "", "Brest", "26/02/2024", "hébergement", "actif", "pas d'e-mail, appeler"],
    ["Haddad", "Karim", "karim.haddad@example.org", "06 39 98 10 33", "Coop'Armor", "Brest", "27/02/2024", "partenariats", "retiré", "plus dispo en juillet"],
    ["Jaouen", "Camille", "camille.jaouen@example.org", "06 39 98 10 34", "", "Brest", "01/03/2024", "animation, programmation", "actif", ""],
    ["Marec", "Sophie", "sophie.marec@example.org", "06 39 98 10 35", "", "Le Relecq-Kerhuon", "1/3/24", "accueil; logistique", "actif", ""],
    ["Pondaven", "Gwenaëlle", "gwenaelle.pondaven@example.org", "06 39 98 10 36", "", "Brest", "04/03/2024", "hébergement", "oui", "héberge 1 personne"],
    ["Pellen", "Hugo", "hugo.pellen@example.org", "06 39 98 10 37", "Fab lab Le Bidouilloir", "Brest", "5 mars", "logistique", "à confirmer", ""],
    ["Salaün", "Mathieu", "mathieu.salaun@example.org", "06 39 98 10 38", "", "Brest", "07/03/2024 19:03:40", "communication", "actif", ""],
    ["Guillou", "Léna", "lena.guillou@example.org", "06 39 98 10 39", "", "Quimper", "11/03/2024", "accueil", "désistée", ""],
    ["Riou", "Thomas", "thomas.riou@example.org", "06 39 98 10 40", "", "Morlaix", "12/03/2024", "animation", "actif", ""],
    ["Marchand", "Élodie", "elodie.marchand@example.org", "06 39 98 10 41", "Numérique Solidaire 29", "Brest", "14/03/2024", "", "intéressée", ""],
    ["Tanguy", "Nolwenn", "Nolwenn.Tanguy@Example.org", "06 39 98 10 25", "", "Guipavas", "18/03/2024", "accueil, hébergement", "active", "réinscrite via le formulaire"],
    ["Tanguy", "Lucie", "lucie.tanguy@example.org", "06 39 98 10 42", "", "Brest", "19/03/2024", "programmation", "actif", ""],
    ["Bescond", "Gaëlle", "gaelle.bescond@example.org", "06 39 98 10 43", "", "Plougastel-Daoulas", "21/03/2024", "logistique", "actif", ""],
    ["Le Bras", "Mikaël", "mikael.lebras@example.org", "06 39 98 10 44", "", "Brest", "2024-03-25", "communication, partenariats", "actif", ""],
    ["Ferreira", "Ana", "ana.ferreira@example.org", "06 39 98 10 45", "Café associatif La Coursive", "Brest", "28/03/2024", "accueil", "actif", ""],
]

PARTENAIRES_HEADER = ["Structure", "Type", "Thèmes", "Apport", "Statut", "Contact"]
PARTENAIRES = [
    ["Ville de Brest", "Collectivité", "participation, numérique", "salle, communication, intervenant, financement", "Confirmé", "Soazig Le Goff"],
    ["UBO – Faculté Victor Segalen", "université", "culture", "salle", "signé", "Service logistique (M. Derrien)"],
    ["Tiers-lieu La Fabrique du Port", "association", "ESS, culture", "salle; bénévoles", "ok", "Morgane Le Bihan"],
    ["Ti Numérik", "association", "numérique", "intervenant, matériel", "confirmé", "Yann Le Floc'h"],
    ["Coop'Armor", "entreprise", "ESS", "financement", "en discussion", "Karim Haddad"],
    ["Réseau Coop'Ouest", "réseau", "ESS, participation", "communication, intervenant", "contacté", "Julien Abgrall"],
    ["Radio Ponant Libre", "média", "culture", "communication", "relancé", "Fanch Kerdraon"],
    ["Le Canard de la Rade", "Média", "participation", "communication", "à contacter", ""],
    ["Collectif Low-tech Finistère", "association", "transitions", "intervenant, matériel", "confirmé", "Erwan Cadiou"],
    ["Mutuelle Solidaire de l'Iroise", "entreprise", "ESS", "financement", "décliné", "Mme Kervella"],
    ["Mairie de Kerlouédec", "collectivité", "participation", "salle", "refus", "secrétariat de mairie"],
    ["Fonds de dotation Rade & Communs", "autre", "transitions", "financement", "", ""],
    ["Maison des associations de Kerbonne", "association", "participation", "salle, bénévoles", "idée", "Ronan Quiviger"],
    ["Imprimerie coopérative Penn-ar-Bed", "entreprise", "culture", "matériel, autre", "partenaire", "Goulven Caroff – goulven@example.org"],
    ["Réseau des médiateurs numériques du Finistère", "Réseau", "numérique", "intervenant, communication", "non", "Bureau du réseau"],
]

ACTIVITES_HEADER = ["Titre", "Porteur", "Thèmes", "Format", "Durée", "Participants attendus",
                    "Jour souhaité", "Besoins", "Statut", "Date de proposition"]
# One proposal per row, in the order the wiki form received them.
ACTIVITES = [
    ["Les pas de côté : bifurquer sans tout quitter", "Claire Kerjean", "participation, transitions, numérique", "conférence", "90", "250", "3 juillet", "vidéoprojecteur, sono, accessible PMR", "programmée", "20/02/2024"],
    ["Tiers-lieux : qui tient les clés ?", "Tiers-lieu La Fabrique du Port", "ESS, culture", "forum ouvert", "90", "60", "mercredi", "paperboard", "Programmé", "22/02/2024"],
    ["Médiation numérique : aller vers celles et ceux qui ne viennent pas", "Ti Numérik", "médiation numérique", "table ronde", "90", "80", "3 juillet", "vidéoprojecteur; sono", "au programme", "2024-02-26"],
    ["Coopérer entre associations sans s'épuiser", "Maison des associations de Kerbonne", "ESS", "Forum ouvert", "90", "42", "", "", "programmée", "28/02/2024"],
    ["Fresque du numérique", "Yann Le Floc'h", "numérique, transition écologique", "atelier", "90", "24", "03/07/2024", "tables en îlots", "programmée", "01/03/2024"],
    ["Low-tech : réparer plutôt que remplacer", "Collectif Low-tech Finistère", "transitions", "atelier", "90", "40", "3 juillet", "prises électriques, tables", "programmée", "04/03/2024"],
    ["Budget participatif : ce qui a marché, ce qui a coincé", "Ville de Brest", "participation citoyenne", "débat", "90", "70", "", "sono", "programmée", "05/03/2024"],
    ["Wikipédia et patrimoine breton : contribuer ensemble", "Maëlle Quéré", "culture, numérique", "atelier", "90", "20", "3 juillet", "vidéoprojecteur\nwifi", "programmée", "06/03/2024"],
    ["Le droit à l'erreur dans les projets coopératifs", "Gaëlle Bescond", "autre", "forum ouvert", "60", "30", "", "", "retenue", "08/03/2024"],
    ["Habitat participatif : récit d'une aventure", "Thomas Riou et Nadia Benali", "transitions, participation", "forum ouvert", "90", "", "", "", "programmée", "11/03/2024"],
    ["Théâtre-forum : jouer les conflits de la coopération", "Compagnie du Pas de Côté", "culture", "atelier", "90", "25", "3 juillet", "espace dégagé, accessible PMR", "programmée", "12/03/2024"],
    ["Les SCIC culturelles, un modèle pour les lieux ?", "Imprimerie coopérative Penn-ar-Bed", "culture, ESS", "forum ouvert", "90", "", "", "", "validée", "31/02/2024"],
    ["Éducation populaire et numérique : vieux couple ou nouveau départ ?", "Réseau Coop'Ouest", "numérique, participation", "forum ouvert", "60", "50", "jeudi", "", "programmée", "15/03/2024"],
    ["Monnaie locale : bilan après cinq ans", "Association La Pièce de la Rade", "ESS", "table ronde", "90", "40", "", "sono", "annulée", "18/03/2024"],
    ["Repair café : monter le sien", "Erwan Cadiou", "transitions, ESS", "atelier", "60", "15", "4 juillet", "prises électriques", "programmée", "19/03/2024"],
    ["Open data local : à quoi servent nos données ?", "Sophie Marec", "numérique; participation", "atelier", "60", "25", "04/07/2024", "vidéoprojecteur", "programmée", "20/03/2024"],
    ["Communs numériques et collectivités : quelle gouvernance ?", "Julien Abgrall", "numérique, participation", "conférence", "90", "150", "jeudi 4 juillet", "vidéoprojecteur, sono", "programmée", "21/03/2024"],
    ["Jardins partagés et lien social", "Association Graines de Quartier", "jardinage", "atelier", "90", "20", "", "", "proposée", "25/03/2024"],
    ["Financer autrement : financement participatif et fondations", "Coop'Armor", "économie sociale et solidaire", "forum ouvert", "90", "30", "", "paperboard", "programmée", "27/03/2024"],
    ["Bibliothèques, troisièmes lieux ?", "Nolwenn Prigent", "culture, participation", "forum ouvert", "90", "20-30", "", "", "retenue", "28/03/2024"],
    ["Tiers-lieux nourriciers", "Anne-Sophie Guéguen", "transitions, ESS", "forum ouvert", "60", "20", "4 juillet", "", "programmée", "02/04/2024"],
    ["Ressourceries et économie circulaire", "Ressourcerie Ti Kozh", "ESS, transitions", "table ronde", "90", "40", "", "sono", "proposée", "03/04/2024"],
    ["Sobriété numérique au bureau", "Ti Numérik", "numérique, écologie", "atelier", "90", "25", "4 juillet", "vidéoprojecteur", "programmée", "04/04/2024"],
    ["Aller vers les jeunes en ligne", "Mikaël Le Bras", "numérique, participation", "atelier", "90", "20", "3 juillet", "vidéoprojecteur", "ok", "05/04/2024"],
    ["Conseils citoyens : s'en servir ou s'en méfier ?", "Réseau Coop'Ouest", "démocratie", "table ronde", "90", "60", "", "sono", "programmée", "08/04/2024"],
    ["Insertion par l'activité économique et numérique", "Karim Haddad", "ESS, numérique", "forum ouvert", "60", "", "", "", "", "09/04/2024"],
    ["Radio de quartier : donner la parole", "Radio Ponant Libre", "culture, participation", "atelier", "90", "20", "4 juillet", "sono, prises électriques", "programmée", "10/04/2024"],
    ["Ressourceries et économie circulaire", "Ressourcerie Ti Kozh", "ESS, transitions", "table ronde", "90", "40", "", "sono", "proposée", "11/04/2024"],
    ["Énergie citoyenne : monter une centrale solaire coopérative", "Fonds de dotation Rade & Communs", "transitions, ESS", "table ronde", "90", "40", "", "sono", "retenu", "12/04/2024"],
    ["Climat : passer de l'angoisse à l'action collective", "Lucie Tanguy", "transitions", "forum ouvert", "90", "45", "", "", "programmée", "15/04/2024"],
    ["Visite sonore de Recouvrance", "Radio Ponant Libre", "culture", "autre", "120", "15", "3 juillet", "casques audio", "à étudier", "16/04/2024"],
    ["Facilitation graphique : dessiner nos échanges", "Inès Le Roux", "culture", "atelier", "90", "18", "jeudi", "paperboard, grandes feuilles", "programmée", "17/04/2024"],
    ["Mobilités douces en quartier", "Pierre-Yves Kerouanton", "transitions", "forum ouvert", "60", "20", "", "", "abandonnée", "18/04/2024"],
    ["Archives ouvertes : vingt ans de Forums des usages coopératifs", "Patrick Le Gall", "culture, numérique", "atelier", "90", "15", "4 juillet", "vidéoprojecteur", "programmée", "22/04/2024"],
    ["Coopératives d'activité et d'emploi : entreprendre à plusieurs", "Coop'Armor", "ESS", "atelier", "60", "15", "", "", "retenue", "24/04/2024"],
    ["Logiciels libres dans les collectivités", "Julien Abgrall", "numérique", "atelier", "90", "25", "", "vidéoprojecteur", "proposée", "29/04/2024"],
    ["La démocratie en pas de côté : le tirage au sort", "Camille Jaouen", "participation", "forum ouvert", "90", "55", "", "", "programmée", "02/05/2024"],
    ["Fab lab et école : bricoler pour apprendre", "Hugo Pellen", "numérique, culture", "atelier", "120", "12", "4 juillet", "prises électriques, accessible PMR", "Retenue", "06/05/2024"],
    ["Accessibilité numérique des sites associatifs", "Élodie Marchand", "numérique, participation", "atelier", "90", "20", "", "vidéoprojecteur, accessible PMR", "proposition", "13/05/2024"],
    ["Cartographier les communs de la rade", "Réseau Coop'Ouest", "numérique, participation, transitions", "atelier", "90", "20", "", "", "proposée", "21/05/2024"],
    ["Quand la ville se met en retrait : le pari de l'auto-organisation", "Collectif de préparation", "participation", "forum ouvert", "90", "35", "4 juillet", "", "programmée", "27/05/2024"],
]

SALLES_HEADER = ["Salle", "Bâtiment", "Capacité", "Accessible PMR", "Équipements", "Jours disponibles", "Réservable"]
# Réservable: blank means oui; the hall serves the buffets and is never proposed for a session.
SALLES = [
    ["Amphi A", "Bâtiment A", "300", "oui", "vidéoprojecteur, sono, micros HF", "", "oui"],
    ["Amphi B", "Bâtiment A", "180", "oui", "vidéoprojecteur, sono", "", ""],
    ["Amphi C", "Bâtiment C", "120", "non", "vidéoprojecteur", "3 et 4 juillet", ""],
    ["Salle B 001", "Bâtiment B", "40", "oui", "vidéoprojecteur, paperboard", "", ""],
    ["Salle B 002", "Bâtiment B", "30 places", "x", "paperboard", "", ""],
    ["Salle B 003", "Bâtiment B", "32", "oui", "paperboard, tables mobiles", "les deux jours", ""],
    ["Salle B 104", "Bâtiment B", "35", "non", "paperboard", "", ""],
    ["Salle C 010", "Bâtiment C", "40", "oui", "vidéoprojecteur", "4 juillet", ""],
    ["Salle C 012", "Bâtiment C", "trente", "oui", "paperboard", "", ""],
    ["Hall d'accueil", "Bâtiment A", "250", "oui", "tables, prises électriques", "", "non"],
]

PLANNING_HEADER = ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]
PLANNING = [
    # Wednesday 3 July
    ["03/07/2024", "9h30", "", "Amphi A", "Plénière d'ouverture", "200"],
    ["03/07/2024", "11h", "12h30", "Amphi B", "tiers-lieux : qui tient les clés", ""],
    ["03/07/2024", "11h", "12h30", "Amphi C", "Médiation numérique : aller vers celles et ceux qui ne viennent pas", ""],
    ["03/07/2024", "11h", "12h30", "Salle B 002", "Coopérer entre associations sans s'épuiser", ""],
    ["03/07/2024", "11h", "12h30", "Salle B 001", "Fresque du numérique", ""],
    ["3 juillet", "12h30", "14h", "Hall d'accueil", "Buffet", "140"],
    ["3 juillet", "14:00", "15:30", "Amphi A", "Les pas de côté : bifurquer sans tout quitter", ""],
    ["3 juillet", "16h", "17h30", "Salle B 104", "Low-tech : réparer plutôt que remplacer", ""],
    ["3 juillet", "16h", "17h30", "Amphi B", "Budget participatif : ce qui a marché, ce qui a coincé", ""],
    ["3 juillet", "16h", "17h30", "Salle B 001", "Wikipédia et patrimoine breton : contribuer ensemble", ""],
    ["3 juillet", "16h", "17h30", "Salle B 003", "Habitat participatif : récit d'une aventure", ""],
    ["mercredi", "16h", "17h30", "Salle C 010", "Théâtre-forum : jouer les conflits de la coopération", ""],
    # Thursday 4 July
    ["2024-07-04", "09:30", "10:30", "Amphi B", "Éducation populaire et numérique : vieux couple ou nouveau départ ?", ""],
    ["2024-07-04", "09:30", "10:30", "Salle B 104", "Repair café : monter le sien", ""],
    ["2024-07-04", "09:30", "10:30", "Salle B 001", "Open data local : à quoi servent nos données ?", ""],
    ["2024-07-04", "11:00", "12:30", "Amphi A", "Communs numériques et collectivités : quelle gouvernance ?", ""],
    ["2024-07-04", "11:00", "", "Salle B 001", "Financer autrement : financement participatif et fondations", ""],
    ["2024-07-04", "11:00", "12:30", "Salle C 010", "Sobriété numérique au bureau", ""],
    ["2024-07-04", "11:00", "12:30", "Amphi C", "Conseils citoyens : s'en servir ou s'en méfier ?", ""],
    ["2024-07-04", "11:00", "12:30", "Salle Ouessant", "Radio de quartier : donner la parole", ""],
    ["2024-07-04", "11:30", "12:30", "Salle B 001", "Tiers-lieux nourriciers", ""],
    ["jeudi 4 juillet", "12h30", "14h", "Hall d'accueil", "Buffet", "130"],
    ["jeudi 4 juillet", "14h", "15h30", "Amphi B", "Climat : passer de l'angoisse à l'action collective", ""],
    ["jeudi 4 juillet", "14h", "15h30", "Salle B 002", "Facilitation graphique : dessiner nos échanges", ""],
    ["jeudi 4 juillet", "14h", "15h3O", "Salle B 003", "Archives ouvertes : vingt ans de Forums des usages coopératifs", ""],
    ["jeudi 4 juillet", "14h", "15h30", "Amphi C", "La démocratie en pas de côté : le tirage au sort", ""],
    ["jeudi 4 juillet", "14h", "15h30", "Salle C 010", "Quand la ville se met en retrait : le pari de l'auto-organisation", ""],
    ["jeudi 4 juillet", "16h", "17h30", "Amphi A", "Plénière de clôture", "180"],
]

HEBERGEMENTS_HEADER = ["Nom", "Type", "Places", "Nuits", "Quartier", "Adresse", "Téléphone",
                       "Prix par nuit", "Accessible PMR", "Statut", "Contact"]
HEBERGEMENTS = [
    ["Famille Le Gall", "chez l'habitant", "2", "", "Saint-Martin", "12 rue Imaginaire", "01 99 00 20 01", "0", "non", "confirmé", "Patrick Le Gall"],
    ["Chez Annick", "chez l'habitant", "1", "nuit du 2 au 3 juillet", "Recouvrance", "4 rue du Port-Fictif", "06 39 98 20 02", "0", "", "proposé", "Annick Le Meur"],
    ["Chez Mathieu et Inès", "chez l'habitant", "2", "les deux nuits", "Siam", "27 rue de l'Exemple", "06 39 98 20 03", "0", "non", "proposé", "Mathieu Salaün"],
    ["Chez Yvonne", "chez l'habitant", "2", "", "Bellevue", "3 allée des Essais (rez-de-chaussée)", "01 99 00 20 04", "0", "oui", "confirmé", "Yvonne Coat"],
    ["Chez Hélène", "habitant", "1", "3 juillet", "Lambézellec", "18 rue du Modèle", "06 39 98 20 05", "0", "non", "proposé", "Hélène Jézéquel"],
    ["Famille Morvan", "chez l'habitant", "3", "", "Saint-Marc", "9 impasse Fictive", "06 39 98 20 06", "0", "non", "complet", "Famille Morvan"],
    ["Chez Paul", "chez l'habitant", "2", "", "Kérinou", "41 rue Inventée", "06 39 98 20 07", "0", "non", "retiré", "Paul Derrien"],
    ["Coloc de la rue de Siam", "chez l'habitant", "2", "2 juillet", "Siam", "55 rue de l'Essai", "06 39 98 20 08", "0", "non", "ok", "Léa Guillou"],
    ["Chez Gwenaëlle", "chez l'habitant", "1", "2 et 3 juillet", "Quatre-Moulins", "7 rue du Brouillon", "06 39 98 20 09", "0", "non", "", "Gwenaëlle Pondaven"],
    ["Chez Bernard et Lucie", "chez l'habitant", "2", "nuit du 3 au 4 juillet", "Saint-Pierre", "14 rue du Spécimen", "01 99 00 20 10", "0", "non", "confirmé", "Bernard Olier"],
    ["Chez Soizic", "hébergement solidaire", "1", "", "Europe", "2 square de l'Exemple", "06 39 98 20 11", "0", "non", "proposé", "Soizic Hamon"],
    ["Chez Karim", "particulier", "1", "nuit du 2 au 3 juillet", "Recouvrance", "30 rue du Prototype", "06 39 98 20 12", "0", "non", "disponible", "Karim Haddad"],
    ["Auberge de jeunesse du Vallon", "auberge de jeunesse", "5", "les deux nuits", "Saint-Marc", "1 chemin du Vallon-Fictif", "01 99 00 20 13", "24,50", "non", "confirmé", "Accueil de l'auberge"],
    ["Camping de Ker-Avel", "camping", "4", "", "Bellevue", "route de Ker-Avel (fictive)", "01 99 00 20 14", "9", "non", "proposé", "Accueil du camping"],
    ["Hôtel du Pont-Tournant", "hôtel", "2", "3 juillet", "Recouvrance", "8 quai Imaginaire", "01 99 00 20 15", "79", "non", "proposé", "Réception"],
    ["Hôtel Ar Mor Bihan", "hôtel", "2", "nuit du 2 au 3 juillet", "Siam", "20 rue de l'Échantillon", "01 99 00 20 16", "92", "non", "confirmé", "Réception"],
    ["Hôtel Penn ar Roz", "Hôtel", "2", "2 juillet", "Saint-Martin", "5 place Fictive", "01 99 00 20 17", "85", "non", "proposé", "Réception"],
    ["Chambre d'hôtes Ti Glaz", "chambre d'hôtes", "1", "2 juillet", "Lambézellec", "11 rue du Test", "06 39 98 20 18", "65", "non", "proposé", "Katell Moal"],
    ["Résidence étudiante Ty Kreiz (CROUS)", "résidence universitaire", "3", "nuit du 2 au 3 juillet", "Bouguen", "avenue de l'Exemple (fictive)", "01 99 00 20 19", "18", "oui", "confirmé", "Service hébergement"],
    ["Foyer de jeunes travailleurs de Kerbonne", "résidence", "1", "3 juillet", "Kerbonne", "6 rue Hypothétique", "01 99 00 20 20", "22", "non", "proposé", "Accueil du foyer"],
]

PARAMETRES = [
    ["Paramètre", "Valeur"],
    ["Seuil collectif", "20"],
    ["Date limite", "31/03/2024"],
    ["Jours du forum", "3 juillet 2024, 4 juillet 2024"],
    ["Nuits", "2 juillet 2024, 3 juillet 2024"],
    ["Taux d'absence", "10 %"],
    ["Date de référence", "24/06/2024"],
    ["Créneaux", "9h30-11h, 11h-12h30, 14h-15h30, 16h-17h30"],
]

# --------------------------------------------------------------------------------------
# Participants: hand-written lists, drawn with random.Random(2024)
# --------------------------------------------------------------------------------------

FIRST_F = ["Anne", "Claire", "Manon", "Chloé", "Léa", "Emma", "Jade", "Louise", "Alice", "Lina",
           "Rose", "Anaïs", "Océane", "Marine", "Sarah", "Julie", "Pauline", "Aurélie", "Laëtitia",
           "Isabelle", "Catherine", "Martine", "Sylvie", "Nathalie", "Valérie", "Françoise",
           "Katell", "Enora", "Awa", "Fatou", "Samira", "Leïla", "Yasmina", "Mei", "Clémence",
           "Mathilde", "Solène", "Agathe", "Margaux", "Zoé", "Elsa", "Bérénice", "Armelle",
           "Typhaine", "Maud", "Gaëtane", "Rozenn", "Aziliz", "Morwenna", "Jeanne"]
FIRST_M = ["Gwendal", "Loïc", "Tanguy", "Nicolas", "Olivier", "Sébastien", "Guillaume", "Antoine",
           "Maxime", "Lucas", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Théo", "Baptiste",
           "Romain", "Kévin", "Florian", "Goulven", "Tugdual", "Alan", "Malo", "Youssef",
           "Mamadou", "Samir", "Rachid", "Bruno", "Didier", "Philippe", "Alain", "Christophe",
           "Stéphane", "Frédéric", "Gaël", "Killian", "Brieuc", "Corentin", "Mehdi", "Omar",
           "Diego", "Luca", "Hervé", "Jean-Yves", "Jean-Marc", "Yvon", "Riwal", "Tristan", "Ewen"]
SURNAMES = ["Le Guen", "Le Meur", "Le Corre", "Le Berre", "Hamon", "Lagadec", "Madec", "Nédélec",
            "Olier", "Péron", "Queffélec", "Rolland", "Simon", "Thomas", "Bourhis", "Caroff",
            "Cloarec", "Coat", "Créac'h", "Daniel", "Derrien", "Follic", "Gourvennec", "Hervé",
            "Jézéquel", "Kervella", "Labat", "Mével", "Moal", "Omnès", "Paugam", "Raguénès",
            "Stéphan", "Uguen", "Bernard", "Martin", "Petit", "Durand", "Dubois", "Moreau",
            "Laurent", "Lefebvre", "Garnier", "Rousseau", "Fontaine", "Chevalier", "Diallo",
            "Ndiaye", "Nguyen", "Da Silva", "Garcia", "Lopez", "Kaya", "Traoré", "Mercier",
            "Blanchard", "Perrin", "Fabre", "Giraud", "Lemoine", "Renaud", "Colin", "Le Lay",
            "Kerhervé", "Tréguer", "Lannuzel", "Bothorel", "Guivarc'h", "Le Scao", "Roudaut"]
STRUCTURES = ["Tiers-lieu La Fabrique du Port", "Ti Numérik", "Réseau Coop'Ouest",
              "Radio Ponant Libre", "Collectif Low-tech Finistère",
              "Maison des associations de Kerbonne", "Centre social Ti Lan",
              "Espace de vie sociale Les Capucines", "Association Graines de Quartier",
              "Compagnie du Pas de Côté", "Fab lab Le Bidouilloir", "Ressourcerie Ti Kozh",
              "SCOP Les Ateliers du Goulet", "Café associatif La Coursive",
              "Université populaire de la Rade", "Numérique Solidaire 29",
              "Collectif Communs Rennais", "Tiers-lieu Le Hangar (Nantes)",
              "Les Usages en Commun (Tournai)", "Médiathèque de quartier"]
AWAY_STRUCTURES = ["Collectif Communs Rennais", "Tiers-lieu Le Hangar (Nantes)",
                   "Les Usages en Commun (Tournai)", "Coopérative des Savoirs (Lyon)",
                   "Réseau Tiers-Lieux Ouest (Rennes)", "Atelier des Communs (Paris)",
                   "Maison de la Médiation (Lorient)", "Fabrique Citoyenne (Nantes)"]
ALLERGIES = ["allergie aux arachides", "lait", "fruits à coque (noix, noisettes)",
             "Allergique aux crustacés et aux mollusques", "oeufs",
             "allergie sévère aux arachides, a sa trousse", "kiwi"]

# Collective members who register, with the profile they choose and their lodging nights
# (None = no lodging; "both", "n2" = night of 2 July, "n3" = night of 3 July).
MEMBERS_REGISTERED = [
    ("Le Bihan", "Morgane", "benevole", None), ("Cadiou", "Erwan", "intervenant", None),
    ("Le Goff", "Soazig", "ville", None), ("Le Floc'h", "Yann", "intervenant", None),
    ("Tanguy", "Nolwenn", "benevole", None), ("Abgrall", "Julien", "intervenant", "both"),
    ("Quéré", "Maëlle", "intervenant", None), ("Kerdraon", "Fanch", "benevole", None),
    ("Guéguen", "Anne-Sophie", "benevole", None), ("Quiviger", "Ronan", "benevole", None),
    ("Le Roux", "Inès", "benevole", None), ("Jaouen", "Camille", "intervenant", None),
    ("Marec", "Sophie", "benevole", None), ("Pondaven", "Gwenaëlle", "benevole", None),
    ("Salaün", "Mathieu", "benevole", None), ("Riou", "Thomas", "intervenant", "n3"),
    ("Bescond", "Gaëlle", "benevole", None), ("Le Bras", "Mikaël", "benevole", None),
    ("Ferreira", "Ana", "benevole", None),
]
# Speakers from elsewhere: (last, first, structure, lodging nights).
SPEAKERS = [
    ("Kerjean", "Claire", "Coopérative des Savoirs (Lyon)", "both"),
    ("Benali", "Nadia", "Collectif Communs Rennais", "both"),
    ("Prigent", "Nolwenn", "Médiathèque de quartier", None),
]

FEMALE = set(FIRST_F) | {"Morgane", "Soazig", "Nolwenn", "Maëlle", "Anne-Sophie", "Inès", "Camille",
                         "Sophie", "Gwenaëlle", "Gaëlle", "Ana", "Claire", "Nadia"}

DAYS = (dt.date(2024, 7, 3), dt.date(2024, 7, 4))
NIGHTS = (dt.date(2024, 7, 2), dt.date(2024, 7, 3))

PARTICIPANTS_HEADER = ["Nom", "Prénom", "Email", "Téléphone", "Structure", "Profil", "Jours",
                       "Repas", "Régime", "Allergies", "Hébergement", "Nuits", "PMR", "Statut",
                       "Date d'inscription"]


def ascii_slug(text: str) -> str:
    """'Le Floc'h' -> 'lefloch' (for fictional e-mail addresses)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    """One of the written variants, drawn by weight (clean forms weigh most)."""
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights)[0]


def fake_phone(rng: random.Random) -> str:
    """A number in the ranges reserved for fiction, written the ways people write it."""
    a, b = rng.randint(0, 99), rng.randint(0, 99)
    style = rng.choice(["mobile", "mobile", "mobile", "dots", "compact", "intl", "fixe"])
    if style == "dots":
        return f"06.39.98.{a:02d}.{b:02d}"
    if style == "compact":
        return f"063998{a:02d}{b:02d}"
    if style == "intl":
        return f"+33 6 39 98 {a:02d} {b:02d}"
    if style == "fixe":
        return f"01 99 00 {a:02d} {b:02d}"
    return f"06 39 98 {a:02d} {b:02d}"


def make_people(rng: random.Random) -> list[dict]:
    """The 151 distinct registrations, as canonical values (rendered to text later)."""
    people: list[dict] = []
    used = {("Tanguy", "Lucie")}  # keep generated names distinct from the collective's
    for last, first, profile, nights in MEMBERS_REGISTERED:
        used.add((last, first))
        people.append(dict(last=last, first=first, profile=profile, nights=nights,
                           member=True, structure=""))
    for last, first, structure, nights in SPEAKERS:
        used.add((last, first))
        people.append(dict(last=last, first=first, profile="intervenant", nights=nights,
                           structure=structure))

    def new_name() -> tuple[str, str]:
        while True:
            first = rng.choice(FIRST_F + FIRST_M)
            last = rng.choice(SURNAMES)
            if (last, first) not in used:
                used.add((last, first))
                return last, first

    # 10 more speakers from elsewhere (one cancels); 8 of the registered ones need lodging.
    away_nights = ["both"] * 7 + ["n2", "n3", None]
    for nights in away_nights:
        last, first = new_name()
        people.append(dict(last=last, first=first, profile="intervenant", nights=nights,
                           structure=rng.choice(AWAY_STRUCTURES)))
    people[-1]["status"] = "annule"          # a speaker who cancels...
    people[-1]["nights"] = "both"            # ...had asked for lodging: not counted
    for _ in range(9):
        last, first = new_name()
        people.append(dict(last=last, first=first, profile="ville", nights=None,
                           structure="Ville de Brest"))
    # 110 participants: 17 registered ones need lodging (11 both nights, 3 + 3 one night),
    # 5 cancel (one had asked for lodging).
    lodging = ["both"] * 11 + ["n2"] * 3 + ["n3"] * 3
    for i in range(110):
        last, first = new_name()
        structure = rng.choice(STRUCTURES) if rng.random() < 0.45 else ""
        nights = lodging[i] if i < len(lodging) else None
        if nights and rng.random() < 0.6:
            structure = rng.choice(AWAY_STRUCTURES)
        people.append(dict(last=last, first=first, profile="participant", nights=nights,
                           structure=structure))
    plain = [p for p in people if p["profile"] == "participant"]
    for p in plain[-5:]:
        p["status"] = "annule"
    plain[-1]["nights"] = "both"             # cancelled, had asked for lodging
    # Accessibility: three lodging seekers (two both nights, one night of 3 July) and
    # one local participant.
    plain[0]["pmr"] = plain[1]["pmr"] = True      # both nights
    plain[14]["pmr"] = True                        # n3
    plain[40]["pmr"] = True                        # no lodging
    assert plain[0]["nights"] == plain[1]["nights"] == "both" and plain[14]["nights"] == "n3"
    for p in people:
        p.setdefault("status", "inscrit")
        p.setdefault("pmr", False)
        p["email"] = None
    return people


def assign_days_meals_diets(rng: random.Random, people: list[dict]) -> None:
    """Presence days, meals, diets and allergies, with fixed counts drawn by rng."""
    for p in people:
        if p["nights"] == "n2":
            p["days"] = {DAYS[0]}
        elif p["nights"] in ("both", "n3") or p["profile"] in ("intervenant", "benevole"):
            p["days"] = set(DAYS)
        else:
            p["days"] = None  # decided below
    rest = [p for p in people if p["days"] is None]
    rng.shuffle(rest)
    for i, p in enumerate(rest):
        p["days"] = {DAYS[0]} if i < 22 else {DAYS[1]} if i < 38 else set(DAYS)
    for p in people:
        p["meals"] = set(p["days"])
    both = [p for p in people if len(p["days"]) == 2 and p["profile"] != "intervenant"]
    rng.shuffle(both)
    for p in both[:5]:
        p["meals"] = {DAYS[0]}
    for p in both[5:8]:
        p["meals"] = {DAYS[1]}
    for p in both[8:14]:
        p["meals"] = set()
    diets = (["vegetarien"] * 29 + ["vegan"] * 6 + ["sans_gluten"] * 3 + ["sans_porc"] * 3
             + ["halal"] * 2 + ["vegetarien+sans_gluten", "sans_lactose"])
    order = list(range(len(people)))
    rng.shuffle(order)
    for p in people:
        p["diet"] = "omnivore"
    for idx, diet in zip(order, diets):
        people[idx]["diet"] = diet
    for p in people:
        p["allergy"] = None
    cancelled = [p for p in people if p["status"] == "annule"]
    registered = [p for p in people if p["status"] != "annule"]
    cancelled[0]["allergy"] = ALLERGIES[-1]
    for p, text in zip(rng.sample(registered, 6), ALLERGIES[:-1]):
        p["allergy"] = text


def render_participant(rng: random.Random, p: dict, taken: set) -> list[str]:
    """One registration row, written the ways a form and volunteers write it."""
    if p["email"] is None:
        style = rng.choice(["dot", "dot", "dot", "initial", "plain", "digits"])
        first, last = ascii_slug(p["first"]), ascii_slug(p["last"])
        p["email"] = {"dot": f"{first}.{last}", "initial": f"{first[0]}.{last}",
                      "plain": f"{first}{last}", "digits": f"{first}.{last}{rng.randint(2, 99)}"
                      }[style] + "@example.org"
        if p["email"] in taken:  # two people must never share an address by accident
            p["email"] = f"{first}.{last}@example.org"
        taken.add(p["email"])
    phone = fake_phone(rng)
    if p.get("member"):  # the same e-mail, phone and structure as in Collectif
        member = next(r for r in COLLECTIF if (r[0], r[1]) == (p["last"], p["first"]))
        p["email"], phone, p["structure"] = member[2], member[3], member[4]
    female = p["first"] in FEMALE
    profile = {
        "participant": [("participant", 4), ("participante", 4), ("", 6)] if female
        else [("participant", 6), ("", 6)],
        "intervenant": [("intervenante", 4), ("intervenant", 1)] if female
        else [("intervenant", 4), ("Intervenant", 1)],
        "benevole": [("bénévole", 5), ("Bénévole", 2), ("collectif", 2), ("orga", 1)],
        "ville": [("Ville de Brest", 3), ("agent", 2), ("ville", 2)],
    }[p["profile"]]
    days = p["days"]
    if len(days) == 2:
        jours = pick(rng, [("", 6), ("les deux", 3), ("3 et 4 juillet", 2), ("les deux jours", 1)])
    elif DAYS[0] in days:
        jours = pick(rng, [("3 juillet", 5), ("mercredi 3 juillet", 1), ("03/07", 1)])
    else:
        jours = pick(rng, [("4 juillet", 5), ("jeudi 4 juillet", 1), ("jeudi", 1)])
    if p["meals"] == days:
        repas = pick(rng, [("", 4), ("oui", 3)])
    elif not p["meals"]:
        repas = pick(rng, [("non", 3), ("aucun", 1)])
    else:
        repas = "3 juillet" if DAYS[0] in p["meals"] else "4 juillet"
    diet = {
        "omnivore": [("", 12), ("aucun", 3), ("omnivore", 2), ("-", 1), ("non", 1), ("rien", 1)],
        "vegetarien": [("végétarien", 5), ("Végétarienne", 2), ("veggie", 1), ("végé", 1)],
        "vegan": [("vegan", 2), ("végétalien", 1), ("végan", 1)],
        "sans_gluten": [("sans gluten", 1)],
        "sans_porc": [("sans porc", 2), ("pas de porc", 1)],
        "halal": [("halal", 1)],
        "vegetarien+sans_gluten": [("végétarien, sans gluten", 1)],
        "sans_lactose": [("sans lactose", 1)],
    }[p["diet"]]
    allergy = p["allergy"] or pick(rng, [("", 12), ("non", 2), ("aucune", 2), ("-", 1), ("néant", 1)])
    lodging = pick(rng, [("oui", 5), ("Oui", 2), ("x", 1)]) if p["nights"] else pick(
        rng, [("", 8), ("non", 3), ("Non", 1)])
    nuits = ""
    if p["nights"] == "both":
        nuits = pick(rng, [("", 3), ("les deux nuits", 3), ("2 et 3 juillet", 1),
                           ("nuit du 2 au 3 juillet, nuit du 3 au 4 juillet", 1)])
    elif p["nights"] == "n2":
        nuits = pick(rng, [("nuit du 2 au 3 juillet", 2), ("2 juillet", 1)])
    elif p["nights"] == "n3":
        nuits = pick(rng, [("nuit du 3 au 4 juillet", 2), ("3 juillet", 1)])
    pmr = pick(rng, [("oui", 2), ("x", 1)]) if p["pmr"] else pick(rng, [("", 9), ("non", 1)])
    if p["status"] == "inscrit":
        status = pick(rng, [("", 5), ("inscrite" if female else "inscrit", 3), ("ok", 1)])
    else:
        status = pick(rng, [("annulée", 2), ("désistée", 1)] if female else [("annulé", 2), ("désisté", 1)])
    when = p["date"]
    date = pick(rng, [(when.strftime("%d/%m/%Y ") + f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}", 6),
                      (when.isoformat(), 1), (when.strftime("%d/%m/%Y"), 1)])
    return [p["last"], p["first"], p["email"], phone, p["structure"], pick(rng, profile),
            jours, repas, pick(rng, diet), allergy, lodging, nuits, pmr, status, date]


def build_participants(rng: random.Random) -> list[list[str]]:
    """Header + rows sorted by registration date, one duplicate, one blank row."""
    people = make_people(rng)
    assign_days_meals_diets(rng, people)
    start = dt.date(2024, 4, 2)
    for p in people:
        p["date"] = start + dt.timedelta(days=rng.randint(0, 80))  # up to 21 June
    people.sort(key=lambda p: (p["date"], p["last"], p["first"]))
    taken = {r[2].lower() for r in COLLECTIF}
    rows = [render_participant(rng, p, taken) for p in people]
    assert len({r[2].lower() for r in rows}) == len(rows)
    # The same person registered twice (same e-mail): an early, partial row; the later,
    # complete one (already in ``rows``) wins.
    twin = next(p for p in people if p["profile"] == "participant" and p["status"] == "inscrit"
                and not p["nights"] and not p["pmr"] and p["date"] > dt.date(2024, 5, 25))
    twin_row = next(r for r in rows if r[2] == twin["email"])
    early = list(twin_row)
    early[6], early[7], early[8], early[9] = "3 juillet", "", "", ""
    early[14] = "18/04/2024 09:12:40"
    at = next(i for i, p in enumerate(people) if p["date"] > dt.date(2024, 4, 18))
    rows.insert(at, early)
    rows.insert(len(rows) // 2, [""] * len(PARTICIPANTS_HEADER))  # a blank row
    return [PARTICIPANTS_HEADER] + rows


def build_workbook() -> dict[str, list[list[str]]]:
    """Every tab, as rows of cell text (header first)."""
    rng = random.Random(SEED)
    return {
        "Collectif": [COLLECTIF_HEADER] + COLLECTIF,
        "Partenaires": [PARTENAIRES_HEADER] + PARTENAIRES,
        "Activités": [ACTIVITES_HEADER] + ACTIVITES,
        "Salles": [SALLES_HEADER] + SALLES,
        "Planning": [PLANNING_HEADER] + PLANNING,
        "Participants": build_participants(rng),
        "Hébergements": [HEBERGEMENTS_HEADER] + HEBERGEMENTS,
        "Paramètres": PARAMETRES,
    }


def write_workbook(folder: Path = HERE) -> None:
    """Write one UTF-8 CSV file per tab (comma, minimal quoting, CRLF like Excel)."""
    for title, rows in build_workbook().items():
        with open(folder / f"{title}.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)


# --------------------------------------------------------------------------------------
# --check: an independent, minimal reading of the CSV text (only what this sample uses)
# --------------------------------------------------------------------------------------

MONTHS = {"fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7}
WEEKDAYS = {"mardi": 1, "mercredi": 2, "jeudi": 3}


def norm(text: str) -> str:
    """Lowercase, no accents, runs of non-alphanumerics folded to one space."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def parse_date(text: str, night: bool = False) -> dt.date | None:
    """The day-first date formats this sample uses; None when invalid."""
    s = text.strip().lower()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?: \d{2}:\d{2}:\d{2})?", s)
        if m:
            year = int(m[3]) if m[3] else 2024
            return dt.date(year + 2000 if year < 100 else year, int(m[2]), int(m[1]))
        n = norm(s).replace("nuit du ", "")
        m = re.fullmatch(r"(?:(mardi|mercredi|jeudi) )?(\d{1,2})(?: au \d{1,2})? ([a-z]+)(?: (\d{4}))?", n)
        if m and m[3] in MONTHS:
            return dt.date(int(m[4] or 2024), MONTHS[m[3]], int(m[2]))
        if n in WEEKDAYS:
            return (NIGHTS if night else DAYS)[0] + dt.timedelta(days=WEEKDAYS[n] - (1 if night else 2))
    except ValueError:
        return None
    return None


def parse_dates(text: str, every: tuple, night: bool = False) -> set:
    """A day or night list; blank or 'les deux…' means every one."""
    n = norm(text)
    if n in ("", "les deux", "les deux jours", "les deux nuits", "oui", "2 jours", "2 nuits"):
        return set(every)
    items = [i.strip() for i in re.split(r",|;|\n| et ", text) if i.strip()]
    result = set()
    for k, item in enumerate(items):
        if re.fullmatch(r"\d{1,2}", item):
            month = next(norm(i).split()[-1] for i in items[k + 1:])
            item = f"{item} {month}"
        day = parse_date(item, night)
        assert day is not None, text
        result.add(day)
    return result


def parse_time(text: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})\s*[h:]\s*(\d{2})?", text.strip())
    return int(m[1]) * 60 + int(m[2] or 0) if m else None


def parse_number(text: str) -> tuple[float | None, str | None]:
    """(value, issue code or None)."""
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}( \d{3})+|\d+([.,]\d+)?", s):
        return float(s.replace(" ", "").replace(",", ".")), None
    found = re.findall(r"\d+(?:[.,]\d+)?", s)
    if len(found) == 1:
        return float(found[0].replace(",", ".")), "number_from_text"
    return None, "invalid_number"


def is_yes(text: str) -> bool:
    n = norm(text)
    assert n in ("", "oui", "o", "x", "non", "n"), text
    return n in ("oui", "o", "x")


THEMES = {"culture": "culture", "ess": "ess", "economie sociale et solidaire": "ess",
          "transitions": "transitions", "transition ecologique": "transitions",
          "ecologie": "transitions", "participation": "participation",
          "participation citoyenne": "participation", "democratie": "participation",
          "numerique": "numerique", "mediation numerique": "numerique", "autre": "autre"}
FORMATS = {"forum ouvert": "forum_ouvert", "conference": "conference", "atelier": "atelier",
           "table ronde": "table_ronde", "debat": "table_ronde", "autre": "autre"}
PROPOSAL_STATUS = {"proposee": "proposee", "": "proposee", "a etudier": "proposee",
                   "proposition": "proposee", "retenue": "retenue", "retenu": "retenue",
                   "validee": "retenue", "ok": "retenue", "programmee": "programmee",
                   "programme": "programmee", "au programme": "programmee",
                   "annulee": "annulee", "abandonnee": "annulee"}
MEMBER_STATUS = {"actif": "actif", "active": "actif", "": "actif", "ok": "actif", "oui": "actif",
                 "engagee": "actif", "membre": "actif", "interessee": "interesse",
                 "a confirmer": "interesse", "retire": "retire", "desistee": "retire"}
PARTNER_STATUS = {"": "pressenti", "a contacter": "pressenti", "idee": "pressenti",
                  "contacte": "contacte", "en discussion": "contacte", "relance": "contacte",
                  "confirme": "confirme", "ok": "confirme", "signe": "confirme",
                  "partenaire": "confirme", "decline": "decline", "refus": "decline",
                  "non": "decline"}
PARTNER_TYPES = {"association", "collectivite", "entreprise", "universite", "reseau", "media", "autre"}
DIETS = {"": "omnivore", "aucun": "omnivore", "omnivore": "omnivore", "non": "omnivore",
         "rien": "omnivore", "vegetarien": "vegetarien", "vegetarienne": "vegetarien",
         "veggie": "vegetarien", "vege": "vegetarien", "vegan": "vegan", "vegetalien": "vegan",
         "sans gluten": "sans_gluten", "sans porc": "sans_porc", "pas de porc": "sans_porc",
         "halal": "halal"}
LODGING_STATUS = {"": "propose", "propose": "propose", "ok": "propose", "disponible": "propose",
                  "confirme": "confirme", "complet": "complet", "retire": "retire"}


def read_tab(title: str) -> list[list[str]]:
    with open(HERE / f"{title}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def records(rows: list[list[str]]) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {header: cell}) for every non-blank data row."""
    header = rows[0]
    return [(i + 1, dict(zip(header, r))) for i, r in enumerate(rows) if i and any(c.strip() for c in r)]


def check() -> None:  # noqa: C901 - a flat audit script, read top to bottom
    """Re-read the CSV files and print the figures and the expected issues."""
    issues: list[str] = []
    tabs = {t: read_tab(t) for t in build_workbook()}
    for title, rows in tabs.items():
        widths = {len(r) for r in rows}
        assert widths == {len(rows[0])}, (title, widths)
    print("Rows (header excluded, blank rows included):",
          {t: len(r) - 1 for t, r in tabs.items()})

    # Collectif: same e-mail (lowercased) or, without e-mail, same name; lowest row wins.
    members: dict[str, dict] = {}
    for row, r in records(tabs["Collectif"]):
        key = r["Email"].strip().lower() or norm(r["Prénom"] + " " + r["Nom"])
        joined = parse_date(r["Date d'inscription"])
        if key in members:
            issues.append(f"Collectif row {members[key]['row']} Email: duplicate (superseded by row {row})")
            joined = min(joined, members[key]["joined"])
        roles = {norm(x) for x in re.split(r"[,;]", r["Rôles"]) if x.strip()}
        members[key] = dict(row=row, joined=joined, status=MEMBER_STATUS[norm(r["Statut"])], roles=roles)
    by_status = {s: sum(m["status"] == s for m in members.values()) for s in ("actif", "interesse", "retire")}
    active = sorted(m["joined"] for m in members.values() if m["status"] == "actif")
    print("Collective:", by_status, "| 20th active joined on", active[19], "| last joined", active[-1])
    print("  roles of active members:", sorted(set().union(*(m["roles"] for m in members.values() if m["status"] == "actif"))))

    partners = records(tabs["Partenaires"])
    pstatus = [PARTNER_STATUS[norm(r["Statut"])] for _, r in partners]
    ptypes = {norm(r["Type"]) for _, r in partners}
    assert ptypes == PARTNER_TYPES, ptypes
    print("Partners:", len(partners), {s: pstatus.count(s) for s in ("pressenti", "contacte", "confirme", "decline")},
          "| types:", sorted(ptypes))

    # Activités: same title + porteur = same proposal.
    proposals: dict[tuple, dict] = {}
    for row, r in records(tabs["Activités"]):
        key = (norm(r["Titre"]), norm(r["Porteur"]))
        if key in proposals:
            issues.append(f"Activités row {proposals[key]['row']} Titre: duplicate (superseded by row {row})")
        themes = []
        for item in re.split(r"[,;]", r["Thèmes"]):
            theme = THEMES.get(norm(item))
            if theme is None:
                issues.append(f"Activités row {row} Thèmes: unknown_value '{item.strip()}' -> autre")
                theme = "autre"
            themes.append(theme)
        count, code = parse_number(r["Participants attendus"]) if r["Participants attendus"].strip() else (None, None)
        if code:
            issues.append(f"Activités row {row} Participants attendus: {code} '{r['Participants attendus']}'")
        if parse_date(r["Date de proposition"]) is None:
            issues.append(f"Activités row {row} Date de proposition: invalid_date '{r['Date de proposition']}'")
        assert r["Jour souhaité"] == "" or parse_date(r["Jour souhaité"]) in DAYS
        assert "@" not in r["Porteur"]
        proposals[key] = dict(row=row, title=norm(r["Titre"]), themes=set(themes),
                              format=FORMATS[norm(r["Format"])], status=PROPOSAL_STATUS[norm(r["Statut"])],
                              duration=int(r["Durée"]), count=int(count) if count is not None and not code else None)
    live = [p for p in proposals.values() if p["status"] != "annulee"]
    slugs = ("culture", "ess", "transitions", "participation", "numerique", "autre")
    print("Proposals:", len(proposals), "distinct,", len(live), "not cancelled")
    print("  by theme:", {t: sum(t in p["themes"] for p in live) for t in slugs})
    print("  by format:", {f: sum(p["format"] == f for p in live) for f in ("forum_ouvert", "conference", "atelier", "table_ronde", "autre")})
    print("  by status:", {s: sum(p["status"] == s for p in proposals.values()) for s in ("proposee", "retenue", "programmee", "annulee")})

    rooms: dict[str, dict] = {}
    for row, r in records(tabs["Salles"]):
        cap, code = parse_number(r["Capacité"])
        if code:
            issues.append(f"Salles row {row} Capacité: {code} '{r['Capacité']}'" + (" (row rejected)" if cap is None else ""))
        if cap is None:
            continue
        rooms[norm(r["Salle"])] = dict(cap=int(cap), pmr=is_yes(r["Accessible PMR"]),
                                       days=parse_dates(r["Jours disponibles"], DAYS))
    print("Rooms used:", len(rooms), "| not accessible:", [k for k, v in rooms.items() if not v["pmr"]])

    sessions = []
    for row, r in records(tabs["Planning"]):
        day = parse_date(r["Jour"])
        room = rooms.get(norm(r["Salle"]))
        if room is None:
            issues.append(f"Planning row {row} Salle: unknown_room '{r['Salle']}' (row rejected)")
            continue
        match = [p for p in proposals.values() if p["title"] == norm(r["Activité"]) and p["status"] != "annulee"]
        start = parse_time(r["Début"])
        end = parse_time(r["Fin"]) if r["Fin"].strip() else None
        if r["Fin"].strip() and end is None:
            issues.append(f"Planning row {row} Fin: invalid_time '{r['Fin']}' (warning, Début + Durée used)")
        if end is None:
            end = start + (match[0]["duration"] if match else 60)
        count = int(r["Participants attendus"]) if r["Participants attendus"].strip() else (match[0]["count"] if match else None)
        if count is None:
            issues.append(f"Planning row {row} Participants attendus: missing_value (load unknown)")
        if day not in room["days"]:
            issues.append(f"Planning row {row} Jour: room_unavailable ('{r['Salle']}' not available on {day})")
        sessions.append(dict(row=row, day=day, room=norm(r["Salle"]), start=start, end=end, count=count,
                             cap=room["cap"], programmed=bool(match)))
    over = [s for s in sessions if s["count"] is not None and s["count"] > s["cap"]]
    conflicts = [(a["row"], b["row"]) for i, a in enumerate(sessions) for b in sessions[i + 1:]
                 if a["room"] == b["room"] and a["day"] == b["day"] and a["start"] < b["end"] and b["start"] < a["end"]]
    loads = [s["count"] / s["cap"] for s in sessions if s["count"] is not None]
    print("Sessions:", len(sessions), "| overbooked rows:", [(s["row"], s["count"], s["cap"]) for s in over],
          "| conflicts (rows):", conflicts, "| max_load:", round(max(loads), 2))
    programmed = {p["title"] for p in proposals.values() if p["status"] == "programmee"}
    planned = {norm(r["Activité"]) for _, r in records(tabs["Planning"])}
    assert programmed <= planned, programmed - planned

    offers = {}
    for row, r in records(tabs["Hébergements"]):
        status = LODGING_STATUS[norm(r["Statut"])]
        offers[norm(r["Nom"])] = dict(places=int(r["Places"]), nights=parse_dates(r["Nuits"], NIGHTS, True),
                                      pmr=is_yes(r["Accessible PMR"]), counted=status in ("propose", "confirme"))
    print("Lodging offers:", len(offers))

    people: dict[str, dict] = {}
    for row, r in records(tabs["Participants"]):
        key = r["Email"].strip().lower()
        if key in people:
            issues.append(f"Participants row {people[key]['row']} Email: duplicate (superseded by row {row})")
        assert "@example.org" in key
        days = parse_dates(r["Jours"], DAYS)
        meals = set() if norm(r["Repas"]) in ("non", "aucun") else days if norm(r["Repas"]) in ("", "oui") else parse_dates(r["Repas"], DAYS)
        diets = []
        for item in r["Régime"].split(","):
            diet = DIETS.get(norm(item))
            if diet is None:
                issues.append(f"Participants row {row} Régime: unknown_value '{item.strip()}' -> autre")
                diet = "autre"
            diets.append(diet)
        people[key] = dict(row=row, days=days, meals=meals, diets=diets,
                           allergy=norm(r["Allergies"]) not in ("", "non", "aucune", "aucun", "neant", "rien"),
                           lodging=is_yes(r["Hébergement"]), nights=parse_dates(r["Nuits"], NIGHTS, True),
                           pmr=is_yes(r["PMR"]), cancelled=norm(r["Statut"]) in ("annule", "annulee", "desiste", "desistee"),
                           profile=norm(r["Profil"]))
    registered = [p for p in people.values() if not p["cancelled"]]
    print("Participants:", len(people), "distinct,", len(registered), "registered,",
          len(people) - len(registered), "cancelled | PMR registered:", sum(p["pmr"] for p in registered))
    for night in NIGHTS:
        need = [p for p in registered if p["lodging"] and night in p["nights"]]
        need_pmr = sum(p["pmr"] for p in need)
        avail = [o for o in offers.values() if o["counted"] and night in o["nights"]]
        offered = sum(o["places"] for o in avail)
        acc = sum(o["places"] for o in avail if o["pmr"])
        placed_pmr = min(need_pmr, acc)
        covered = placed_pmr + min(len(need) - need_pmr, acc - placed_pmr + offered - acc)
        print(f"  night {night}: need {len(need)} (PMR {need_pmr}) | offered {offered} (accessible {acc})"
              f" | covered {covered} | coverage {covered / len(need):.3f}")
    for day in DAYS:
        eating = [p for p in registered if day in p["meals"]]
        diets = {d: sum(d in p["diets"] for p in eating)
                 for d in ("omnivore", "vegetarien", "vegan", "sans_gluten", "sans_porc", "halal", "autre")}
        forecast = math.ceil(len(eating) * 9 / 10)
        print(f"  meals {day}: registered {len(eating)}, forecast {forecast}, diets {diets},"
              f" allergies {sum(p['allergy'] for p in eating)}")
    print("Issues expected from the contract:", len(issues))
    for line in issues:
        print("  -", line)


if __name__ == "__main__":
    if "--check" in sys.argv:
        check()
    else:
        write_workbook()
        print("Sample workbook written to", HERE)
