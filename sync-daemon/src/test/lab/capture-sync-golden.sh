#!/usr/bin/env bash
# Captures the golden sync v1 datagrams of SyncDatagramGoldenTest from the real kernel:
#   lab/run -- sync-daemon/src/test/lab/capture-sync-golden.sh
# One director namespace runs the kernel's master sync daemon on lvsync0, one end of a veth
# pair; SyncCapture listens on the other end (lvsync1), as lvs-syncd does. A client sends real
# traffic through services that exercise each part of the format: IPv4 NAT, IPv6 NAT, a
# persistent service (templates), a fwmark service, the SIP persistence engine (PE_DATA and
# PE_NAME) and an FTP service whose PASV reply ip_vs_ftp rewrites. (On Linux 6.1 ip_vs_ftp
# adjusts sequence numbers through conntrack, flag NFCT 0x10000, so the kernel sends no SEQ
# option: SyncDatagramTest covers SEQ with records it builds.) The datagrams land in
# sync-daemon/src/test/resources/io/lvsj/syncd/wire/kernel-captures.txt, one hex line each.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
. "$repo/scripts/jdk.sh"
out="$repo/sync-daemon/src/test/resources/io/lvsj/syncd/wire/kernel-captures.txt"
work=$(mktemp -d)
java="$JAVA_HOME/bin/java"
py=$(command -v python3)
modprobe -d /run/lvsj-modules nf_conntrack 2>/dev/null || true
for m in ip_vs_ftp ip_tables iptable_mangle xt_mark; do modprobe -d /run/lvsj-modules "$m" || echo "no module $m"; done

for n in c d r; do ip netns add g$n; ip -n g$n link set lo up; done
ip link add cd type veth peer name dc; ip link set cd netns gc name eth0; ip link set dc netns gd name eth0
ip link add dr type veth peer name rd; ip link set dr netns gd name eth1; ip link set rd netns gr name eth0
ip -n gc addr add 203.0.113.100/24 dev eth0; ip -n gc addr add 2001:db8:1::100/64 dev eth0 nodad
ip -n gd addr add 203.0.113.1/24 dev eth0; ip -n gd addr add 203.0.113.10/24 dev eth0
ip -n gd addr add 2001:db8:1::1/64 dev eth0 nodad; ip -n gd addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n gd addr add 198.51.100.1/24 dev eth1; ip -n gd addr add 2001:db8:2::1/64 dev eth1 nodad
ip -n gr addr add 198.51.100.11/24 dev eth0; ip -n gr addr add 2001:db8:2::11/64 dev eth0 nodad
for n in gc gd gr; do ip -n $n link set eth0 up; done; ip -n gd link set eth1 up
ip -n gc route add 198.51.100.0/24 via 203.0.113.1
ip -n gr route add default via 198.51.100.1; ip -n gr -6 route add default via 2001:db8:2::1
ip netns exec gd sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip -n gd link add lvsync0 type veth peer name lvsync1
ip -n gd addr add 169.254.81.1/30 dev lvsync0; ip -n gd addr add 169.254.81.2/30 dev lvsync1
ip -n gd link set lvsync0 up; ip -n gd link set lvsync1 up
ip netns exec gd sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.lvsync1.rp_filter=0 net.ipv4.conf.lvsync1.accept_local=1
ip netns exec gd ipvsadm --start-daemon master --mcast-interface lvsync0 --syncid 9

# servers on the real server: HTTP on 80 (IPv4 and IPv6), a UDP sink on 5060, a tiny FTP control server on 21
ip netns exec gr "$py" -m http.server --bind 198.51.100.11 80 >/dev/null 2>&1 &
ip netns exec gr "$py" -m http.server --bind 2001:db8:2::11 80 >/dev/null 2>&1 &
ip netns exec gr "$py" -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.51.100.11", 5060))
while True: s.recvfrom(4096)' &
ip netns exec gr "$py" -c '
import socket
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("198.51.100.11", 21)); l.listen()
while True:
    c, _ = l.accept(); c.sendall(b"220 lab ftp\r\n"); f = c.makefile("rb")
    for line in f:
        if line.startswith(b"PASV"): c.sendall(b"227 Entering Passive Mode (198,51,100,11,78,32)\r\n")
        elif line.startswith(b"QUIT"): c.sendall(b"221 bye\r\n"); break
        else: c.sendall(b"200 ok\r\n")
    c.close()' &
sleep 2

# capture LABEL SETUP... : runs the ipvsadm setup, starts a capture, then the traffic in "$traffic"
capture() {
  local label=$1
  ip netns exec gd ipvsadm -C
  rm -f "$work/$label.ready"
  ip netns exec gd "$java" "$here/SyncCapture.java" lvsync1 "${CAPTURE_SECONDS:-8}" "$work/captures" "$work/$label" &
  local cap=$!
  while [ ! -f "$work/$label.ready" ]; do sleep 0.2; done
  eval "$setup"
  eval "$traffic"
  wait $cap
  sed -i "s|^# $work/|# |" "$work/captures"
}
http4='for i in 1 2; do ip netns exec gc curl -s -o /dev/null --max-time 2 http://203.0.113.10/; done'

setup='ip netns exec gd ipvsadm -A -t 203.0.113.10:80 -s rr; ip netns exec gd ipvsadm -a -t 203.0.113.10:80 -r 198.51.100.11:80 -m'
traffic=$http4
capture ipv4-nat

setup='ip netns exec gd ipvsadm -A -t [2001:db8:1::10]:80 -s rr; ip netns exec gd ipvsadm -a -t [2001:db8:1::10]:80 -r [2001:db8:2::11]:80 -m'
traffic='ip netns exec gc curl -s -o /dev/null --max-time 2 "http://[2001:db8:1::10]/"'
capture ipv6-nat

setup='ip netns exec gd ipvsadm -A -t 203.0.113.10:80 -s rr -p 300; ip netns exec gd ipvsadm -a -t 203.0.113.10:80 -r 198.51.100.11:80 -m'
traffic=$http4
capture persistent-templates

setup='ip netns exec gd iptables-legacy -t mangle -F; ip netns exec gd iptables-legacy -t mangle -A PREROUTING -d 203.0.113.10 -p tcp --dport 80 -j MARK --set-mark 7; ip netns exec gd ipvsadm -A -f 7 -s rr -p 120; ip netns exec gd ipvsadm -a -f 7 -r 198.51.100.11 -m'
traffic=$http4
capture fwmark-persistent

setup='ip netns exec gd iptables-legacy -t mangle -F; ip netns exec gd ipvsadm -A -u 203.0.113.10:5060 -s rr -p 60 --pe sip; ip netns exec gd ipvsadm -a -u 203.0.113.10:5060 -r 198.51.100.11:5060 -m'
traffic='ip netns exec gc "$py" -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((\"203.0.113.100\", 5062))
for i in range(5): s.sendto(b\"OPTIONS sip:lab SIP/2.0\r\nCall-ID: lvsj-golden-1\r\nCSeq: %d OPTIONS\r\n\r\n\" % i, (\"203.0.113.10\", 5060))"'
capture sip-pe

setup='ip netns exec gd ipvsadm -A -t 203.0.113.10:21 -s rr; ip netns exec gd ipvsadm -a -t 203.0.113.10:21 -r 198.51.100.11:21 -m'
traffic='ip netns exec gc "$py" -c "
import socket, time
c = socket.create_connection((\"203.0.113.10\", 21)); f = c.makefile(\"rb\"); f.readline()
c.sendall(b\"PASV\r\n\"); print(\"ftp:\", f.readline())
for i in range(3): c.sendall(b\"NOOP\r\n\"); f.readline()
c.sendall(b\"QUIT\r\n\"); f.readline(); c.close()"'
capture ftp-conntrack

ip netns exec gd ipvsadm --stop-daemon master
mkdir -p "$(dirname "$out")"
{
  echo "# IPVS sync v1 datagrams from Linux $(uname -r) (User-Mode Linux), master syncid 9,"
  echo "# captured by sync-daemon/src/test/lab/capture-sync-golden.sh; one datagram per line, in hex."
  cat "$work/captures"
} > "$out"
cat "$out"
