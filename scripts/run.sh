#!/usr/bin/env bash
# Install what the dashboard needs (a local .venv) and start it on the configured source,
# else the bundled sample workbook: no configuration, no network needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "$@"
