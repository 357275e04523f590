#!/usr/bin/env bash
# bench/add_commit.sh REPO: adds one commit on top of REPO's main branch (bare or not) that adds a
# small new file, without a work tree: the "one new commit" before an incremental history re-run.
set -euo pipefail
repo="$1"
tmp_index="$(mktemp)"
trap 'rm -f "$tmp_index"' EXIT
rm -f "$tmp_index"  # git wants to create the index itself
stamp="$(date +%s%N)"
blob=$(printf 'added by bench/add_commit.sh at %s\n' "$stamp" | git -C "$repo" hash-object -w --stdin)
export GIT_INDEX_FILE="$tmp_index"
git -C "$repo" read-tree main
git -C "$repo" update-index --add --cacheinfo "100644,$blob,bench-new/$stamp.txt"
tree=$(git -C "$repo" write-tree)
commit=$(GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench \
         GIT_COMMITTER_EMAIL=bench@example.com git -C "$repo" commit-tree "$tree" -p main -m "bench: one new commit")
git -C "$repo" update-ref refs/heads/main "$commit"
