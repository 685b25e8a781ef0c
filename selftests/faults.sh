#!/bin/bash
# Allocation failures, injected by the kernel's failslab (debug kernels:
# make check-debug; skipped elsewhere). With its task filter, only marked
# tasks fail: our test programs mark themselves once started (hsflood -F,
# nlfault: lib/failmark.h), and the module's fault_work parameter marks
# duet's own work items (so the gateway's side of each handshake fails
# too). DUET_FAULT_PERCENT (1) of their allocations fail while
# handshakes, records and netlink commands run, and 5% while a key broker
# and its parties' agents work (SA sessions, link keys moving on);
# afterwards the same hosts must work as before, with nothing left over.
# The VM runner fails the run on any kernel report and on any kmemleak
# finding after the module is unloaded.
. "$(dirname "$0")/lib/gateway.sh"
. "$here/lib/broker.sh"
fs=/sys/kernel/debug/failslab
work=$PARAM_DIR/fault_work
times=1000000

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ ! -d "$fs" ] || [ ! -e "$work" ]; then
	ktap_skip faults "no failslab here: a debug kernel's test (make check-debug)"
	ktap_done
fi
faults_on() {	# [PERCENT]
	echo Y >"$fs/task-filter"
	echo N >"$fs/ignore-gfp-wait"
	echo 0 >"$fs/verbose"
	echo 1 >"$fs/interval"
	echo 0 >"$fs/space"
	echo "$times" >"$fs/times"
	echo "${1:-${DUET_FAULT_PERCENT:-1}}" >"$fs/probability"
	echo Y >"$work"
}

faults_off() {	# prints how many allocations failed
	echo 0 >"$fs/probability"
	echo N >"$work"
	echo $((times - $(cat "$fs/times")))
}

tool() {	# HOST SECONDS TOOL ARGS...: a test program on HOST
	local h=$1 t=$2

	shift 2
	ip netns exec "$(netns_name "$h")" timeout "$t" "$here/bin/$@"
}

good() {	# N: unmarked handshakes from h1, all must succeed
	local out

	out=$(netns_exec h1 timeout 120 "$here/bin/hsflood" -s "$(netns_ip h2)" "$port" "$1")
	grep -q "established $1 failed 0" <<<"$out" || fail "good clients: $out"
}

setup() {
	netns_hosts 3 || return
	duet_hosts_start client-ec gw-ec || return
	# the gateway's listener is marked too: its accept() may fail
	# (not through tool(): $! would be a subshell, and killing it would
	# leave the listener running)
	ip netns exec "$(netns_name h2)" timeout 3600 "$here/bin/hsflood" -F -l "$port" \
		1000000 >/dev/null 2>&1 &
	LSN=$!
	netns_wait_listen h2 "$port" && good 2
}

report() {	# WHAT FAILED-ALLOCATIONS [CLIENT OUTPUT]
	echo "# $1: $2 allocations failed; client: $(tr '\n' ' ' <<<"$3")"
	[ "$2" -gt 0 ] || fail "no allocation failed: is failslab working?"
}

ran() {	# N OUTPUT: hsflood -s made all N attempts
	local e f

	read -r e f < <(grep -o 'established [0-9]* failed [0-9]*' <<<"$2" |
		awk '{ print $2, $4 }')
	[ "$((${e:-0} + ${f:-0}))" = "$1" ] || fail "the client did not run: $2"
}

test_handshakes() {	# full and resumed handshakes, 1% of allocations failing
	local out n

	faults_on
	out=$(tool h1 600 hsflood -F -s "$(netns_ip h2)" "$port" 60 2>&1)
	n=$(faults_off)
	report handshakes "$n" "$out" && ran 60 "$out" || return
	good 10
}

test_records() {	# 200 kB a connection, 1% failing, then clean ones
	local out n

	faults_on
	out=$(tool h1 600 hsflood -F -s "$(netns_ip h2)" "$port" 20 200000 2>&1)
	n=$(faults_off)
	report records "$n" "$out" && ran 20 "$out" || return
	netns_exec h1 timeout 120 "$here/bin/hsflood" -s "$(netns_ip h2)" "$port" 5 200000 |
		grep -q "established 5 failed 0" || fail "clean transfers failed"
}

test_netlink() {	# every netlink command of libduet, 40 rounds, 1% failing
	local out n

	faults_on
	out=$(tool h2 600 nlfault 40 "$(cat "$pki/client-ec.id")" 2>&1)
	n=$(faults_off)
	report "netlink commands" "$n" "$out" || return
	grep -q "^calls [1-9]" <<<"$out" || fail "nlfault did not run: $out" || return
	duetctl h2 stats >/dev/null && duetctl h2 psk list >/dev/null && good 2
}

test_broker() {	# SAs asked for and confirmed, links moving on, 5% failing
	local i ok=0 sa n A B

	A=$(cat "$pki/client-ec.id") B=$(cat "$pki/gw-ec.id")
	# h3 (the store) is the broker; h1 and h2 its parties. Only duet's
	# work items are marked here: the handshakes, and the records that
	# carry the link keys between broker and agents.
	duetd_start h3 broker-ec && broker_start h3 && agent_start h1 h3 &&
		agent_start h2 h3 || return
	faults_on 5
	for ((i = 0; i < 20; i++)); do
		sa=$(request h1 "$B" 2>/dev/null) || continue
		serve h2 && dial h1 h2 "$sa" && ok=$((ok + 1))
		kill "$SRV" 2>/dev/null
		wait "$SRV" 2>/dev/null
	done
	n=$(faults_off)
	report "broker flows" "$n" "$ok of 20 SA sessions" || return
	# Then both links settle again and a new SA serves.
	wait_for "A settled" settled h3 "$A" && wait_for "B settled" settled h3 "$B" ||
		return
	sa=$(request h1 "$B") || fail "request afterwards: $sa" || return
	session h1 h2 "$sa"
}

test_broker_gone() {	# the broker and its agents stopped: nothing of theirs left
	stop agent h1
	stop agent h2
	stop broker h3
	expect_no_socket h3
}

test_nothing_left() {	# the listener gone: no socket, no handshake counted
	kill "$LSN"
	expect_no_socket h1 h2 || return
	expect_eq "hs_pending" "$(duet_counter h2 hs_pending)" 0
}

if ! setup; then
	ktap_skip faults "setup failed"
	ktap_done
fi
ktap_test handshakes test_handshakes
ktap_test records test_records
ktap_test netlink test_netlink
ktap_test broker test_broker
ktap_test broker_gone test_broker_gone
ktap_test nothing_left test_nothing_left
faults_off >/dev/null
kill "$(cat "$tmp/duetd-h1.pid")" "$(cat "$tmp/duetd-h2.pid")" \
	"$(cat "$tmp/duetd-h3.pid" 2>/dev/null)" 2>/dev/null
store_stop
ktap_done
