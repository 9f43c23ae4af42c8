#!/bin/sh
# The repo's pinned pnpm, fetched by npx: nothing to install by hand, same version everywhere.
# turbo needs a `pnpm` binary on PATH; `pnpm exec turbo` provides it.
export REDOCLY_TELEMETRY=off TURBO_TELEMETRY_DISABLED=1
exec npx -y pnpm@12.21.0 "$@"
