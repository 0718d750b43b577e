#!/usr/bin/env bash
# Benchmark: ipvsadm-j against Debian's ipvsadm 1.31, in one run.
#
#   bench/ipvsadm-j.sh [SERVICES] [DESTINATIONS]      (default 10000 10; build first:
#                                                      mvn -B -pl ipvsadm-j -am package)
#
# 1. In the kernel lab (lab/run), on one table of SERVICES x DESTINATIONS NAT servers:
#    -R of the same rules by each tool, each into a new namespace (the restored tables must
#    be identical), then -Ln, -Ln --thresholds (3 times each per round, LVSJ_BENCH_LIST_REPEAT)
#    and one -A by each on that table (identical listings), best of 5 rounds
#    (LVSJ_BENCH_ROUNDS). Prints seconds, the ratio ipvsadm / ipvsadm-j, and every time.
# 2. On the host (no IPVS): hyperfine wall time of bin/ipvsadm-j -h and of a failing -A, with
#    and without the AOT cache, next to Debian's ipvsadm (which fails at once without IPVS).
#
# Not a test: it prints a table for docs/BENCHMARKS.md and fails only if something broke.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

if [ "${1:-}" = --in-lab ]; then
  services=$2 dests=$3
  work=$repo/target/bench
  mkdir -p "$work"
  rules=$work/rules.txt
  # the rules: service i at 172.16.x.y:80, its servers at 10.d.x.y:8080
  awk -v n="$services" -v d="$dests" 'BEGIN {
    for (i = 0; i < n; i++) {
      a = int(i / 256) % 256; b = i % 256; c = 16 + int(i / 65536)
      printf "-A -t 172.%d.%d.%d:80 -s rr\n", c, a, b
      for (j = 1; j <= d; j++) printf "-a -t 172.%d.%d.%d:80 -r 10.%d.%d.%d:8080 -m -w %d\n", c, a, b, j + 16 * int(i / 65536), a, b, j
    }
  }' > "$rules"
  lines=$(wc -l < "$rules")
  # Each -R gets a namespace of its own: a flushed table leaves its servers in the kernel's
  # destination trash for minutes, and every later add searches that list, so whichever
  # restore ran second on a flushed table would be charged for the first one. The runs of
  # the two tools alternate, and the best of each is kept: other work on the machine slows
  # the emulated kernel a lot, and in bursts.
  namespaces=()
  trap 'for n in "${namespaces[@]}"; do ip netns delete "$n" 2>/dev/null || true; done' EXIT
  fresh_ns() { ns=ipa-bench-$1; ip netns add "$ns"; ip netns exec "$ns" ip link set lo up; namespaces+=("$ns"); }
  in_ns() { ip netns exec "$ns" "$@"; }
  timed() { # runs "$@" (with the caller's redirections); sets $elapsed to its wall time in seconds
    local start end
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    elapsed=$(awk -v t=$((end - start)) 'BEGIN { printf "%.3f", t / 1e9 }')
  }
  keep_best() { # keep_best VAR: VAR = min(VAR, $elapsed); every value is kept in VAR_all
    if [ -z "${!1}" ] || awk -v a="$elapsed" -v b="${!1}" 'BEGIN { exit !(a < b) }'; then printf -v "$1" %s "$elapsed"; fi
    local all=${1}_all
    printf -v "$all" '%s %s' "${!all:-}" "$elapsed"
  }
  jvm=("$repo/bin/ipvsadm-j")

  r_c= r_j= l_c= l_j= t_c= t_j= e_c= e_j=
  rounds=${LVSJ_BENCH_ROUNDS:-5}
  for round in $(seq "$rounds"); do
    # Odd rounds run ipvsadm first, even rounds ipvsadm-j first, so neither always runs in the
    # other's wake. Both tables stay until the round ends (deleting a namespace frees its table
    # in the background, which would slow whatever runs next), then the kernel gets a rest.
    for tool in $( [ $((round % 2)) = 1 ] && echo "c j" || echo "j c"); do
      fresh_ns $tool$round
      if [ $tool = c ]; then
        timed in_ns ipvsadm -R < "$rules"; keep_best r_c
        in_ns ipvsadm -Sn > "$work/saved-by-ipvsadm.txt"
      else
        timed in_ns "${jvm[@]}" -R < "$rules"; keep_best r_j
        in_ns ipvsadm -Sn > "$work/saved-by-ipvsadm-j.txt"
      fi
    done
    cmp -s "$work/saved-by-ipvsadm.txt" "$work/saved-by-ipvsadm-j.txt" \
      || { echo "bench: the tables restored by ipvsadm and ipvsadm-j differ" >&2; exit 1; }
    [ "$(wc -l < "$work/saved-by-ipvsadm-j.txt")" -eq "$lines" ] \
      || { echo "bench: the restored table does not have $lines entries" >&2; exit 1; }
    # -Ln, -Ln --thresholds and a single -A, both tools on the same table. The listings take
    # seconds, not minutes, so each is repeated within the round (the tools still alternating):
    # the emulated kernel runs at a third of its speed whenever the host's other CPU work
    # comes in a burst, and more samples make it likelier that each tool has a quiet one.
    ns=ipa-bench-j$round
    for repeat in $(seq "${LVSJ_BENCH_LIST_REPEAT:-3}"); do
      for tool in $( [ $(((round + repeat) % 2)) = 0 ] && echo "c j" || echo "j c"); do
        if [ $tool = c ]; then
          timed in_ns ipvsadm -Ln > "$work/list-ipvsadm.txt"; keep_best l_c
          timed in_ns ipvsadm -Ln --thresholds > "$work/thresholds-ipvsadm.txt"; keep_best t_c
        else
          timed in_ns "${jvm[@]}" -Ln > "$work/list-ipvsadm-j.txt"; keep_best l_j
          timed in_ns "${jvm[@]}" -Ln --thresholds > "$work/thresholds-ipvsadm-j.txt"; keep_best t_j
        fi
      done
    done
    timed in_ns ipvsadm -A -t 192.0.2.$round:80 -s rr; keep_best e_c
    timed in_ns "${jvm[@]}" -A -t 192.0.2.$((round + 100)):80 -s rr; keep_best e_j
    cmp -s "$work/list-ipvsadm.txt" "$work/list-ipvsadm-j.txt" \
      || { echo "bench: ipvsadm -Ln and ipvsadm-j -Ln printed different bytes" >&2; exit 1; }
    cmp -s "$work/thresholds-ipvsadm.txt" "$work/thresholds-ipvsadm-j.txt" \
      || { echo "bench: the two -Ln --thresholds differ" >&2; exit 1; }
    ip netns delete ipa-bench-c$round
    ip netns delete ipa-bench-j$round
    sleep 20
  done

  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
  echo "### Kernel lab (UML, 1 CPU): $services services x $dests destinations = $lines rules"
  echo
  echo "| operation | ipvsadm 1.31 | ipvsadm-j | ipvsadm / ipvsadm-j |"
  echo "|---|---|---|---|"
  echo "| \`-R\` of $lines rules into a new namespace | ${r_c} s | ${r_j} s | **$(ratio "$r_c" "$r_j")** |"
  echo "| \`-Ln\` of that table (identical output) | ${l_c} s | ${l_j} s | **$(ratio "$l_c" "$l_j")** |"
  echo "| \`-Ln --thresholds\` (a netlink dump per service for both) | ${t_c} s | ${t_j} s | $(ratio "$t_c" "$t_j") |"
  echo "| one \`-A\` on that table (process start included) | ${e_c} s | ${e_j} s | $(ratio "$e_c" "$e_j") |"
  echo
  echo "Best of $rounds rounds for each (listings: ${LVSJ_BENCH_LIST_REPEAT:-3} times per round); the two tools alternate. Every run (s):"
  echo
  echo "- \`-R\`: ipvsadm${r_c_all}; ipvsadm-j${r_j_all}"
  echo "- \`-Ln\`: ipvsadm${l_c_all}; ipvsadm-j${l_j_all}"
  echo "- \`-Ln --thresholds\`: ipvsadm${t_c_all}; ipvsadm-j${t_j_all}"
  echo "- one \`-A\`: ipvsadm${e_c_all}; ipvsadm-j${e_j_all}"
  exit 0
fi

services=${1:-10000}
dests=${2:-10}
[ -f "$repo/ipvsadm-j/target/ipvsadm-j.jar" ] || { echo "build first: mvn -B -pl ipvsadm-j -am package" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: installing hyperfine" >&2; apt-get install -y -qq hyperfine >/dev/null; }

lab_table=$(mktemp)
trap 'rm -f "$lab_table"' EXIT
"$repo/lab/run" --quiet --timeout 5400 -- "$here/ipvsadm-j.sh" --in-lab "$services" "$dests" > "$lab_table"

host_json=$(mktemp)
cd "$repo"
export_json() { hyperfine -N -i --warmup 5 --runs 50 --export-json "$host_json" "$@" > /dev/null; }
# median and fastest run: other work on the machine comes in bursts that would move a mean
mean_ms() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print("\n".join("%.1f ms (fastest %.1f)" % (x["median"]*1000, x["min"]*1000) for x in r))' "$host_json"; }
export_json "bin/ipvsadm-j -h" "bin/ipvsadm-j -A -t 192.0.2.1:80" "ipvsadm -h" "ipvsadm -A -t 192.0.2.1:80"
mapfile -t with_aot < <(mean_ms)
LVSJ_NO_AOT=1 export_json "bin/ipvsadm-j -h" "bin/ipvsadm-j -A -t 192.0.2.1:80"
mapfile -t without_aot < <(mean_ms)
rm -f "$host_json"

cat "$lab_table"
echo
echo "### Host ($(nproc) CPUs, kernel without IPVS): wall time, hyperfine median of 50 runs"
echo
echo "| command | ipvsadm-j with AOT cache | ipvsadm-j without | Debian ipvsadm |"
echo "|---|---|---|---|"
echo "| \`-h\` | ${with_aot[0]} | ${without_aot[0]} | ${with_aot[2]}, fails: no IPVS |"
echo "| \`-A -t 192.0.2.1:80\` (fails: no IPVS) | ${with_aot[1]} | ${without_aot[1]} | ${with_aot[3]} |"
