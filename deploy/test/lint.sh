#!/bin/bash
# Runs shellcheck on every shell script in deploy/, sieve/ and .ci/
# (files named *.sh, and files whose first line names bash or sh).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v shellcheck >/dev/null || { echo "lint: shellcheck not found (apt-get install shellcheck)" >&2; exit 1; }

scripts=()
for dir in deploy sieve .ci; do
    [[ -d "$repo/$dir" ]] || continue
    while IFS= read -r -d '' file; do
        if [[ "$file" == *.sh ]] || head -n1 "$file" | grep -qE '^#!.*\b(ba)?sh\b'; then
            scripts+=("${file#"$repo"/}")
        fi
    done < <(find "$repo/$dir" -type f ! -path '*/fixtures/*' -print0 | sort -z)
done

cd "$repo"
if shellcheck -x "${scripts[@]}"; then
    echo "lint: shellcheck clean: ${#scripts[@]} scripts: ${scripts[*]}"
else
    echo "lint: shellcheck found problems" >&2
    exit 1
fi
