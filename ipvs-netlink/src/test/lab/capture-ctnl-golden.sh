#!/usr/bin/env bash
# Captures the golden ctnetlink messages of CtnlCodecGoldenTest from the real kernel, with
# Debian's conntrack as the oracle:
#   lab/run -- ipvs-netlink/src/test/lab/capture-ctnl-golden.sh
# A director namespace runs FullNAT by the stock recipe (IPVS NAT, net.ipv4.vs.conntrack=1,
# iptables SNAT to a local address), for TCP over IPv4 and IPv6 and for UDP. While a client's
# traffic goes through it, `conntrack -E` runs under strace; then `conntrack -L` and
# `conntrack -I --src-nat` do. strace shows the bytes each one received from (or sent to) the
# kernel; conntrack's own output says what they mean. Both land in
# ipvs-netlink/src/test/resources/io/lvsj/ctnl/kernel-captures.txt:
#   "# SECTION"   events | dump | create (conntrack's request and its arguments)
#   "> LINE"      a line conntrack printed (or, for create, its command line)
#   "HEX"         one datagram, as it crossed the netlink socket
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out="$repo/ipvs-netlink/src/test/resources/io/lvsj/ctnl/kernel-captures.txt"
work=$(mktemp -d)
py=$(command -v python3)
command -v strace >/dev/null || { echo "capture-ctnl-golden: strace is needed (apt-get install strace)" >&2; exit 1; }
command -v conntrack >/dev/null || { echo "capture-ctnl-golden: conntrack is needed (apt-get install conntrack)" >&2; exit 1; }
for m in nf_conntrack nf_conntrack_netlink nf_nat ip_tables iptable_nat ip6_tables ip6table_nat xt_nat xt_ipvs; do
  modprobe -d /run/lvsj-modules "$m" || echo "no module $m"
done

for n in c d r; do ip netns add t$n; ip -n t$n link set lo up; done
ip link add cd type veth peer name dc; ip link set cd netns tc name eth0; ip link set dc netns td name eth0
ip link add dr type veth peer name rd; ip link set dr netns td name eth1; ip link set rd netns tr name eth0
ip -n tc addr add 203.0.113.100/24 dev eth0; ip -n tc addr add 2001:db8:1::100/64 dev eth0 nodad
ip -n td addr add 203.0.113.1/24 dev eth0; ip -n td addr add 203.0.113.10/24 dev eth0
ip -n td addr add 2001:db8:1::1/64 dev eth0 nodad; ip -n td addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n td addr add 198.51.100.1/24 dev eth1; ip -n td addr add 198.51.100.50/24 dev eth1
ip -n td addr add 2001:db8:2::1/64 dev eth1 nodad; ip -n td addr add 2001:db8:2::50/64 dev eth1 nodad
# the real server has no route to the client: FullNAT's replies go to the local address
ip -n tr addr add 198.51.100.11/24 dev eth0; ip -n tr addr add 2001:db8:2::11/64 dev eth0 nodad
for n in tc td tr; do ip -n $n link set eth0 up; done; ip -n td link set eth1 up
ip netns exec td sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv4.vs.conntrack=1
ip netns exec td ipvsadm -A -t 203.0.113.10:80 -s rr
ip netns exec td ipvsadm -a -t 203.0.113.10:80 -r 198.51.100.11:8080 -m
ip netns exec td ipvsadm -A -t [2001:db8:1::10]:80 -s rr
ip netns exec td ipvsadm -a -t [2001:db8:1::10]:80 -r [2001:db8:2::11]:8080 -m
ip netns exec td ipvsadm -A -u 203.0.113.10:53 -s rr
ip netns exec td ipvsadm -a -u 203.0.113.10:53 -r 198.51.100.11:5353 -m
ip netns exec td iptables-legacy -t nat -A POSTROUTING -m ipvs --vaddr 203.0.113.10/32 --vport 80 -j SNAT --to-source 198.51.100.50 --random-fully
ip netns exec td iptables-legacy -t nat -A POSTROUTING -m ipvs --vaddr 203.0.113.10/32 --vport 53 -j SNAT --to-source 198.51.100.50 --random-fully
ip netns exec td ip6tables-legacy -t nat -A POSTROUTING -m ipvs --vaddr 2001:db8:1::10/128 --vport 80 -j SNAT --to-source 2001:db8:2::50 --random-fully

ip netns exec tr "$py" -m http.server --bind 198.51.100.11 8080 >/dev/null 2>&1 &
ip netns exec tr "$py" -m http.server --bind 2001:db8:2::11 8080 >/dev/null 2>&1 &
ip netns exec tr "$py" -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.51.100.11", 5353))
while True:
    d, a = s.recvfrom(4096); s.sendto(d, a)' &
for i in $(seq 100); do
  [ "$(ip netns exec tr ss -Hltun | grep -c -E ':(8080|5353) ')" -ge 3 ] && break; sleep 0.2
done

# strace's hex dumps, one line of hex per datagram read (or written) by a netlink syscall
hexdump_of() {
  "$py" - "$1" "$2" <<'PY'
import re, sys
path, call = sys.argv[1], sys.argv[2]
out, cur, inside = [], [], False
for line in open(path):
    if re.match(r'^(\[pid +\d+\] )?' + call + r'\(', line):
        if cur: out.append(''.join(cur))
        cur, inside = [], True
    elif re.match(r'^ \| [0-9a-f]{5}  ', line) and inside:
        cur.append(''.join(line[10:58].split()))
    elif not line.startswith(' '):
        if cur: out.append(''.join(cur))
        cur, inside = [], False
if cur: out.append(''.join(cur))
print('\n'.join(out))
PY
}

# events while the traffic runs
ip netns exec td strace -o "$work/events.trace" -e trace=recvmsg -e read=all -xx -s 0 \
  stdbuf -oL conntrack -E -o id > "$work/events.txt" 2>/dev/null &
events=$!
sleep 2
for i in 1 2; do ip netns exec tc curl -sS -o /dev/null --max-time 3 http://203.0.113.10/ || { ip netns exec td ipvsadm -Lnc; ip netns exec td iptables-legacy -t nat -nvL; ip netns exec td conntrack -L; ip -n tr addr; exit 1; }; done
ip netns exec tc curl -s -o /dev/null --max-time 3 "http://[2001:db8:1::10]/"
ip netns exec tc "$py" -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.bind(("203.0.113.100", 5300))
s.sendto(b"lvsj", ("203.0.113.10", 53)); print("udp:", s.recvfrom(100)[0])'
sleep 2
kill -INT $(pgrep -P $events); wait $events || true

# a dump of what is left, and a create as conntrack asks for it
ip netns exec td strace -o "$work/dump.trace" -e trace=recvmsg -e read=all -xx -s 0 conntrack -L -o id > "$work/dump.txt" 2>/dev/null
create=(-I -p tcp -s 203.0.113.100 -d 203.0.113.10 --sport 40000 --dport 80 -r 198.51.100.11 -q 203.0.113.100
        --reply-port-src 8080 --reply-port-dst 40000 --src-nat 198.51.100.50:5555 --state ESTABLISHED -t 100 -u ASSURED)
ip netns exec td strace -o "$work/create.trace" -e trace=sendto -e write=all -xx -s 0 conntrack "${create[@]}"
ip netns exec td conntrack -L -o id -p tcp -s 203.0.113.100 --sport 40000 > "$work/created.txt"

mkdir -p "$(dirname "$out")"
{
  echo "# ctnetlink messages from Linux $(uname -r) (User-Mode Linux), FullNAT by the stock recipe,"
  echo "# captured by ipvs-netlink/src/test/lab/capture-ctnl-golden.sh: strace of Debian's conntrack $(conntrack --version 2>&1 | awk '{print $2}')."
  echo "# events"
  sed 's/^/> /' "$work/events.txt"
  hexdump_of "$work/events.trace" recvmsg
  echo "# dump"
  sed 's/^/> /' "$work/dump.txt"
  hexdump_of "$work/dump.trace" recvmsg
  echo "# create"
  echo "> conntrack ${create[*]}"
  sed 's/^/> /' "$work/created.txt"
  hexdump_of "$work/create.trace" sendto
} | grep -v '^$' > "$out"
cat "$out"
for n in tc td tr; do ip netns pids $n | xargs -r kill 2>/dev/null || true; ip netns del $n; done
