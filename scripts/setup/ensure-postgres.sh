#!/bin/sh
# Makes sure a PostgreSQL server binary (Debian's `postgresql`) is installed, for the sandbox's
# PostgreSQL tests. The tests start their own server in a temporary folder on a free loopback
# port and stop it; nothing here starts a server or touches a system cluster.
set -e

found() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
found && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL server in /usr/lib/postgresql/*/bin and apt-get is not available." >&2
  echo "  Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql), or set EXPYS_TEST_POSTGRES_BIN to its bin folder." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  AS_ROOT="sudo -n"
else
  echo "ensure-postgres: PostgreSQL is missing and installing it needs root." >&2
  echo "  Run as root (or with password-less sudo): apt-get update && apt-get install -y --no-install-recommends postgresql" >&2
  exit 1
fi

echo "ensure-postgres: installing Debian's postgresql (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
$AS_ROOT apt-get update
# The package's own cluster is not used; a container without an init system cannot start it anyway.
$AS_ROOT apt-get install -y --no-install-recommends postgresql || found

if ! found; then
  echo "ensure-postgres: apt-get finished but no /usr/lib/postgresql/*/bin/postgres exists." >&2
  exit 1
fi
