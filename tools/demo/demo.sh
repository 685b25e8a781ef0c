#!/bin/bash
# make demo: runs inside the VM (selftests/vm/run) with duet.ko loaded.
# Two hosts (network namespaces joined by a veth pair with a 300 ms round
# trip), each with its own duet state; one pre-shared key on both; a
# session from h1 to h2 with duet-cat; the counters on both sides.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib/netns.sh"
duetctl=$top/tools/duetctl/duetctl
cat=$top/tools/duet-cat/duet-cat

step() { printf '\n== %s\n' "$*"; }

step "the module: $(modinfo -F description "$DUET_KO")"
echo "AF_DUET is $(cat /sys/module/duet/parameters/family) (/sys/module/duet/parameters/family)"

netns_hosts 2
netns_netem 1 delay 150ms
step "two hosts: h1 ($(netns_ip h1)) and h2 ($(netns_ip h2)), 300 ms round trip"
netns_exec h1 "$duetctl" status
netns_exec h2 "$duetctl" status

step "one pre-shared key on both (duetctl psk add gw -, from openssl rand -hex 32)"
key=$(openssl rand -hex 32)
for h in h1 h2; do
	echo "$key" | netns_exec $h "$duetctl" psk add gw -
done
netns_exec h2 "$duetctl" psk list

step "h2: duet-cat -l 4433;  h1: echo ... | duet-cat $(netns_ip h2) 4433"
netns_exec h2 "$cat" -v -l 4433 &
netns_wait_listen h2 4433
start=$(date +%s%N)
echo "hello over duet, sealed in h1's kernel, opened in h2's" |
	netns_exec h1 "$cat" -v "$(netns_ip h2)" 4433
wait
ms=$((($(date +%s%N) - start) / 1000000))
echo "session done in $ms ms: handshake, data and close on a 300 ms link"

step "h1: duetctl -p status"
netns_exec h1 "$duetctl" -p status
step "h2: duetctl status (the key bytes never leave the kernel)"
netns_exec h2 "$duetctl" -j status | jq -M -c .stats
