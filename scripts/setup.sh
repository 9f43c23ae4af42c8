#!/bin/sh
# Install every workspace dependency at the versions in the lockfile.
set -e
cd "$(dirname "$0")/.."
if [ -f pnpm-lock.yaml ]; then
  sh scripts/pnpm.sh install --frozen-lockfile
else
  sh scripts/pnpm.sh install
fi
