#!/bin/bash
# make demo: runs inside the VM (selftests/vm/run) with duet.ko loaded.
# Two hosts (network namespaces joined by a veth pair); sockets opened on
# one; duetctl status on both shows that each has its own state.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib/netns.sh"
duetctl=$top/tools/duetctl/duetctl

step() { printf '\n== %s\n' "$*"; }

step "the module: $(modinfo -F description "$DUET_KO")"
grep -E '^duet ' /proc/modules | cut -d' ' -f1-3
echo "AF_DUET is $(cat /sys/module/duet/parameters/family) (/sys/module/duet/parameters/family)"

netns_hosts 2
step "two hosts: h1 ($(netns_ip h1)) and h2 ($(netns_ip h2)) joined by veth"

step "h1 opens 3 AF_DUET sockets"
coproc hold { netns_exec h1 "$top/selftests/bin/sockhold" 3; }
read -r _ <&"${hold[0]}"

step "h1: duetctl status"
netns_exec h1 "$duetctl" status
step "h2: duetctl status"
netns_exec h2 "$duetctl" status
step "h2: duetctl -j status"
netns_exec h2 "$duetctl" -j status

fd=${hold[1]}
exec {fd}>&-
wait "$hold_PID"
step "h1 closed its sockets: duetctl status"
netns_exec h1 "$duetctl" status
