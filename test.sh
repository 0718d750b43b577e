#!/usr/bin/env bash
# Every LVS-J test on a fresh Debian machine: installs what it needs, builds, runs the host
# tests (unit tests, rtnetlink and VRRP in network namespaces, keepalived interop), then the
# kernel tests inside the lab (IPVS against a real kernel, ipvsadm as the oracle), then FullNAT
# with nftables in a QEMU virtual machine with Debian's kernel (lab/qemu).
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

echo "== nftables tests (Debian's kernel in QEMU: the lab's kernel lacks nftables' ip family)"
lab/qemu/run-tests

echo "== all tests passed in $(( $(date +%s) - started )) s"
