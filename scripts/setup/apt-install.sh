#!/bin/sh
# Installs Debian packages with apt for a test that needs them (the ensure-*.sh scripts call it
# once they have found the program missing): as root, or through password-less sudo.
#   sh apt-install.sh <caller name> <package>...
set -e
NAME="$1"
shift

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$NAME: $* is missing and apt-get is not available. Install it with your system's package manager." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  AS_ROOT="sudo -n"
else
  echo "$NAME: $* is missing and installing it needs root." >&2
  echo "  Run as root (or with password-less sudo): apt-get update && apt-get install -y --no-install-recommends $*" >&2
  exit 1
fi

echo "$NAME: installing Debian's $* (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
$AS_ROOT apt-get update
$AS_ROOT apt-get install -y --no-install-recommends "$@"
