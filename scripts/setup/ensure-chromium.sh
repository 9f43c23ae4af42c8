#!/bin/sh
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (driven by
# playwright-core). The browser comes from apt, never from `playwright install`: one
# distro-maintained binary, no download from a CDN at test time.
set -e

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

sh "$(dirname "$0")/apt-install.sh" ensure-chromium chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
"$CHROMIUM" --version >&2 || true
