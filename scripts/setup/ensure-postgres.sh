#!/bin/sh
# Makes sure a PostgreSQL server binary (Debian's `postgresql`) is installed, for the sandbox's
# PostgreSQL tests. The tests start their own server in a temporary folder on a free loopback
# port and stop it; nothing here starts a server or touches a system cluster.
set -e

found() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
found && exit 0

# The package's own cluster is not used; a container without an init system cannot start it, so
# a failing post-install step is tolerated as long as the server binary is there.
sh "$(dirname "$0")/apt-install.sh" ensure-postgres postgresql || found

if ! found; then
  echo "ensure-postgres: apt-get finished but no /usr/lib/postgresql/*/bin/postgres exists." >&2
  exit 1
fi
