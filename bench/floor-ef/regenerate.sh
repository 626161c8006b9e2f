#!/usr/bin/env bash
# Regenerates the EF floor's migrations (first time only) and compiled models with precompiled queries,
# as scripts/ef-regenerate.sh does for the product. Run after editing Model/ or Queries/.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="$provider/FloorEf.$provider.csproj"
  dotnet restore "$project" >/dev/null
  if [ ! -d "$provider/Migrations" ]; then
    dotnet ef migrations add Initial --project "$project" --startup-project "$project" --output-dir Migrations
  fi
  rm -rf "$provider/CompiledModel"
  dotnet ef dbcontext optimize --project "$project" --startup-project "$project" --output-dir CompiledModel --nativeaot --precompile-queries
  for f in "$provider"/CompiledModel/*Interceptors*.cs; do
    [ -f "$f" ] || continue
    # Relative call-site paths, so that another checkout builds too (CS9139).
    sed -i -E "s#\"$here/Queries/#\"../../Queries/#g" "$f"
  done
done
