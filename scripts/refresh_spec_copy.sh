#!/usr/bin/env bash
# The repository keeps its own copy of everything its tests read from the project's shared
# folder (../shared beside the checkout, or $CTORCH_SHARED_DIR), so that a clone with nothing
# beside it builds and runs every test:
#   ../shared/spec/vectors/*.jsonl  ->  tests/conformance/vectors/
#   ../shared/seed/*.txt            ->  tests/conformance/seed/
#   ../shared/spec/files/*          ->  tests/conformance/files/  (file-format fixtures, manifest, checker)
#
#   scripts/refresh_spec_copy.sh          copy the shared files over the repository's copy
#   scripts/refresh_spec_copy.sh --check  exit 1 if the copy differs from the shared files,
#                                         77 (a skip for ctest) if there is no shared folder
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${CTORCH_SHARED_DIR:-$repo/../shared}"
check=0
[[ "${1:-}" == "--check" ]] && check=1

# source folder, file pattern, destination folder (relative to the repository)
pairs=(
  "spec/vectors" "*.jsonl" "tests/conformance/vectors"
  "seed" "*.txt" "tests/conformance/seed"
  "spec/files" "*" "tests/conformance/files"
)

if [[ ! -d "$shared/spec/vectors" ]]; then
  echo "no shared folder at $shared: nothing to compare the repository's copy with"
  ((check)) && exit 77
  exit 0
fi

stale=0
for ((i = 0; i < ${#pairs[@]}; i += 3)); do
  src="$shared/${pairs[i]}" pattern="${pairs[i + 1]}" dst="$repo/${pairs[i + 2]}"
  mkdir -p "$dst"
  # Every shared file must be in the copy, byte for byte...
  for f in "$src"/$pattern; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f")"
    if ! cmp -s "$f" "$dst/$name"; then
      if ((check)); then echo "stale: ${pairs[i + 2]}/$name differs from $f"; stale=1
      else cp "$f" "$dst/$name"; echo "copied $f"; fi
    fi
  done
  # ...and the copy must hold nothing the shared folder no longer has.
  for f in "$dst"/$pattern; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f")"
    if [[ ! -e "$src/$name" ]]; then
      if ((check)); then echo "stale: ${pairs[i + 2]}/$name is not in $src"; stale=1
      else rm "$f"; echo "removed $f"; fi
    fi
  done
done
if ((check)); then
  if ((stale)); then echo "run scripts/refresh_spec_copy.sh to refresh the copy"; exit 1; fi
  echo "the repository's copy matches $shared"
fi
