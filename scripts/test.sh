#!/usr/bin/env bash
# Install what the tests need (.venv, Python packages, Debian's chromium and nginx) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser downloads
# come from outside the package registries); the deployment test puts Debian's nginx in front of
# the dashboard, started by the test itself on a free port (the package's own service is not started).
MISSING=""
[ -x /usr/bin/chromium ] || MISSING="$MISSING chromium"
[ -x /usr/sbin/nginx ] || MISSING="$MISSING nginx-light"
if [ -n "$MISSING" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # policy-rc.d exit 101: installing nginx must not start a web server on this machine.
  POLICY=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    POLICY=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY"
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
  [ -z "$POLICY" ] || $SUDO rm -f "$POLICY"
fi
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
