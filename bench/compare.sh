#!/usr/bin/env bash
# Whole-process benchmarks of twilint against ripgrep, git cat-file and (when on PATH) gitleaks.
# Not part of the test suite. Prints ratios; writes a results table, a chart and docs/performance.md.
#
#   bash bench/compare.sh
#
# Environment:
#   TWILINT_BIN        twilint binary (default: build/src/twilint, built in Release if missing)
#   TWILINT_BENCH_DIR  where the linux tree and generated repositories are kept
#                      (default: $HOME/.cache/twilint-bench; reused across runs)
#   RUNS               timed runs per command, the median is reported (default 5)
#   COMMITS            commits of the generated history (default 3000)
#   STAGED_FILES       files of the staged-benchmark repository (default 50000)
#   OUT                results directory (default: bench/results)
#   DOC                the report to write (default: docs/performance.md; "-" for none)
#   TWILIO_HISTORY     a Twilio-heavy git repository (e.g. a bare mirror of twilio/twilio-node) for
#                      the twilio-history rows: twilint history --no-cache vs git cat-file
#   TWILIO_TREE        a Twilio-heavy directory (e.g. the SDK working trees side by side) for the
#                      twilio-tree rows: twilint scan vs ripgrep with the SID pattern
#                      (both optional: their rows are left out when unset)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${TWILINT_BENCH_DIR:-$HOME/.cache/twilint-bench}"
runs="${RUNS:-5}"
commits="${COMMITS:-3000}"
staged_files="${STAGED_FILES:-50000}"
out="${OUT:-$here/bench/results}"
doc="${DOC:-$here/docs/performance.md}"
twilint="${TWILINT_BIN:-$here/build/src/twilint}"
mkdir -p "$bench_dir" "$out"

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
need_pkg() {  # need_pkg COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return
  echo "compare: installing $2" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >&2
}
need_pkg hyperfine hyperfine
need_pkg rg ripgrep
need_pkg gnuplot gnuplot-nox
need_pkg python3 python3
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time

if [ ! -x "$twilint" ]; then
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$here/build" --target twilint >&2
fi

# --- inputs -------------------------------------------------------------------------------------
tarball=/usr/src/linux-source-6.1.tar.xz
if [ ! -f "$tarball" ]; then
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-source-6.1 >&2
fi
linux="$bench_dir/linux-source-6.1"
if [ ! -d "$linux" ]; then
  echo "compare: unpacking $tarball" >&2
  tar -C "$bench_dir" -xf "$tarball"
fi

history_repo="$bench_dir/history-$commits.git"
if [ ! -d "$history_repo" ]; then
  echo "compare: building $history_repo ($commits commits)" >&2
  git init -q --bare "$history_repo.tmp"
  python3 "$here/bench/gen_history.py" "$linux" "$commits" 10 | git -C "$history_repo.tmp" fast-import --quiet
  git -C "$history_repo.tmp" symbolic-ref HEAD refs/heads/main
  git -C "$history_repo.tmp" repack -adq
  mv "$history_repo.tmp" "$history_repo"
fi

staged_repo="$bench_dir/staged-$staged_files"
if [ ! -d "$staged_repo" ]; then
  echo "compare: building $staged_repo" >&2
  git init -q "$staged_repo.tmp"
  python3 "$here/bench/gen_history.py" --flat "$staged_files" | git -C "$staged_repo.tmp" fast-import --quiet
  git -C "$staged_repo.tmp" symbolic-ref HEAD refs/heads/main
  git -C "$staged_repo.tmp" reset -q --hard main
  mv "$staged_repo.tmp" "$staged_repo"
fi
# The staged change: 10 edited files, one with a (fake) credential. Reset first so reruns agree.
git -C "$staged_repo" reset -q --hard main
i=0
for f in $(git -C "$staged_repo" ls-files | sort | awk 'NR % 5000 == 1' | head -10); do
  printf 'extra_%d = 1\n' "$i" >>"$staged_repo/$f"
  [ $i -eq 0 ] && printf 'TWILIO_AUTH_TOKEN = "e8d28a79023c39c200661fccd268a29a"\n' >>"$staged_repo/$f"
  i=$((i + 1))
done
git -C "$staged_repo" add -A

# --- measuring ----------------------------------------------------------------------------------
results="$out/results.tsv"
printf 'benchmark\ttool\tmedian_s\tmax_rss_mib\n' >"$results"
# bench NAME TOOL COMMAND...: median wall time of $runs runs (hyperfine) and peak RSS of one run.
bench() {
  local name="$1" tool="$2"
  shift 2
  local cmd
  printf -v cmd '%q ' "$@"
  local prepare=()
  [ -n "${bench_prepare:-}" ] && prepare=(--prepare "$bench_prepare")
  # -N: no intermediate shell, whose start-up hyperfine can only estimate and subtract - that
  # estimate dominated the error of the millisecond-scale staged and rules runs. Those get 20 runs.
  local n="$runs"
  [ "$name" = staged ] || [ "$name" = rules ] && n=$((runs > 20 ? runs : 20))
  hyperfine -N --style none --warmup 1 --runs "$n" -i "${prepare[@]}" --export-json "$out/$name-$tool.json" "$cmd" \
    >/dev/null 2>&1
  local median
  median=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' \
    "$out/$name-$tool.json")
  local rss
  [ -n "${bench_prepare:-}" ] && $bench_prepare
  rss=$( (/usr/bin/time -v "$@" >/dev/null 2>"$out/time.txt") || true; awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$out/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$name" "$tool" "$median" "$rss" | tee -a "$results" >&2
}

export XDG_CACHE_HOME="$bench_dir/xdg-cache"
rm -rf "$XDG_CACHE_HOME"

bench tree twilint "$twilint" scan --no-config --fail-on none -f json -o /dev/null "$linux"
bench tree rg rg -uuu -c -e '\b(AC|SK)[0-9a-f]{32}\b' "$linux"
if command -v gitleaks >/dev/null 2>&1; then
  bench tree gitleaks gitleaks detect --no-git --no-banner --exit-code 0 -s "$linux" -r /dev/null
fi

bench history twilint "$twilint" history --no-cache --no-config --fail-on none -f json -o /dev/null "$history_repo"
bench history git-cat-file sh -c "git -C '$history_repo' cat-file --batch-all-objects --batch >/dev/null"
if command -v gitleaks >/dev/null 2>&1; then
  bench history gitleaks gitleaks detect --no-banner --exit-code 0 -s "$history_repo" -r /dev/null
fi
# The incremental cache: a warm cache, then one new commit before every timed re-run. The commits
# go into a copy of the repository (made once), never into the generated one.
history_copy="$bench_dir/history-incremental.git"
[ -d "$history_copy" ] || git clone -q --bare --no-local "$history_repo" "$history_copy"
"$twilint" history --no-config --fail-on none -f json -o /dev/null "$history_copy"
bench_prepare="bash $here/bench/add_commit.sh $history_copy"
bench history-one-new-commit twilint "$twilint" history --no-config --fail-on none -f json -o /dev/null "$history_copy"

bench_prepare=""
if [ -n "${TWILIO_HISTORY:-}" ]; then
  bench twilio-history twilint "$twilint" history --no-cache --no-config --fail-on none -f json -o /dev/null "$TWILIO_HISTORY"
  bench twilio-history git-cat-file sh -c "git -C '$TWILIO_HISTORY' cat-file --batch-all-objects --batch >/dev/null"
fi
if [ -n "${TWILIO_TREE:-}" ]; then
  bench twilio-tree twilint "$twilint" scan --no-config --fail-on none -f json -o /dev/null "$TWILIO_TREE"
  bench twilio-tree rg rg -uuu -g '!.git' -c -e '\b(AC|SK)[0-9a-f]{32}\b' "$TWILIO_TREE"
fi
bench staged twilint "$twilint" staged --no-config --fail-on none -f json -o /dev/null "$staged_repo"
bench rules twilint "$twilint" rules list

# Engine figures (Google Benchmark), when the benchmark binary is built.
engine="$out/matcher_bench.txt"
: >"$engine"
for b in "${MATCHER_BENCH:-}" "$here/build/bench/matcher_bench" "$(dirname "$twilint")/../bench/matcher_bench"; do
  if [ -n "$b" ] && [ -x "$b" ]; then
    # A crashing benchmark must not lose the whole-process results: keep what it printed.
    ("$b" --benchmark_min_time=0.5 2>/dev/null || echo "(matcher_bench exited with status $?)") | tee "$engine" >&2
    break
  fi
done

# --- ratios, chart, report ----------------------------------------------------------------------
python3 - "$results" "$out" "$linux" "$history_repo" <<'PY'
import csv, os, subprocess, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
out = sys.argv[2]
t = {(r["benchmark"], r["tool"]): float(r["median_s"]) for r in rows}
def ratio(a, b):
    return "%.2fx" % (t[a] / t[b]) if a in t and b in t else "n/a"
lines = [
    "twilint scan / rg (tree):             " + ratio(("tree", "twilint"), ("tree", "rg")),
    "gitleaks / twilint scan (tree):       " + ratio(("tree", "gitleaks"), ("tree", "twilint")),
    "git cat-file / twilint history:       " + ratio(("history", "git-cat-file"), ("history", "twilint")),
    "gitleaks / twilint history:           " + ratio(("history", "gitleaks"), ("history", "twilint")),
    "twilint history after 1 new commit / uncached: " + ratio(("history-one-new-commit", "twilint"), ("history", "twilint")),
    "twilint history / git cat-file (Twilio-heavy): " + ratio(("twilio-history", "twilint"), ("twilio-history", "git-cat-file")),
    "twilint scan / rg (Twilio-heavy tree):  " + ratio(("twilio-tree", "twilint"), ("twilio-tree", "rg")),
]
open(os.path.join(out, "ratios.txt"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
# Throughput chart: MB/s of each tool on each input.
def size(path):
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout.split()[0])
sizes = {"tree": size(sys.argv[3]), "history": size(sys.argv[4])}
with open(os.path.join(out, "throughput.dat"), "w") as f:
    for r in rows:
        if r["benchmark"] in sizes:
            f.write('"%s %s" %.1f\n' % (r["benchmark"], r["tool"], sizes[r["benchmark"]] / 1e6 / float(r["median_s"])))
PY
gnuplot <<GP
set terminal svg size 720,360
set output "$out/throughput.svg"
set style fill solid 0.6
set boxwidth 0.6
set ylabel "MB/s (input size / median wall time)"
set xtics rotate by -20
set grid ytics
plot "$out/throughput.dat" using 0:2:xtic(1) with boxes notitle
GP

if [ "$doc" != "-" ]; then
  mkdir -p "$(dirname "$doc")"
  cp "$out/throughput.svg" "$(dirname "$doc")/performance.svg"
  python3 "$here/bench/write_report.py" "$out" "$doc" "$runs" "$commits" "$staged_files" "$history_repo"
fi
