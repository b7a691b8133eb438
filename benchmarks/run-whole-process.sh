#!/usr/bin/env bash
# Whole-process benchmark: builds once, then times `java ... SynthMain N <dir>` for N tiers of
# BenchmarkPlatform (nine objects per tier, one environment), with and without the launcher's
# JVM options (bin/keelson-java: AppCDS archive + C1 only + Serial GC), reporting wall time,
# CPU time (user+sys) and peak RSS from /usr/bin/time -v.
#
# Usage: benchmarks/run-whole-process.sh [runs-per-point (default 3)] [N ...]
# FLAVOR=builders measures BenchmarkPlatform.withBuilderFeature (core + a feature written with
# fabric8 builders) instead of the default, BenchmarkPlatform.of (core + security + autoscaling).
# Needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 100 1000 10000)
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }

FLAVOR=${FLAVOR:-modules}
mvn -B -o -q -pl benchmarks -am package -DskipTests
CP="benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"
CP=${CP%:}
OUT=$(mktemp -d /tmp/keelson-whole-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
MAIN=dev.keelson.benchmarks.SynthMain
HEAP=-Xmx512m

# the launcher creates its CDS archive on first use; do that once here (a training run at N=100)
export KEELSON_CDS_DIR="$OUT/cds"
bin/keelson-java $HEAP -cp "$CP" $MAIN 100 "$OUT/train" "$FLAVOR" >/dev/null

once() { # label, N, run, then the java command line
  local label=$1 n=$2 r=$3; shift 3
  rm -rf "$OUT/dist"
  sync # the file system's work for the deleted files is not charged to the next run
  /usr/bin/time -v "$@" $MAIN "$n" "$OUT/dist" "$FLAVOR" >/dev/null 2>"$OUT/time.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$OUT/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$OUT/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
  printf '%-9s N=%-6s run %d  wall %8s  cpu %6.2f s  peak RSS %4d MiB  load %s\n' "$label" "$n" "$r" "$wall" \
    "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
}

echo "java: $(java -version 2>&1 | sed -n 1p); cores: $(nproc); platform: $FLAVOR"
# plain and launcher runs alternate, so that whatever the machine is doing weighs on both alike
for n in "${SIZES[@]}"; do
  for ((r = 1; r <= RUNS; r++)); do
    once plain "$n" "$r" java $HEAP -cp "$CP"
    once launcher "$n" "$r" bin/keelson-java $HEAP -cp "$CP"
  done
done | sort -s -k1,1
