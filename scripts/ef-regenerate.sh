#!/usr/bin/env bash
# Regenerates each provider's EF Core compiled model and precompiled queries (needed for Native AOT).
# Run it after any change to an entity, the model, or a query in src/TicketMail.Data/Queries/.
#   scripts/ef-regenerate.sh                 regenerate CompiledModel/ for both providers
#   scripts/ef-regenerate.sh --migration X   first add migration X to both providers
#   scripts/ef-regenerate.sh --check         regenerate into a scratch copy and fail if anything differs
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

migration=""
check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --migration) migration="$2"; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "usage: $0 [--migration NAME] [--check]" >&2; exit 64 ;;
  esac
done

dotnet tool restore >/dev/null

for provider in Sqlite Postgres; do
  project="src/TicketMail.Data.$provider"
  # dotnet ef reads the project's metadata before it builds: a fresh clone has no obj/project.assets.json yet.
  dotnet restore "$project" >/dev/null
  if [ -n "$migration" ]; then
    dotnet ef migrations add "$migration" --project "$project" --startup-project "$project" --output-dir Migrations
  fi
  if [ "$check" = 1 ]; then
    cp -r "$project/CompiledModel" "/tmp/ticketmail-model-$provider.$$"
    # A check must never leave the tree without its model, whatever fails below.
    trap 'if [ ! -d "$project/CompiledModel" ] && [ -d "/tmp/ticketmail-model-$provider.$$" ]; then mv "/tmp/ticketmail-model-$provider.$$" "$project/CompiledModel"; fi' EXIT
  fi
  rm -rf "$project/CompiledModel"
  dotnet ef dbcontext optimize --project "$project" --startup-project "$project" \
    --output-dir CompiledModel --nativeaot --precompile-queries
  # The generated interceptors name each query call site by absolute path, which breaks a build from any
  # other checkout (CS9139). Roslyn resolves relative paths against the generated file's own folder.
  for f in "$project"/CompiledModel/*Interceptors*.cs; do
    [ -f "$f" ] || continue
    sed -i -E "s#\"$root/src/TicketMail.Data/Queries/#\"../../TicketMail.Data/Queries/#g" "$f"
    # The generator emits unsafe accessors for entity types without importing their namespace.
    grep -q '^using TicketMail.Data.Entities;' "$f" || sed -i 's/^using System;$/using System;\nusing TicketMail.Data.Entities;/' "$f"
  done
  if [ "$check" = 1 ]; then
    # Each generation draws a new random modelId: that line alone is no sign of a stale model.
    if ! diff -r -I 'modelId: new Guid(' "/tmp/ticketmail-model-$provider.$$" "$project/CompiledModel" >/dev/null; then
      diff -r -I 'modelId: new Guid(' "/tmp/ticketmail-model-$provider.$$" "$project/CompiledModel" | head -40 >&2
      rm -rf "/tmp/ticketmail-model-$provider.$$"
      echo "error: the compiled model of $provider is stale: run scripts/ef-regenerate.sh and commit the result" >&2
      exit 1
    fi
    # Up to date: put the committed files back, so a check leaves the work tree as it found it.
    rm -rf "$project/CompiledModel"
    mv "/tmp/ticketmail-model-$provider.$$" "$project/CompiledModel"
  fi
done
echo "compiled models are up to date"
