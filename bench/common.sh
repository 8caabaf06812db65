# Shared by the bench scripts: a virtualenv of peer tools, a release build,
# and timing with peak memory. Source it; do not run it.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
PYWARD="$REPO_DIR/target/release/pyward"
mkdir -p "$WORK_DIR"

# venv NAME PACKAGE...: creates bench/work/NAME-venv with the packages; prints its bin folder.
venv() {
  local name="$1"; shift
  local dir="$WORK_DIR/$name-venv"
  if [ ! -x "$dir/bin/python" ]; then
    python3 -m venv "$dir" >&2
  fi
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >&2
  echo "$dir/bin"
}

build_pyward() {
  [ -n "${PYWARD_SKIP_BUILD:-}" ] && return 0
  (cd "$REPO_DIR" && cargo build --release --quiet -p pyward) >&2
}

# measure OUT_PREFIX COMMAND...: runs once; appends "seconds kilobytes" to OUT_PREFIX.times.
measure() {
  local out="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK_DIR/.time" "$@" >/dev/null 2>&1 || true
  cat "$WORK_DIR/.time" >> "$out.times"
}

# median_of FILE COLUMN: the median of a column of numbers.
median_of() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'
}

# spread_of FILE COLUMN: "lowest–highest" of a column of numbers.
spread_of() {
  sort -n -k"$2" "$1" | awk -v c="$2" 'NR==1 {lo=$c} {hi=$c} END {printf "%s–%s\n", lo, hi}'
}

max_of() {
  sort -n -k"$2" "$1" | tail -n 1 | awk -v c="$2" '{print $c}'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

stdlib_dir() {
  python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'
}
