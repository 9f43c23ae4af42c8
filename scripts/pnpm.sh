#!/bin/sh
# The repo's pinned pnpm, fetched by npx: nothing to install by hand, same version everywhere.
# turbo needs a `pnpm` binary on PATH; `pnpm exec turbo` provides it.
export REDOCLY_TELEMETRY=off TURBO_TELEMETRY_DISABLED=1
# npx started in the repo reads its whole node_modules tree first (about 2.5 s a call, and tests
# call this script dozens of times); given a folder without one as its prefix (scripts/setup:
# shell scripts only) it starts in about 0.5 s. pnpm still runs in the current folder.
exec npx --prefix "$(dirname "$0")/setup" -y pnpm@12.21.0 "$@"
