"""The command line of docs/interface.md: ``report``, ``check``, ``template`` (and ``hash-password``).

    python -m forum_data report [SOURCE] [--json]
    python -m forum_data check  [SOURCE]
    python -m forum_data template [PATH] [--force]
    python -m forum_data plan salles|hebergement [SOURCE] [--json] [--seconds N]
    python -m forum_data hash-password | purge-snapshot

Exit 0 when the report was made; ``check`` exits 1 when an issue is an error; 2 when the
source cannot be read at all, with one French line on stderr and no traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from forum_data import fr, metrics
from forum_data.cli_snapshot import COMMANDS as SNAPSHOT_COMMANDS
from forum_data.cli_snapshot import add_snapshot_commands, run_snapshot_command
from forum_data.forum import Forum, gc_paused, load_forum
from forum_data.issues import SEVERITY_NAMES
from forum_data.report import build_report
from forum_data.schema import FORMATS, PARTNER_STATUS, THEMES, TABS
from forum_data.sources import SourceError


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"{self.prog} : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="python -m forum_data",
                          description="Tableau de bord du Forum des usages coopératifs : chiffres et contrôle du classeur.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    source_help = ("dossier de CSV, fichier .xlsx/.ods, lien de partage, lien ou clé Google Sheets "
                   "(par défaut : la source configurée, sinon l'exemple fourni)")
    report = commands.add_parser("report", help="les chiffres du forum")
    report.add_argument("source", nargs="?", help=source_help)
    report.add_argument("--json", action="store_true", help="le rapport complet en JSON")
    check = commands.add_parser("check", help="les problèmes du classeur, un par ligne")
    check.add_argument("source", nargs="?", help=source_help)
    template = commands.add_parser("template", help="écrit un classeur vide avec tous les onglets")
    template.add_argument("path", nargs="?", default="classeur-forum.xlsx", help="fichier .xlsx (défaut : ./classeur-forum.xlsx)")
    template.add_argument("--force", action="store_true", help="remplace un fichier existant")
    plan = commands.add_parser("plan", help="propose un plan calculé par un solveur exact (docs/interface.md)")
    plan.add_argument("plan", metavar="PLAN", help="salles : les propositions retenues dans les salles ; "
                                                   "hebergement : qui loger où")
    plan.add_argument("source", nargs="?", help=source_help)
    plan.add_argument("--json", action="store_true", help="le plan en JSON")
    plan.add_argument("--seconds", type=_seconds, default=10.0, help="temps de calcul maximal (défaut : 10)")
    hashing = commands.add_parser("hash-password", help="empreinte salée d'un mot de passe, pour .streamlit/secrets.toml")
    hashing.add_argument("--password", help="le mot de passe (sinon demandé au clavier)")
    add_snapshot_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Python's cyclic collector waits for its end (``forum.gc_paused``): a command
    builds the forum and its report, hundreds of thousands of objects in no cycle, and each
    collection on the way would walk them all again (1.3 s of the 1000× report)."""
    with gc_paused():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "plan" and args.plan not in PLANS:
        print(f"Plan inconnu : « {args.plan} ». Plans possibles : {', '.join(PLANS)}.", file=sys.stderr)
        return 2
    try:
        if args.command in SNAPSHOT_COMMANDS:
            return run_snapshot_command(args)
        if args.command == "template":
            return _template(Path(args.path), args.force)
        if args.command == "hash-password":
            return _hash_password(args.password)
        forum = load_forum(args.source)
    except SourceError as error:
        print(_one_line(str(error)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 — the contract: one French line, never a traceback
        print(f"Erreur inattendue en lisant la source ({type(error).__name__}). Vérifiez le fichier ou le lien, "
              "puis signalez le problème si elle persiste.", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(forum)
    if args.command == "plan":
        make, to_json, to_text = PLANS[args.plan]()
        plan = make(forum.tables, seconds=args.seconds)
        _show(to_json(plan) if args.json else to_text(plan))
        return 0
    _show(build_report(forum) if args.json else summary(forum))
    return 0


def _show(output: dict | str) -> None:
    """A JSON document (indented, accents as they are) or a French text, on standard output."""
    print(output if isinstance(output, str) else json.dumps(output, ensure_ascii=False, indent=2))


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):   # 0: no time to search, the best plan found at once (not proven)
        raise argparse.ArgumentTypeError(f"durée invalide « {text} » : un nombre de secondes, par exemple 10")
    return value


def _room_plan():
    from forum_data.plans import rooms

    return rooms.plan_rooms, rooms.plan_json, rooms.plan_text


def _lodging_plan():
    from forum_data.plans import lodging
    from forum_data.views.lodging_plan import plan_text

    return lodging.plan_lodging, lodging.plan_json, plan_text


# Plan name → (make(tables, seconds), to_json(plan), to_text(plan)), imported when that plan is asked for.
PLANS = {"salles": _room_plan, "hebergement": _lodging_plan}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _template(path: Path, force: bool) -> int:
    from forum_data.template import write_template

    if path.suffix.lower() != ".xlsx":
        print(f"Le modèle s'écrit au format .xlsx : choisissez un nom en .xlsx (reçu : {path.name}).", file=sys.stderr)
        return 2
    try:
        write_template(path, force=force)
    except FileExistsError:
        print(f"{path} existe déjà : il n'est pas remplacé. Ajoutez --force pour l'écraser.", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Impossible d'écrire {path} : {error.strerror}.", file=sys.stderr)
        return 2
    print(f"Classeur vide écrit : {path}")
    return 0


def _hash_password(password: str | None) -> int:
    import getpass

    from forum_data.access import hash_password

    if password is None:
        password = getpass.getpass("Mot de passe : ")
    if not password:
        print("Mot de passe vide : rien n'est produit.", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def _check(forum: Forum) -> int:
    for issue in forum.issues:
        print(f"[{SEVERITY_NAMES[issue.severity]}] {TABS[issue.sheet].title} — {issue.message}")
    errors = forum.errors
    warnings = len(forum.issues) - errors
    print(f"{fr.plural(errors, 'erreur')}, {fr.plural(warnings, 'avertissement')}.", file=sys.stderr)
    return 1 if errors else 0


def summary(forum: Forum) -> str:
    """The report in a few French lines, for the terminal."""
    t, s = forum.tables, forum.settings
    c = metrics.collective_status(t.members, s.threshold)
    p = metrics.proposals_summary(t.proposals)
    r = metrics.room_summary(t.rooms, t.sessions)
    lines = [
        f"{fr.edition(forum.settings).title} — {forum.source}",
        "",
        f"Collectif : {fr.plural(c.active, 'membre actif', 'membres actifs')} sur un seuil de {c.threshold}"
        + (" — viable." if c.viable else f" — il en manque {c.missing}.")
        + f" ({fr.plural(c.interested, 'intéressé·e', 'intéressé·es')}, {fr.plural(c.withdrawn, 'retrait')})",
        f"Partenaires : {len(t.partners)} — "
        + ", ".join(f"{PARTNER_STATUS.names[k].lower()} {v}" for k, v in metrics.partners_by_status(t.partners).items()),
        f"Propositions : {p.total} — " + ", ".join(f"{THEMES.names[k]} {v}" for k, v in p.by_theme.items()),
        "  formats : " + ", ".join(f"{FORMATS.names[k]} {v}" for k, v in p.by_format.items()),
        f"Salles : {r.rooms} salles, {r.sessions} séances, {r.overbooked} en surcharge, {r.conflicts} conflit(s)"
        + (f", charge maximale {fr.percent(r.max_load)}" if r.max_load is not None else ""),
    ]
    for night, v in metrics.lodging_by_night(t.participants, t.offers, s).items():
        lines.append(f"Hébergement, {fr.night(night)} : besoin {v.need} (dont {v.need_pmr} PMR), offre {v.offered}, "
                     f"couvert {v.covered} ({fr.percent(v.coverage)})")
    for day, v in metrics.meals_by_day(t.participants, s).items():
        lines.append(f"Buffet du {fr.day(day, year=False)} : {v.registered} inscrit·es, prévision {v.forecast}, "
                     f"{fr.plural(v.allergies, 'allergie')}")
    errors = forum.errors
    lines += ["", f"Qualité des données : {fr.plural(errors, 'erreur')}, "
                  f"{fr.plural(len(forum.issues) - errors, 'avertissement')} (détail : python -m forum_data check)."]
    return "\n".join(lines)
