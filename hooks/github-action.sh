#!/usr/bin/env bash
# The scan step of action.yml (the composite GitHub Action), also usable as a plain workflow step.
# Scans what the push or pull request adds (the whole history when the event names no base), writes
# SARIF for code scanning, prints ::error annotations, and records the exit status in
# $GITHUB_OUTPUT as `status` so a later step can gate after the SARIF upload.
#
# Environment (GitHub sets the GITHUB_* ones):
#   GITHUB_EVENT_PATH   the event payload: pull_request.base.sha, else before, is the base
#   GITHUB_WORKSPACE    the checkout to scan (needs fetch-depth: 0 for the base commit)
#   GITHUB_OUTPUT       where `status=N` is written (optional outside Actions)
#   TWILINT             the binary (default: twilint on PATH)
#   TWILINT_BASELINE    baseline file, relative to the workspace; used when it exists
#   TWILINT_FAIL_ON     --fail-on level (default medium)
#   TWILINT_SARIF       SARIF output file (default twilint.sarif in the workspace)
set -uo pipefail

bin="${TWILINT:-twilint}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
fail_on="${TWILINT_FAIL_ON:-medium}"
sarif="${TWILINT_SARIF:-$workspace/twilint.sarif}"
baseline="${TWILINT_BASELINE:-.twilint-baseline.json}"

# The base commit: a pull request's base, else the commit before a push (all zeros for a new
# branch, which twilint reads as "what no other ref reaches"). None for other events.
base=""
if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
  base="$(python3 -c 'import json, sys
event = json.load(open(sys.argv[1]))
print((event.get("pull_request") or {}).get("base", {}).get("sha") or event.get("before") or "")' "$GITHUB_EVENT_PATH")" || {
    echo "::error::twilint: cannot read the event payload $GITHUB_EVENT_PATH" >&2
    exit 2
  }
fi

args=(history "$workspace" --fail-on "$fail_on")
[ -n "$base" ] && args+=(--since-commit "$base")
if [ -f "$workspace/$baseline" ]; then
  args+=(--baseline "$workspace/$baseline")
elif [ -n "${TWILINT_BASELINE:-}" ]; then
  echo "::error::twilint: baseline $baseline does not exist in the workspace" >&2
  exit 2
fi

"$bin" "${args[@]}" --format sarif --output "$sarif"
status=$?
# The same scan again as annotations; the blob cache makes this second pass cheap.
"$bin" "${args[@]}" --format github
[ -n "${GITHUB_OUTPUT:-}" ] && echo "status=$status" >> "$GITHUB_OUTPUT"
echo "twilint: exit status $status (0 clean, 1 findings at or above $fail_on, 2 usage error, 3 incomplete scan)" >&2
exit 0
