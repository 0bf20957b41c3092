#!/usr/bin/env bash
# Runs every test OppBot has: the domain tests, the host/adapter tests and the interop tests that use
# Microsoft's and WeCom's own JS packages (installed here from tests/interop/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: Node.js and npm are needed for the interop tests (botbuilder, adaptivecards, @wecom/crypto)." >&2
  exit 1
fi

if [ ! -f tests/interop/node_modules/.package-lock.json ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules/.package-lock.json ]; then
  (cd tests/interop && npm ci --no-audit --no-fund)
fi

dotnet test OppBot.sln -c Release "$@"
