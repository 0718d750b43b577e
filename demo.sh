#!/usr/bin/env bash
# LVS-J's main job on a fresh Debian machine: installs what it needs, builds, boots the kernel
# lab (a kernel with IPVS) and runs a demo there, each machine a network namespace.
#
#   ./demo.sh             keepalived-j: two directors, each running bin/keepalived-j (VRRP and
#                         health checks) on lab/demo/keepalived-dirN.conf and bin/lvs-syncd
#                         (connection sync), balance a client's HTTP requests over two real
#                         servers; a real server dies, the backup director restarts, then the
#                         master director dies, and the client is still served, its open
#                         connections included (lab/demo-keepalived narrates and checks each step).
#   ./demo.sh netlink     ipvs-netlink alone: a director programmed through netlink balancing
#                         real HTTP traffic between two real servers.
#   ./demo.sh fullnat     FullNAT on the stock kernel with ipvsadm-j (Alibaba LVS's -P/-G and
#                         --fullnat): real servers in a subnet with no route to the client
#                         answer it, each showing the local address it saw (lab/demo-fullnat).
#   ./demo.sh active-active
#                         two directors at once behind a BGP router's ECMP, each running
#                         bin/keepalived-j and BIRD on docs/active-active.md's files: the
#                         router's next hops follow the directors' health, a director dies,
#                         and the client is still served, its open connections included
#                         (lab/demo-active-active narrates and checks each step).
#
# The exit status is 0 only if every step of the demo happened.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
demo=${1:-keepalived}
case "$demo" in
  keepalived|netlink|fullnat|active-active) ;;
  *) echo "usage: ./demo.sh [keepalived|netlink|fullnat|active-active]" >&2; exit 2 ;;
esac
scripts/install-prerequisites
. scripts/jdk.sh

if [ "$demo" = netlink ]; then
  scripts/mvn-quiet -q -pl ipvs-netlink -am process-test-classes
  cp="$PWD/ipvs-netlink/target/test-classes:$PWD/ipvs-netlink/target/classes:$(cat ipvs-netlink/target/test-classpath.txt)"
  exec lab/run --timeout 600 --quiet -- bash -c "lab/demo-topology netlink && exec \"\$JAVA_HOME/bin/java\" \
    --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '$cp' io.lvsj.demo.LabDemo"
fi

if [ "$demo" = fullnat ]; then
  echo "building ipvsadm-j and the lab's traffic tools" >&2
  scripts/mvn-quiet -q -pl ipvsadm-j -am package -DskipTests
  lab/tools/build
  exec lab/run --timeout 300 --quiet -- bash -c "lab/demo-topology fullnat && exec lab/demo-fullnat"
fi

# The real servers are Python's http.server: small, and no third JVM in the lab's one CPU.
if ! [ -x /usr/bin/python3 ] && ! command -v python3 >/dev/null 2>&1; then
  echo "installing python3 (the demo's real servers)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi
if [ "$demo" = active-active ]; then
  echo "building keepalived-j (bin/keepalived-j runs ha-vrrp's jar)" >&2
  scripts/mvn-quiet -q -pl ha-vrrp -am package -DskipTests
  exec lab/run --timeout 480 --quiet -- bash -c "lab/demo-topology active-active && exec lab/demo-active-active"
fi
echo "building keepalived-j and lvs-syncd (bin/keepalived-j and bin/lvs-syncd run their modules' jars)" >&2
scripts/mvn-quiet -q -pl ha-vrrp,sync-daemon -am package -DskipTests
exec lab/run --timeout 480 --quiet -- bash -c "lab/demo-topology keepalived && exec lab/demo-keepalived"
