#!/bin/sh
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (driven by
# playwright-core). The browser comes from apt, never from `playwright install`: one
# distro-maintained binary, no download from a CDN at test time.
set -e

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available." >&2
  echo "  Install Chromium so that it is at $CHROMIUM (Debian/Ubuntu: apt-get install chromium)." >&2
  exit 1
fi

# apt needs root: run as is when root, through sudo when it can be used without a prompt.
if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  AS_ROOT="sudo -n"
else
  echo "ensure-chromium: $CHROMIUM is missing and installing it needs root." >&2
  echo "  Run as root (or with password-less sudo):" >&2
  echo "    apt-get update && apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
$AS_ROOT apt-get update
$AS_ROOT apt-get install -y --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
"$CHROMIUM" --version >&2 || true
