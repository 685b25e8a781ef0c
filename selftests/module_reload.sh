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

test_reload_cycles() {
	local before after i

	cycle && cycle || return	# warm up the caches load/unload uses
	before=$(slab_kb)
	for ((i = 1; i <= cycles; i++)); do
		cycle || fail "cycle $i" || return
	done
	after=$(slab_kb)
	echo "# slab: ${before} kB before, ${after} kB after $cycles cycles"
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
	netns_wait_listen_here 7100 || return
	head -c 65536 /dev/zero | "$cat" 127.0.0.1 7100 >/dev/null || return
	wait
}

netns_wait_listen_here() {
	local i

	for ((i = 0; i < 50; i++)); do
		ss -Hltn "sport = :$1" | grep -q . && return 0
		sleep 0.1
	done
	return 1
}

test_reload_with_sessions() {
	local before after i

	session_cycle && session_cycle || return
	before=$(slab_kb)
	for ((i = 1; i <= 20; i++)); do
		session_cycle || fail "cycle $i" || return
	done
	after=$(slab_kb)
	echo "# slab: ${before} kB before, ${after} kB after 20 session cycles"
	[ $((after - before)) -le "$limit_kb" ] ||
		fail "slab grew by $((after - before)) kB (limit $limit_kb kB)"
}

ktap_test reload_cycles test_reload_cycles
ktap_test reload_with_sessions test_reload_with_sessions
ktap_done
