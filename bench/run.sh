#!/usr/bin/env bash
# bench/run.sh [-w WORK_DIR] [-r RUNS] [-o OUT_PARENT] [N ...]
#
# Build speed and memory of spaser, side by side with Hugo, on the generic
# corpus of ../shared/tools/bench (gen-corpus.go; default N = 1000 10000),
# plus the cold build of the default site (the repo root).
#
# For each N: generates WORK_DIR/N/content if absent (the same folder as
# ../shared/tools/bench/hugo-bench.sh, so corpora are shared), makes
# WORK_DIR/N the Hugo site (hugo-site/ copied in) and WORK_DIR/N-spaser the
# spaser site (content copied with its links to .md files, bench/site/ copied over it), builds each
# once untimed (warm-up), then alternates spaser and Hugo run by run
# (A B A B ..., RUNS each, default 5), each into a new empty output folder
# after `sync`, under /usr/bin/time -v. Prints median wall time, pages/s
# (HTML files written / median wall), median peak RSS and the ratios
# spaser/Hugo against the goals of issue 6 (wall <= 0.5, RSS <= 0.3).
#
# Output folders are new for each run and deleted only when the script ends:
# on this machine's ext4 (no journal), creating files within a minute or so
# of deleting many others is several times slower in the kernel (recently
# deleted inodes are skipped one by one), which would time the file system
# rather than the generators (README.md). They are made in OUT_PARENT
# (default WORK_DIR); -o /dev/shm takes the disk out of the comparison.
#
# Installs nothing. Needs go and /usr/bin/time (apt-get install -y time).
# Hugo (HUGO=/path/to/hugo, else PATH, else $(go env GOPATH)/bin/hugo) is
# optional: without it only spaser is measured. To get Hugo v0.166.0 (~3 min):
#   AUDIT_STATE=$HOME/.cache/site-audit bash ../shared/tools/audit/install.sh --with-hugo
# or only: CGO_ENABLED=0 GOTOOLCHAIN=go1.27.4 go install github.com/gohugoio/hugo@v0.166.0
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$REPO/../shared/tools/bench}"
WORK=/tmp/ssg-bench; RUNS=5; OUTP=""
while getopts "w:r:o:" o; do
  case "$o" in w) WORK="$OPTARG" ;; r) RUNS="$OPTARG" ;; o) OUTP="$OPTARG" ;; *) sed -n '2p' "$0" >&2; exit 2 ;; esac
done
shift $((OPTIND - 1))
SIZES=("${@:-1000 10000}"); SIZES=(${SIZES[*]})

[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 2; }
[ -f "$SHARED_BENCH/gen-corpus.go" ] || { echo "$SHARED_BENCH/gen-corpus.go not found (set SHARED_BENCH=...)" >&2; exit 2; }
HUGO="${HUGO:-$(command -v hugo || echo "$(go env GOPATH)/bin/hugo")}"
if [ ! -x "$HUGO" ]; then
  echo "note: Hugo not found, measuring spaser alone. To compare, install Hugo v0.166.0 (~3 min):" >&2
  echo "  AUDIT_STATE=\$HOME/.cache/site-audit bash $REPO/../shared/tools/audit/install.sh --with-hugo" >&2
  echo "  (or CGO_ENABLED=0 GOTOOLCHAIN=go1.27.4 go install github.com/gohugoio/hugo@v0.166.0), then HUGO=... $0" >&2
  HUGO=""
fi
mkdir -p "$WORK/bin"
SPASER="$WORK/bin/spaser"
OUTS="$(mktemp -d "${OUTP:-$WORK}/ssg-bench-out.XXXXXX")"
trap 'rm -rf "$OUTS"' EXIT
RUN=0
newout() { RUN=$((RUN + 1)); OUT="$OUTS/$RUN"; }
(cd "$REPO" && go build -o "$SPASER" ./cmd/spaser)

# measure DIR CMD... : one timed run of CMD in DIR; prints "wall_s rss_kib user_s sys_s"
# (the measure function of hugo-bench.sh)
measure() {
  local dir="$1"; shift
  local tf; tf="$(mktemp)"
  (cd "$dir" && /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>&1)
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n=split($2,a,":"); w=0; for(i=1;i<=n;i++) w=w*60+a[i] }
    /Maximum resident set size/ { rss=$2 }
    /User time/ { u=$2 } /System time/ { s=$2 }
    END { printf "%.3f %d %.2f %.2f\n", w, rss, u, s }' "$tf"
  rm -f "$tf"
}
median() { sort -g | awk '{a[NR]=$1} END { if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

# run LABEL DIR CMD... : syncs, measures CMD (which writes into $OUT, a new
# empty folder); appends to LABEL's arrays
declare -A WALLS RSSS CPUS
run() {
  local label="$1" dir="$2"; shift 2
  sync; sleep 1   # let the previous run's writes settle before timing
  read -r w rss u s < <(measure "$dir" "$@")
  WALLS[$label]+="$w "; RSSS[$label]+="$rss "; CPUS[$label]+="$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}') "
}
# report LABEL HTML_FILES : prints one table row, sets MW and MRSS
report() {
  local label="$1" html="$2"
  MW=$(printf '%s\n' ${WALLS[$label]} | median)
  MRSS=$(printf '%s\n' ${RSSS[$label]} | median)
  local mcpu; mcpu=$(printf '%s\n' ${CPUS[$label]} | median)
  printf '%-14s %-7s %-40s %-9s %-8s %-9s %s\n' "$label" "$html" "${WALLS[$label]}" "$MW" \
    "$(awk -v h="$html" -v w="$MW" 'BEGIN{printf "%.0f", h/w}')" "$((MRSS / 1024)) MiB" "$mcpu"
}
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { printf "%.2f (goal <= %s: %s)", r, g, (r <= g ? "met" : "MISSED") }'; }

echo "spaser $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$HUGO" ] || echo "   hugo: $("$HUGO" version | cut -d' ' -f1-2)")   cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "outputs in $OUTS ($(df -T "$OUTS" | awk 'NR == 2 { print $2 }'))"
printf '%-14s %-7s %-40s %-9s %-8s %-9s %s\n' site html "wall s (runs)" "median s" "pages/s" "peak RSS" "median user+sys s"

# The default site: cold builds (a new process each time).
newout; "$SPASER" build --source "$REPO" --dest "$OUT" >/dev/null   # warm-up; stops here on errors
for _ in $(seq 1 "$RUNS"); do newout; run default "$REPO" "$SPASER" build --source "$REPO" --dest "$OUT"; done
report default "$(find "$OUT" -name '*.html' | wc -l)"
echo "  default site cold build: $MW s (goal <= 0.5 s: $(awk -v w="$MW" 'BEGIN { print (w <= 0.5 ? "met" : "MISSED") }'))"

for N in "${SIZES[@]}"; do
  SITE="$WORK/$N"; SP="$WORK/$N-spaser"
  if [ ! -f "$SITE/content/_index.md" ] || [ "$(find "$SITE/content" -name 'p*.md' | wc -l)" != "$N" ]; then
    (cd "$SHARED_BENCH" && go run gen-corpus.go -n "$N" -out "$SITE" >/dev/null)
  fi
  # Two site folders over one corpus, as both generators read layouts/.
  rm -rf "$SITE/layouts" "$SITE/hugo.toml" "$SITE/resources"
  cp -r "$SHARED_BENCH/hugo-site/hugo.toml" "$SHARED_BENCH/hugo-site/layouts" "$SITE/"
  # spaser's copy of the corpus: the same pages, with links written as
  # spaser's editors write them, to the page's .md file (the corpus writes
  # Hugo's addresses, /s01/p00001/, which spaser refuses with a hint).
  if [ ! -f "$SP/.corpus" ] || [ "$SITE/content/_index.md" -nt "$SP/.corpus" ] || [ "$SITE/content/_index.md" -ef "$SP/content/_index.md" ]; then
    rm -rf "$SP/content"; mkdir -p "$SP"
    cp -r "$SITE/content" "$SP/content"
    find "$SP/content" -name '*.md' -exec sed -i -E 's#\]\(/([a-z0-9-]+)/(p[0-9]+)/\)#](/\1/\2.md)#g' {} +
    touch "$SP/.corpus"
  fi
  rm -rf "$SP/layouts" "$SP/data"
  cp -r "$HERE/site/." "$SP/"
  unset 'WALLS[spaser]' 'WALLS[hugo]' 'RSSS[spaser]' 'RSSS[hugo]' 'CPUS[spaser]' 'CPUS[hugo]'
  # warm-up (page cache), not timed
  newout; "$SPASER" build --source "$SP" --dest "$OUT" >/dev/null
  newout; [ -z "$HUGO" ] || "$HUGO" --quiet --source "$SITE" --destination "$OUT" >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    newout; run spaser "$SP" "$SPASER" build --source "$SP" --dest "$OUT"; SOUT=$OUT
    [ -z "$HUGO" ] || { newout; run hugo "$SITE" "$HUGO" --quiet --destination "$OUT"; HOUT=$OUT; }
  done
  echo "N = $N"
  report spaser "$(find "$SOUT" -name '*.html' | wc -l)"; SW=$MW; SRSS=$MRSS
  if [ -n "$HUGO" ]; then
    report hugo "$(find "$HOUT" -name '*.html' | wc -l)"; HW=$MW; HRSS=$MRSS
    echo "  spaser/hugo: wall $(verdict "$(awk -v a="$SW" -v b="$HW" 'BEGIN{print a/b}')" 0.5), peak RSS $(verdict "$(awk -v a="$SRSS" -v b="$HRSS" 'BEGIN{print a/b}')" 0.3)"
  fi
done
