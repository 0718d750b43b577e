#!/usr/bin/env bash
# Every LVS-J test on a fresh Debian machine: installs what it needs, builds, runs the host
# tests (unit tests, rtnetlink and VRRP in network namespaces, keepalived interop), builds
# and install-tests the RPMs, checks the Vagrantfile, then the kernel tests inside the lab
# (IPVS against a real kernel, ipvsadm as the oracle), FullNAT with nftables in a QEMU virtual
# machine with Debian's kernel (lab/qemu), and the demo's director pair run from the installed
# package.
# Exits non-zero if anything failed, was skipped, or did not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
started=$(date +%s)
scripts/install-prerequisites
. scripts/jdk.sh

echo "== host tests (mvn verify)"
mvn -B -ntp verify

echo "== packages (packaging/rpm/test: build, rpmlint, install into target/rpm/root, check)"
packaging/rpm/test

echo "== vagrant (vagrant/check: vagrant validate, provision in a namespace)"
vagrant/check

echo "== kernel tests (inside the lab)"
lab/run-kernel-tests

echo "== nftables tests (Debian's kernel in QEMU: the lab's kernel lacks nftables' ip family)"
lab/qemu/run-tests

echo "== the demo's director pair from the installed package (inside the lab)"
packaging/rpm/lab-test

echo "== all tests passed in $(( $(date +%s) - started )) s"
