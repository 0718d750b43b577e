#!/usr/bin/env bash
# LVS-J's main job on a fresh Debian machine: installs what it needs, builds, boots the kernel
# lab (a kernel with IPVS) and runs the demo there: a director programmed through ipvs-netlink
# balancing real HTTP traffic between two real servers, each in its own network namespace.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/install-prerequisites
. scripts/jdk.sh
scripts/mvn-quiet -q -pl ipvs-netlink -am process-test-classes
cp="$PWD/ipvs-netlink/target/test-classes:$PWD/ipvs-netlink/target/classes:$(cat ipvs-netlink/target/test-classpath.txt)"
exec lab/run --timeout 600 --quiet -- bash -c "lab/demo-topology && exec \"\$JAVA_HOME/bin/java\" \
  --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '$cp' io.lvsj.demo.LabDemo"
