#!/bin/bash
# The network fuzzer: h1 runs clients, h2 the gateway (both with duetd,
# certificate handshakes, no tickets), h3 the store. On h1, bin/netfuzz
# relays connections to the gateway and breaks each one way (flipped bits,
# truncations, huge lengths, duplicated, reordered, dropped or injected
# records), in either direction, so both the responder's and the
# initiator's parsers meet hostile bytes after valid prefixes. Rounds of
# 32 concurrent clients go through it for DUET_NETFUZZ_SECONDS (15; the
# debug kernel run: several minutes) while a good client connects to the
# gateway directly after every round: every good connection must succeed,
# the gateway must keep serving, and nothing may be left behind. A kernel
# report (KASAN, lockdep, WARN) fails the run through the VM runner.
. "$(dirname "$0")/lib/gateway.sh"
fport=7100
secs=${DUET_NETFUZZ_SECONDS:-15}

setup() {
	netns_hosts 3 || return
	duet_hosts_start client-ec || return
	duetctl h2 tickets set lifetime 0 >/dev/null
	ip netns exec "$(netns_name h2)" "$here/bin/hsflood" -l "$port" 1000000 \
		>/dev/null &
	LSN=$!
	netns_wait_listen h2 "$port"
}

good() {	# N: connections straight to the gateway; all must succeed
	local out

	out=$(netns_exec h1 timeout 120 "$here/bin/hsflood" -s "$(netns_ip h2)" "$port" "$1")
	grep -q "established $1 failed 0" <<<"$out" || fail "good clients: $out"
}

test_fuzz() {	# $secs of broken connections; good ones all get through
	local rounds=0 bad=0 fz summary i seed=${DUET_NETFUZZ_SEED:-$RANDOM}

	echo "# seed $seed (DUET_NETFUZZ_SEED)"
	netns_exec h1 "$here/bin/netfuzz" "$fport" "$(netns_ip h2)" "$port" "$secs" \
		"$seed" >"$tmp/netfuzz.out" &
	fz=$!
	for i in $(seq 50); do
		grep -q ready "$tmp/netfuzz.out" && break
		sleep 0.1
	done
	while kill -0 "$fz" 2>/dev/null; do
		netns_exec h1 timeout 100 "$here/bin/hsflood" 127.0.0.1 "$fport" 32 \
			>>"$tmp/fuzzed" 2>&1
		rounds=$((rounds + 1))
		good 2 || bad=$((bad + 1))
	done
	wait "$fz"
	summary=$(grep connections "$tmp/netfuzz.out")
	echo "# netfuzz: $summary; $rounds rounds of 32"
	echo "# fuzzed clients: $(grep -o 'established [0-9]*' "$tmp/fuzzed" |
		awk '{ s += $2 } END { print s + 0 }') established;" \
		"errnos: $(grep -h '^errno' "$tmp/fuzzed" | awk '{ n[$2] += $3 }
		END { for (e in n) printf "%s %d ", e, n[e] }')"
	echo "# gateway: fail_proto $(duet_counter h2 fail_proto)," \
		"bad_records $(duet_counter h2 bad_records), fail_timeout" \
		"$(duet_counter h2 fail_timeout), fail_other $(duet_counter h2 fail_other)"
	[ "$bad" = 0 ] || fail "$bad rounds with a good client failing" || return
	grep -q "connections [1-9]" <<<"$summary" || fail "nothing was fuzzed" || return
	good 10	# and it still serves
}

test_nothing_left() {	# every socket gone once the listener is
	kill "$LSN"
	expect_no_socket h1 h2
}

if ! setup; then
	ktap_skip netfuzz "setup failed"
	ktap_done
fi
ktap_test fuzz test_fuzz
ktap_test nothing_left test_nothing_left
kill "$(cat "$tmp/duetd-h1.pid")" "$(cat "$tmp/duetd-h2.pid")" 2>/dev/null
store_stop
ktap_done
