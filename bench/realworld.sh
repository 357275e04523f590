#!/usr/bin/env bash
# Precision on real repositories: for every git mirror under DIR (a bare repository, or a
# directory holding one as DIR/<name>/repo or DIR/<name>.git), runs `twilint history` over all
# refs and a `twilint scan` of a temporary HEAD checkout, and prints per repository the findings by
# rule and severity, the count at medium or above, and the time each run took.
#
#   bash bench/realworld.sh DIR [TWILINT]      # TWILINT defaults to ./build/src/twilint
#
# Nothing is written into the mirrors; the checkouts and reports live in a temp dir that is removed.
set -euo pipefail
dir="${1:?usage: bash bench/realworld.sh DIR [TWILINT]}"
bin="$(realpath "${2:-./build/src/twilint}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mirrors=()
while IFS= read -r -d '' head; do
  git_dir="$(dirname "$head")"
  [ -d "$git_dir/objects" ] && mirrors+=("$git_dir")  # a git directory, not logs/HEAD
done < <(find -L "$dir" -maxdepth 3 -name HEAD -type f -print0 | sort -z)
[ ${#mirrors[@]} -gt 0 ] || { echo "realworld.sh: no git repositories under $dir" >&2; exit 2; }

summarise() {  # report.json label seconds
  python3 - "$1" "$2" "$3" <<'PY'
import collections, json, sys
report, label, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
doc = json.load(open(report))
counts = collections.Counter((f["rule_id"], f["severity"]) for f in doc["findings"])
medium = sum(n for (_, sev), n in counts.items() if sev in ("medium", "high", "critical"))
print(f"  {label}: {len(doc['findings'])} findings, {medium} at medium or above, {seconds:.1f} s")
for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"    {n:6d}  {sev:8s}  {rule}")
PY
}

timed() {  # report.json label command...
  local report="$1" label="$2"; shift 2
  local start end
  start=$(date +%s.%N)
  "$@" --format json --fail-on none --output "$report" 2>"$work/stderr" || [ $? -eq 3 ]
  end=$(date +%s.%N)
  summarise "$report" "$label" "$(echo "$end - $start" | bc)"
}

for git_dir in "${mirrors[@]}"; do
  name="$(basename "$(dirname "$git_dir")")/$(basename "$git_dir")"
  echo "$name"
  timed "$work/history.json" "history (all refs, --no-cache)" "$bin" history --no-cache "$git_dir"
  rm -rf "$work/checkout"
  if git clone -q --no-hardlinks "$git_dir" "$work/checkout" 2>/dev/null; then
    timed "$work/head.json" "scan of HEAD" "$bin" scan "$work/checkout"
  else
    echo "  scan of HEAD: no checkout (empty repository?)"
  fi
done
