#!/usr/bin/env bash
# OppBot's benchmark suite (issue 10; bench/README.md): builds OppBot and the bench in Release, installs the JS peer
# from bench/peer/package-lock.json, measures everything and writes the table into docs/performance.md.
#
#   ./bench/run.sh            the full run (a few minutes once the scale databases are cached in bench/.cache)
#   ./bench/run.sh --quick    a smoke check: short cells, 10k deals only; prints the table, writes nothing
#
# PostgreSQL rows need a server: OPPBOT_BENCH_PG (or OPPBOT_TEST_PG) = an Npgsql connection string of a role that may
# CREATE DATABASE. Without one they are left out. Needs the .NET 10 SDK, Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts="${OPPBOT_BENCH_ARTIFACTS:-/tmp/art-bench}"
for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/run.sh: $tool is needed." >&2; exit 1; }
done

if [ ! -f bench/peer/node_modules/.package-lock.json ] || [ bench/peer/package-lock.json -nt bench/peer/node_modules/.package-lock.json ]; then
  (cd bench/peer && npm ci --no-audit --no-fund)
fi

dotnet build bot -c Release --artifacts-path "$artifacts" -v quiet -nologo
dotnet build bench/OppBot.Bench -c Release --artifacts-path "$artifacts" -v quiet -nologo

args=(run --repo "$PWD" --bot "$artifacts/bin/OppBot.Bot/release/OppBot.Bot.dll")
case " $* " in
  *" --quick "*) ;;
  *) args+=(--out docs/performance.md) ;;
esac

# On a shared machine the bench and the processes it starts run before other work when we may ask for it (root).
nice_cmd=()
if [ "$(id -u)" = 0 ]; then nice_cmd=(nice -n -10); fi
exec "${nice_cmd[@]}" dotnet "$artifacts/bin/OppBot.Bench/release/OppBot.Bench.dll" "${args[@]}" "$@"
