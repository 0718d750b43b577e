#!/usr/bin/env bash
# Every LVS-J test on a fresh Debian machine: installs what it needs, builds, runs the host
# tests (unit tests, rtnetlink and VRRP in network namespaces, keepalived interop), then the
# kernel tests inside the lab (IPVS against a real kernel, ipvsadm as the oracle).
# Exits non-zero if anything failed, was skipped, or did not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
started=$(date +%s)
scripts/install-prerequisites
. scripts/jdk.sh

echo "== host tests (mvn verify)"
mvn -B -ntp verify

echo "== kernel tests (inside the lab)"
lab/run-kernel-tests

echo "== all tests passed in $(( $(date +%s) - started )) s"
