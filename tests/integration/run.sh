#!/usr/bin/env bash
# The integration tier: Earshot's connectors against real local servers (see README.md here).
# Installs this folder's own test-only package when needed, makes sure PostgreSQL's server
# binaries exist, and runs the tests. Extra arguments go to `vitest run` (e.g. a file filter).
# Called by `npm run test:integration` and by .ci/run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# 1. This folder's own dependencies (the root `npm install` never pulls them in).
if [ ! -d node_modules ]; then
  if [ -f package-lock.json ]; then
    echo "integration: npm ci (first run: about 90 s)"
    npm ci --no-audit --no-fund
  else
    echo "integration: npm install (first run: about 90 s)"
    npm install --no-audit --no-fund
  fi
fi

# 2. PostgreSQL (server binaries only; the tests start their own throw-away instance).
have_postgres() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then return 0; fi
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
if ! have_postgres; then
  echo "integration: PostgreSQL not found; installing it (apt-get install -y postgresql)"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  else
    echo "integration: PostgreSQL is missing and this user cannot install it; install the 'postgresql' package (15 or later) and run again" >&2
    exit 1
  fi
  # Debian starts a cluster on install; the tests do not use it.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    for cluster in /etc/postgresql/*/main; do
      [ -d "$cluster" ] || continue
      version="$(basename "$(dirname "$cluster")")"
      if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" main stop || true; else sudo pg_ctlcluster "$version" main stop || true; fi
    done
  fi
fi

# 3. The UI tests drive the built app (npm test builds it; a standalone run may need to).
if [ ! -f ../../out/main/cli.js ]; then
  echo "integration: building Earshot for the UI tests"
  (cd ../.. && npm run build)
fi

# 4. The tests.
exec npx vitest run "$@"
