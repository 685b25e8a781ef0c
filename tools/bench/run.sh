#!/bin/bash
# make bench: inside the VM (selftests/vm/run), in a fresh namespace with
# one PSK, the three-way throughput comparison.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
ns=bench$$
ip netns add $ns
trap 'ip netns del $ns' EXIT
ip netns exec $ns ip link set lo up
openssl rand -hex 32 | ip netns exec $ns "$top/tools/duetctl/duetctl" psk add bench -
modprobe tls
ip netns exec $ns "$top/tools/bench/throughput" "$@"
