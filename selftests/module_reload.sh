#!/bin/bash
# Load and unload duet.ko 50 times, using sockets in between, with no
# growth of kernel slab memory beyond noise (dmesg is checked for warnings
# by the VM runner); then 20 more with a real session each time.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
sockhold=$here/bin/sockhold
duetctl=$here/../tools/duetctl/duetctl
cat=$here/../tools/duet-cat/duet-cat
cycles=${DUET_RELOAD_CYCLES:-50}
limit_kb=${DUET_RELOAD_SLAB_KB:-128}

slab_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

cycle() {
	rmmod duet && insmod "$DUET_KO" && "$sockhold" 16 </dev/null >/dev/null
}

# Run CYCLE twice to warm the caches it uses, then N times: the slab
# may grow by limit_kb at most.
slab_flat() {	# N CYCLE
	local n=$1 cycle=$2 before after i

	$cycle && $cycle || return
	before=$(slab_kb)
	for ((i = 1; i <= n; i++)); do
		$cycle || fail "$cycle $i" || return
	done
	after=$(slab_kb)
	echo "# slab: ${before} kB before, ${after} kB after $n x $cycle"
	slab_measurable || return 0
	[ $((after - before)) -le "$limit_kb" ] ||
		fail "slab grew by $((after - before)) kB (limit $limit_kb kB)"
}

# Load, add a key, run one session with 64 KiB each way, unload.
session_cycle() {
	local key

	rmmod duet && insmod "$DUET_KO" || return
	key=$(openssl rand -hex 32)
	echo "$key" | "$duetctl" psk add s - || return
	head -c 65536 /dev/zero | "$cat" -l 127.0.0.1 7100 >/dev/null &
	netns_wait_listen "" 7100 || return
	head -c 65536 /dev/zero | "$cat" 127.0.0.1 7100 >/dev/null || return
	wait
}

test_reload_cycles() {
	slab_flat "$cycles" cycle
}

test_reload_with_sessions() {
	slab_flat 20 session_cycle
}

ktap_test reload_cycles test_reload_cycles
ktap_test reload_with_sessions test_reload_with_sessions
ktap_done
