#!/bin/bash
# The key broker end to end. h1 A, h2 B, h4 C are parties of broker1 (h3,
# which also serves the certificate store); h6 D is a party of broker2
# (h5), which joined broker1 as a broker of another domain. Each host
# runs duetd; each party runs "duet-broker join". Sessions between
# parties confirm an SA the broker sealed for each: no upcall, no
# public-key operation; link keys move on after each session.
. "$(dirname "$0")/lib/gateway.sh"
. "$here/lib/broker.sh"

id() { cat "$pki/$1.id"; }
A=$(id client-ec) B=$(id gw-ec) C=$(id party-c) D=$(id party-d)
K1=$(id broker-ec) K2=$(id broker2-ec)
counter() { duet_counter "$@"; }

pk() { echo "$(counter "$1" pk_ops) $(counter "$1" upcalls)"; }	# HOST

test_via_broker() {	# A to B with no public-key work or upcall on either
	local sa a0 b0

	sa=$(request h1 "$B") || fail "request: $sa" || return
	a0=$(pk h1) b0=$(pk h2)
	session h1 h2 "$sa" || return
	expect_eq "h1 pk ops, upcalls" "$(pk h1)" "$a0" || return
	expect_eq "h2 pk ops, upcalls" "$(pk h2)" "$b0" || return
	expect_eq "h2 sa sessions" "$(counter h2 sa_sessions)" 1
}

test_chained() {	# each session moves both links on; the old key is gone
	local sa a b old

	sa=$(request h1 "$B") || fail "request: $sa" || return
	wait_for "settled" settled h3 "$A" && wait_for "settled" settled h3 "$B" || return
	a=$(gen h3 "$A") b=$(gen h3 "$B")
	old=$(duetctl h3 broker wrap "$sa" "$A") || return	# sealed under A's key now
	session h1 h2 "$sa" || return
	wait_for "A at gen $((a + 1))" gen_is h1 "$K1" $((a + 1)) || return
	wait_for "B at gen $((b + 1))" gen_is h2 "$K1" $((b + 1)) || return
	wait_for "A's chain confirmed" settled h3 "$A" || return
	expect_eq "broker's view of A, B" "$(gen h3 "$A") $(gen h3 "$B")" \
		"$((a + 1)) $((b + 1))" || return
	out=$(duetctl h1 broker install "$old" 2>&1) &&
		fail "a blob under the old link key was taken: $out" || return 0
	grep -q "Stale" <<<"$out" || fail "want ESTALE: $out"
}

test_offline_catch_up() {	# B's agent down when its chain moves: it catches up
	local sa b

	sa=$(request h1 "$B") || fail "request: $sa" || return
	wait_for "settled" settled h3 "$B" || return
	b=$(gen h2 "$K1")
	stop agent h2
	session h1 h2 "$sa" || return
	wait_for "B pending at the broker" gen_is h3 "$B" $((b + 1)) || return
	expect_eq "B's own generation, offline" "$(gen h2 "$K1")" "$b" || return
	expect_eq "pending" "$(pending h3 "$B")" true || return
	agent_start h2 h3 || return
	wait_for "B caught up" gen_is h2 "$K1" $((b + 1)) || return
	wait_for "B confirmed" settled h3 "$B"
}

new_chain() {	# C0: A has a generation-0 chain other than C0, and the broker has it too
	local c

	c=$(chain h1 "$K1")
	[ -n "$c" ] && [ "$c" != "$1" ] && gen_is h1 "$K1" 0 && [ "$(chain h3 "$A")" = "$c" ]
}

test_full_refresh() {	# a full re-handshake starts a new chain at generation 0
	local c0 rc=0

	c0=$(chain h1 "$K1")
	stop agent h1
	agent_start h1 h3 -r "$(slow 2)" || rc=1
	# Every re-handshake starts another chain: the two ends agree
	# between them, not during one, so ask until they do.
	[ "$rc" = 1 ] || wait_for "a new chain both ends agree on" new_chain "$c0" || rc=1
	stop agent h1	# whatever happened: the cases after this need the usual agent
	agent_start h1 h3 && return "$rc"
}

test_group() {	# C joins A and B's SA; A and C each talk to B
	local sa

	sa=$(request h1 "$B") || fail "request: $sa" || return
	out=$(netns_exec h1 "$bin/duet-broker/duet-broker" add "$sa" "$C" 2>&1) ||
		fail "add: $out" || return
	expect_eq "B's members" "$(duetctl h2 -j broker | jq -r --arg s "$sa" \
		'.sas[] | select(.id == $s) | .members | length')" 3 || return
	session h1 h2 "$sa" || return
	session h4 h2 "$sa"
}

test_cross_domain() {	# A (broker1) to D (broker2): the SA crosses both brokers
	local sa a0 d0

	sa=$(request h1 "$D") || fail "request: $sa" || return
	expect_eq "D's SA came from" "$(duetctl h6 -j broker | jq -r --arg s "$sa" \
		'.sas[] | select(.id == $s) | .broker')" "$K2" || return
	a0=$(pk h1) d0=$(pk h6)
	session h1 h6 "$sa" || return
	expect_eq "h1 pk ops, upcalls" "$(pk h1)" "$a0" || return
	expect_eq "h6 pk ops, upcalls" "$(pk h6)" "$d0"
}

test_replayed() {	# a distribution taken once is refused the second time
	local sa blob out

	sa=$(request h1 "$B") || fail "request: $sa" || return
	blob=$(duetctl h3 broker wrap "$sa" "$B") || return
	duetctl h2 broker install "$blob" >/dev/null || fail "first install" || return
	out=$(duetctl h2 broker install "$blob" 2>&1) && fail "replay taken" || true
	grep -q "Stale" <<<"$out" || fail "want ESTALE: $out"
}

test_expired() {	# past its hard lifetime an SA confirms nothing, ends sessions
	local sa

	sa=$(request h1 "$B" lifetime 2) || fail "request: $sa" || return
	sleep 3
	dial h1 h2 "$sa" && fail "an expired SA connected" || true
	grep -q EKEYEXPIRED "$tmp/cli.err" || fail "want EKEYEXPIRED: $(cat "$tmp/cli.err")" ||
		return
	# The session must start within the lifetime: scaled, as the debug
	# kernel takes seconds for the request and the handshake.
	sa=$(request h1 "$B" lifetime "$(slow 3)") || fail "request: $sa" || return
	serve h2
	{ echo first; sleep "$(slow 4)"; echo second; } |
		timeout "$(slow 20)" ip netns exec "$(netns_name h1)" \
		"$bin/duet-cat/duet-cat" -S "$sa" "$(netns_ip h2)" "$sport" \
		>/dev/null 2>"$tmp/cli.err" && fail "sent past the hard lifetime"
	wait_pid "$SRV" "$(slow 10)" || kill "$SRV"	# no connection came: the grep says why
	wait "$SRV"
	grep -q EKEYEXPIRED "$tmp/cli.err" || fail "sender: $(cat "$tmp/cli.err")" || return
	grep -q first "$tmp/srv.out" || fail "the first line was lost"
}

test_broker_restart() {	# parties authenticate again; no SA from before is taken
	local sa r0 out

	sa=$(request h1 "$B") || fail "request: $sa" || return
	stop agent h1		# A keeps the old SA
	stop broker h3
	broker_start h3
	wait_for "B again" eval '[ "$(chain h3 "$B")" = "$(chain h2 "$K1")" ]' || return
	r0=$(counter h2 sa_refused)
	serve h2
	dial h1 h2 "$sa" && fail "a stale SA was taken"
	kill "$SRV" 2>/dev/null
	wait "$SRV" 2>/dev/null
	grep -q ENOKEY "$tmp/cli.err" || fail "want ENOKEY: $(cat "$tmp/cli.err")" || return
	expect_eq "B refused" "$(counter h2 sa_refused)" $((r0 + 1)) || return
	agent_start h1 h3 || return
	sa=$(request h1 "$B") || fail "request after restart: $sa" || return
	session h1 h2 "$sa"
}

test_no_socket_left() {
	stop agent h1; stop agent h2; stop agent h4; stop agent h6
	stop broker h5; stop broker h3
	expect_no_socket h1 h2 h3 h4 h5 h6
}

netns_hosts 6
duet_hosts_start client-ec gw-ec broker-ec party-c broker2-ec party-d
duetd_start h3 broker-ec
duetd_start h4 party-c
duetd_start h5 broker2-ec
duetd_start h6 party-d
broker_start h3
broker_start h5 -u "$(netns_ip h3)" "$bport"
wait_for "broker2 joined broker1" linked h3 "$K2"
agent_start h1 h3
agent_start h2 h3
agent_start h4 h3
agent_start h6 h5

ktap_test via_broker test_via_broker
ktap_test chained test_chained
ktap_test offline_catch_up test_offline_catch_up
ktap_test full_refresh test_full_refresh
ktap_test group test_group
ktap_test cross_domain test_cross_domain
ktap_test replayed test_replayed
ktap_test expired test_expired
ktap_test broker_restart test_broker_restart
ktap_test no_socket_left test_no_socket_left
for h in h1 h2 h3 h4 h5 h6; do
	kill "$(cat "$tmp/duetd-$h.pid")" 2>/dev/null
done
store_stop
[ -n "${DUET_KEEP_LOGS:-}" ] && cat "$tmp"/broker-*.log "$tmp"/agent-*.log >&2
rm -rf "$tmp"
ktap_done
