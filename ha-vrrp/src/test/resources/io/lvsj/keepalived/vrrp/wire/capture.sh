#!/usr/bin/env bash
# Re-captures keepalived-2.2.7-adverts.pcap: Debian's keepalived runs the instances of
# keepalived-2.2.7-adverts.conf in namespace vr-cap-a (MAC 02:00:00:00:00:0a, 192.0.2.1,
# fe80::ff:fe00:a) and tcpdump records what arrives at the other end of a veth pair in
# vr-cap-b. keepalived is stopped after 8 s so its priority-0 adverts are in the capture too.
# Needs root, keepalived and tcpdump. The namespaces are removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/keepalived-2.2.7-adverts.pcap}
work=$(mktemp -d)
cleanup() {
  ip netns del vr-cap-a 2>/dev/null || true
  ip netns del vr-cap-b 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add vr-cap-a
ip netns add vr-cap-b
ip link add vr-capa type veth peer name vr-capb
ip link set vr-capa netns vr-cap-a
ip link set vr-capb netns vr-cap-b
ip -n vr-cap-a link set vr-capa address 02:00:00:00:00:0a
ip -n vr-cap-b link set vr-capb address 02:00:00:00:00:0b
ip -n vr-cap-a addr add 192.0.2.1/24 dev vr-capa
ip -n vr-cap-b addr add 192.0.2.2/24 dev vr-capb
ip -n vr-cap-a addr add 2001:db8::1/64 dev vr-capa nodad
ip -n vr-cap-b addr add 2001:db8::2/64 dev vr-capb nodad
for ns in vr-cap-a vr-cap-b; do ip -n $ns link set lo up; done
ip -n vr-cap-a link set vr-capa up
ip -n vr-cap-b link set vr-capb up
ip netns exec vr-cap-b tcpdump -i vr-capb -U -s 0 -w "$out" >/dev/null 2>&1 &
dump=$!
sleep 1
ip netns exec vr-cap-a keepalived -P -n -l -D -f "$here/keepalived-2.2.7-adverts.conf" \
  -p "$work/ka.pid" -r "$work/vrrp.pid" >"$work/keepalived.log" 2>&1 &
ka=$!
sleep 8
kill -TERM $ka
wait $ka || true
sleep 1
kill $dump
wait $dump || true
echo "wrote $out"
