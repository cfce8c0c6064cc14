"""``python -m forum_data purge-snapshot``: delete the dashboard's snapshot and its key (after the event).

Wired into forum_data.cli by ``add_snapshot_commands(commands)`` and ``run_snapshot_command(args)``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forum_data.snapshot import DIR_ENV, purge_snapshot, snapshot_dir

COMMANDS = ("purge-snapshot",)


def add_snapshot_commands(subparsers) -> None:
    """Declare ``purge-snapshot`` on the CLI's subparsers."""
    purge = subparsers.add_parser(
        "purge-snapshot",
        help="efface l'instantané des dernières données lues et sa clé (après le forum)",
        description="Efface l'instantané que le tableau de bord garde pour survivre à une panne de la "
                    f"source, et sa clé. Dossier : ${DIR_ENV}, sinon ~/.cache/forum-usages-cooperatifs/.")
    purge.add_argument("--dir", type=Path, default=None, help=f"dossier de l'instantané (défaut : ${DIR_ENV} "
                                                              "ou ~/.cache/forum-usages-cooperatifs/)")


def run_snapshot_command(args: argparse.Namespace) -> int:
    """Run ``purge-snapshot``: one French line on stdout; exit 0 (also when there was nothing to delete)."""
    folder = args.dir.expanduser() if getattr(args, "dir", None) else snapshot_dir()
    try:
        deleted = purge_snapshot(folder)
    except OSError as error:
        print(f"Impossible d'effacer l'instantané dans {folder} ({error.strerror or 'erreur système'}) : "
              "vérifiez les droits du dossier.", file=sys.stderr)
        return 2
    if deleted:
        print(f"Instantané effacé ({len(deleted)} fichier{'s' if len(deleted) > 1 else ''}) dans {folder}.")
    else:
        print(f"Aucun instantané à effacer dans {folder}.")
    return 0
