#!/usr/bin/env bash
# Peer benchmark: the same platform of N tiers (8 objects per tier, 5 per namespace: Keelson's
# BenchmarkPlatform.of(N)) rendered by Keelson (bin/keelson-java, one file per tier, as `synth`
# writes; and again through `print`, one stream redirected to a file, as `helm template` writes), by
# Helm 3.17 (`helm template` of benchmarks/peers/helm/bench into one file) and by cdk8s-plus
# (`node benchmarks/peers/cdk8s/main.js`, one file), whole processes, runs alternating
# K P H C K P H C ... so that whatever else the machine does weighs on all alike. Prints every
# run, then per N: min/median/max wall time and peak RSS per tool, and the ratios Keelson/Helm,
# print/Helm and Keelson/cdk8s of the runs side by side (min/median/max), with the load average.
#
# Usage: benchmarks/peers/run-peers.sh [runs per point (default 5)] [N ...]   (default N: 10 1000 10000)
#        CDK8S_MAX=1000 benchmarks/peers/run-peers.sh 3    (cdk8s-plus only up to N=1,000)
# Needs: JDK 17, Maven (offline cache), npm (installs Helm through .ci/install-tools and cdk8s-plus
# into benchmarks/peers/cdk8s/node_modules, both gitignored), GNU time, python3. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
CDK8S_MAX=${CDK8S_MAX:-1000000}   # cdk8s-plus takes minutes at N=10,000: CDK8S_MAX=1000 leaves it out above 1,000
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 1000 10000)
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3 for the summary" >&2; exit 2; }

.ci/install-tools >/dev/null
HELM=.tools/bin/helm
CHART=benchmarks/peers/helm/bench
if [ ! -d benchmarks/peers/cdk8s/node_modules/cdk8s-plus-31 ]; then
  (cd benchmarks/peers/cdk8s && npm install --no-audit --no-fund --silent)
fi
mvn -B -o -q -pl benchmarks -am package -DskipTests
CP="benchmarks/target/keelson-benchmarks-0.1.0-SNAPSHOT.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"
CP=${CP%:}
OUT=$(mktemp -d /tmp/keelson-peers-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
MAIN=dev.keelson.benchmarks.SynthMain
PRINT=dev.keelson.benchmarks.PrintMain   # the same platform through `print`: one stream, as helm template writes
export KEELSON_CDS_DIR="$OUT/cds"
bin/keelson-java -Xmx512m -cp "$CP" $MAIN 100 "$OUT/train" >/dev/null   # the launcher's CDS archive, once
# print loads other classes (picocli, the runner): its own archive, as a user's jar running print would have
KEELSON_CDS_DIR="$OUT/cds-print" bin/keelson-java -Xmx512m -cp "$CP" $PRINT 100 >/dev/null

# The three render the same objects: compare the kinds and names at N=3 before timing anything.
bin/keelson-java -Xmx512m -cp "$CP" $MAIN 3 "$OUT/k3" >/dev/null
KEELSON_CDS_DIR="$OUT/cds-print" bin/keelson-java -Xmx512m -cp "$CP" $PRINT 3 >"$OUT/p3.yaml"
"$HELM" template bench "$CHART" --set tiers=3 >"$OUT/h3.yaml"
node benchmarks/peers/cdk8s/main.js 3 "$OUT/c3" >/dev/null
objects() { cat "$@" | awk '/^kind:/ {k=$2} /^  name:/ && k {print k "/" $2; k=""}' | sort; }
if ! diff <(objects "$OUT"/k3/prod/*.yaml) <(objects "$OUT/h3.yaml") >/dev/null \
    || ! diff <(objects "$OUT"/k3/prod/*.yaml) <(objects "$OUT"/c3/*.yaml) >/dev/null \
    || ! diff <(objects "$OUT"/k3/prod/*.yaml) <(objects "$OUT/p3.yaml") >/dev/null; then
  echo "error: the three do not render the same objects at N=3" >&2
  diff <(objects "$OUT"/k3/prod/*.yaml) <(objects "$OUT/h3.yaml") >&2 || true
  diff <(objects "$OUT"/k3/prod/*.yaml) <(objects "$OUT"/c3/*.yaml) >&2 || true
  exit 1
fi

RESULTS="$OUT/results.tsv"
once() { # tool, N, run, command...
  local tool=$1 n=$2 r=$3; shift 3
  rm -rf "$OUT/dist"
  mkdir -p "$OUT/dist"
  sync
  local start end
  start=$(date +%s%N)
  /usr/bin/time -v "$@" >/dev/null 2>"$OUT/time.txt" || { cat "$OUT/time.txt" >&2; exit 1; }
  end=$(date +%s%N)
  python3 - "$tool" "$n" "$r" "$OUT/time.txt" "$(cut -d' ' -f1 /proc/loadavg)" "$start" "$end" >>"$RESULTS" <<'PY'
import sys, re
tool, n, r, path, load, start, end = sys.argv[1:]
t = open(path).read()
secs = (int(end) - int(start)) / 1e9   # GNU time's own wall clock has 10 ms steps
rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1)) // 1024
print(f"{tool}\t{n}\t{r}\t{secs:.3f}\t{rss}\t{load}")
PY
  tail -1 "$RESULTS" | awk -F'\t' '{printf "%-8s N=%-6s run %s  wall %7.3f s  peak RSS %4d MiB  load %s\n", $1, $2, $3, $4, $5, $6}'
}

echo "java: $(java -version 2>&1 | sed -n 1p); $("$HELM" version --short); node $(node --version); cdk8s-plus-31 \
$(node -p "require('./benchmarks/peers/cdk8s/node_modules/cdk8s-plus-31/package.json').version"); cores: $(nproc)"
for n in "${SIZES[@]}"; do
  for ((r = 1; r <= RUNS; r++)); do
    once keelson "$n" "$r" bin/keelson-java -Xmx512m -cp "$CP" $MAIN "$n" "$OUT/dist/k"
    once print "$n" "$r" sh -c "KEELSON_CDS_DIR=\"$OUT/cds-print\" bin/keelson-java -Xmx512m -cp \"$CP\" $PRINT $n > \"$OUT/dist/print.yaml\""
    once helm "$n" "$r" sh -c "\"$HELM\" template bench \"$CHART\" --set tiers=$n > \"$OUT/dist/helm.yaml\""
    if [ "$n" -le "$CDK8S_MAX" ]; then
      once cdk8s "$n" "$r" node benchmarks/peers/cdk8s/main.js "$n" "$OUT/dist/c"
    fi
  done
done

python3 - "$RESULTS" <<'PY'
import sys, statistics as st
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
def fmt(xs): return f"{min(xs):.2f} / {st.median(xs):.2f} / {max(xs):.2f}"
sizes = sorted({int(r[1]) for r in rows})
print("\nper N: wall min / median / max (s), peak RSS max (MiB); ratios of the runs side by side (min / median / max)")
print("| N | Keelson wall | Keelson print wall | Helm wall | cdk8s-plus wall | Keelson RSS | print RSS | Helm RSS | cdk8s RSS "
      "| Keelson/Helm | print/Helm | Keelson/cdk8s | load |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for n in sizes:
    by = {t: [r for r in rows if int(r[1]) == n and r[0] == t] for t in ("keelson", "print", "helm", "cdk8s")}
    wall = {t: [float(r[3]) for r in v] for t, v in by.items()}
    rss = {t: max((int(r[4]) for r in v), default=0) for t, v in by.items()}
    if not wall["cdk8s"]:
        wall["cdk8s"] = [float("nan")]
    kh = [k / h for k, h in zip(wall["keelson"], wall["helm"])]
    ph = [p / h for p, h in zip(wall["print"], wall["helm"])]
    kc = [k / c for k, c in zip(wall["keelson"], wall["cdk8s"])] or [float("nan")]
    loads = [float(r[5]) for r in rows if int(r[1]) == n]
    print(f"| {n:,} | {fmt(wall['keelson'])} | {fmt(wall['print'])} | {fmt(wall['helm'])} | {fmt(wall['cdk8s'])} | "
          f"{rss['keelson']} | {rss['print']} | {rss['helm']} | {rss['cdk8s']} | {fmt(kh)}x | {fmt(ph)}x | {fmt(kc)}x | "
          f"{min(loads):.1f}-{max(loads):.1f} |")
PY
