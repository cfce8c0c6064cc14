"""The command line as a volunteer runs it: ``python -m forum_data …`` in a subprocess, no FORUM_* of ours."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The keys of ``report --json``, in their order (docs/interface.md, forum_data/schemas/report.schema.json).
KEYS = ["source", "generated_at", "settings", "collective", "partners", "proposals", "rooms", "lodging", "meals",
        "rows", "issues"]


def run(*args, cwd=ROOT, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_SECRETS_FILE"] = str(ROOT / "tests" / "absent-secrets.toml")
    env["PYTHONPATH"] = str(ROOT)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "forum_data", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)
