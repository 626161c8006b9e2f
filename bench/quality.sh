#!/usr/bin/env bash
# Scores ticketmail on the public corpora in ../shared/corpus (see its README) and prints a table per suite and
# target, then overall. It asserts nothing: tests/TicketMail.Quality.Tests keeps the rates from going down.
#   bench/quality.sh                      build the CLI (Release, JIT) and run it: process --dry-run --json
#   bench/quality.sh --cli out/ticketmail score another build, e.g. the Native AOT binary
#   bench/quality.sh --in-process         the same command tree inside the scorer (what the ratchet test does)
#   bench/quality.sh --details NAME       also list the failing records of suites whose name contains NAME
#   bench/quality.sh --update-ratchet     rewrite tests/quality-ratchet.json with these scores
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

args=()
cli=""
in_process=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cli) cli="$2"; shift 2 ;;
    --in-process) in_process=1; shift ;;
    --details) args+=(--details "$2"); shift 2 ;;
    --update-ratchet) args+=(--update-ratchet); shift ;;
    --corpus) args+=(--corpus "$2"); shift 2 ;;
    *) echo "usage: $0 [--cli PROGRAM | --in-process] [--details SUITE] [--update-ratchet] [--corpus DIR]" >&2; exit 64 ;;
  esac
done

dotnet build tests/TicketMail.Quality -c Release -v quiet -nologo >/dev/null
if [ "$in_process" = 0 ] && [ -z "$cli" ]; then
  cli="src/TicketMail.Cli/bin/Release/net10.0/ticketmail"
fi
if [ -n "$cli" ]; then
  args+=(--cli "$(realpath "$cli")")
fi
dotnet tests/TicketMail.Quality/bin/Release/net10.0/TicketMail.Quality.dll "${args[@]}"
