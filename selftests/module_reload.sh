#!/bin/bash
# Load and unload duet.ko 50 times, using sockets in between, with no
# growth of kernel slab memory beyond noise (dmesg is checked for warnings
# by the VM runner).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
sockhold=$here/bin/sockhold
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

ktap_test reload_cycles test_reload_cycles
ktap_done
