#!/bin/bash
# Resumption and early data end to end: h1 the client, h2 the gateway,
# h3 the certificate store, duetd on h1 and h2. A full handshake leaves a
# ticket on both sides; the next connection resumes with no upcall and no
# public-key operation; a ticket that cannot be honoured falls back to a
# full handshake; early data is taken once, or sent again, never lost.
. "$(dirname "$0")/lib/gateway.sh"

counter() { duet_counter "$@"; }
counters() {	# NAME...: "h1 h2" values of each, one line
	local c
	for c in "$@"; do echo -n "$(counter h1 "$c") $(counter h2 "$c") "; done
}

serve() {	# [duet-cat options]: one connection on h2, output in $tmp/srv.*
	ip netns exec "$(netns_name h2)" "$bin/duet-cat/duet-cat" -l -v "$@" "$port" \
		>"$tmp/srv.out" 2>"$tmp/srv.err" </dev/null &
	SRV=$!
	netns_wait_listen h2 "$port"
}

dial() {	# [duet-cat options]: $tmp/in from h1 (default "hello")
	[ -s "$tmp/in" ] || echo hello >"$tmp/in"
	timeout 20 ip netns exec "$(netns_name h1)" "$bin/duet-cat/duet-cat" -v "$@" \
		"$(netns_ip h2)" "$port" <"$tmp/in" >"$tmp/cli.out" 2>"$tmp/cli.err"
}

expect_kind() {	# full|resumed [EARLY WORDS]: what the last pair said they did
	wait "$SRV"
	grep -q "established, .*, $1${2:+, $2}\$" "$tmp/cli.err" ||
		fail "client, want $1${2:+, $2}: $(cat "$tmp/cli.err")" || return
	grep -q "established, .*, $1" "$tmp/srv.err" ||
		fail "gateway, want $1: $(cat "$tmp/srv.err")" || return
	cmp -s "$tmp/in" "$tmp/srv.out" ||
		fail "the gateway got $(wc -c <"$tmp/srv.out") bytes, not the $(wc -c <"$tmp/in") sent"
}

session() {	# KIND [EARLY WORDS] [dial options]
	serve && dial "${@:3}" && expect_kind "$1" "$2"
}

fresh() {	# [SETTINGS]: no ticket anywhere, new ones so, a full handshake for one
	duetctl h1 tickets flush >/dev/null
	duetctl h2 tickets flush >/dev/null
	duetctl h2 tickets set lifetime 86400 uses 100 "$@"
	rm -f "$tmp/in"
	session full
}

test_resumed() {	# the second connection: no upcall, no public-key work
	local before after

	fresh || return
	expect_eq "tickets held, issued" "$(duetctl h1 -j tickets | jq -c '[.tickets[].role]')" \
		'["held"]' || return
	expect_eq "issued" "$(duetctl h2 -j tickets | jq -c '[.tickets[] | [.role, .uses_left]]')" \
		'[["issued",100]]' || return
	before=$(counters upcalls pk_ops resumed)
	session resumed || return
	after=$(counters upcalls pk_ops resumed)
	read -r u1 u2 p1 p2 r1 r2 <<<"$before"
	expect_eq "upcalls, pk ops, resumed (h1 h2) after" "$after" \
		"$u1 $u2 $p1 $p2 $((r1 + 1)) $((r2 + 1)) " || return
	expect_eq "uses left" "$(duetctl h2 -j tickets | jq -r '.tickets[0].uses_left')" 99
}

test_used_up() {	# a ticket of 2 uses: full, resumed, resumed, full
	fresh uses 2 && session resumed && session resumed && session full
}

test_expired() {	# lifetime 2 s: after 3 s, full
	fresh lifetime 2 || return
	sleep 3
	session full
}

test_flushed_client() {
	fresh || return
	expect_eq "flushed" "$(duetctl h1 tickets flush held)" "1 ticket(s) flushed" || return
	session full
}

test_flushed_server() {	# the client's ticket is refused: RETRY, then full
	local before

	fresh || return
	before=$(counter h2 resume_refused)
	duetctl h2 tickets flush issued >/dev/null
	session full || return
	expect_eq "refused" "$(counter h2 resume_refused)" $((before + 1)) || return
	session resumed	# the new ticket works
}

test_refused_forgotten() {	# the client drops a refused ticket (none new here)
	fresh || return
	duetctl h2 tickets flush issued >/dev/null
	duetctl h2 tickets set lifetime 0 && session full || return
	expect_eq "tickets h1 holds" "$(duetctl h1 -j tickets | jq '.tickets | length')" 0
}

test_early_accepted() {	# 40 000 bytes: 16 384 with M1, the rest after
	local before

	fresh || return
	head -c 30000 /dev/urandom | base64 -w 100 >"$tmp/in"
	before=$(counter h2 early_accepted)
	session resumed "early data accepted" -e || return
	expect_eq "early accepted" "$(counter h2 early_accepted)" $((before + 1))
}

test_early_no_ticket() {	# early data but no ticket: it goes after M3
	fresh || return
	duetctl h1 tickets flush >/dev/null
	echo "early, but no ticket" >"$tmp/in"
	session full "" -e
}

test_early_refused() {	# the gateway lost the ticket: sent again, intact
	local before

	fresh || return
	duetctl h2 tickets flush issued >/dev/null
	head -c 20000 /dev/urandom | base64 -w 100 >"$tmp/in"
	before=$(counter h2 early_rejected)
	session full "early data sent again" -e || return
	expect_eq "early rejected" "$(counter h2 early_rejected)" $((before + 1))
}

test_early_cookie() {	# under load: a COOKIE first, then M1 and the early data again
	local before cookies rc

	fresh || return
	head -c 20000 /dev/urandom | base64 -w 100 >"$tmp/in"
	before=$(counter h2 early_accepted)
	cookies=$(counter h2 cookies_sent)
	param_set flood_pending 0	# always under load
	session resumed "early data accepted" -e
	rc=$?
	param_restore flood_pending
	[ "$rc" = 0 ] || return
	expect_eq "cookies sent" "$(counter h2 cookies_sent)" $((cookies + 1)) || return
	expect_eq "early accepted" "$(counter h2 early_accepted)" $((before + 1))
}

test_early_replayed() {	# a middlebox sends M1 and the early data again
	local stale srv

	fresh || return
	# the ticket is for the middlebox's address: earn one through it
	coproc m { netns_exec h1 "$here/bin/mangle" 7100 "$(netns_ip h2)" "$port" none \
		2>/dev/null; }
	read -r _ <&"${m[0]}"
	serve || return
	echo warm | netns_exec h1 "$bin/duet-cat/duet-cat" 127.0.0.1 7100 >/dev/null 2>&1
	wait "$SRV"
	wait "$m_PID" 2>/dev/null
	ip netns exec "$(netns_name h2)" "$bin/duet-cat/duet-cat" -l -k -v "$port" \
		>"$tmp/srv.out" 2>"$tmp/srv.err" </dev/null &
	srv=$!
	netns_wait_listen h2 "$port" || return
	coproc m { netns_exec h1 "$here/bin/mangle" 7100 "$(netns_ip h2)" "$port" replay 1 \
		2>"$tmp/mangle.log"; }
	read -r _ <&"${m[0]}"
	stale=$(counter h2 fail_stale)
	echo "pay once" | netns_exec h1 "$bin/duet-cat/duet-cat" -v -e 127.0.0.1 7100 \
		>/dev/null 2>"$tmp/cli.err"
	wait "$m_PID" 2>/dev/null
	sleep 1
	kill "$srv"
	wait "$srv" 2>/dev/null
	grep -q "resumed, early data accepted" "$tmp/cli.err" ||
		fail "client: $(cat "$tmp/cli.err")" || return
	expect_eq "what the gateway's application got" "$(cat "$tmp/srv.out")" "pay once" || return
	expect_eq "the replay's answer" "$(grep replay: "$tmp/mangle.log")" "replay: type 2 alert 5" ||
		return
	expect_eq "stale M1s" "$(counter h2 fail_stale)" $((stale + 1))
}

test_revoked() {	# revoking the client kills its tickets: no resumption
	fresh || return
	duetctl h2 revoke "$(cat "$pki/client-ec.id")" >/dev/null || return
	expect_eq "tickets issued left" "$(duetctl h2 -j tickets | jq '.tickets | length')" 0 ||
		return
	serve && ! dial || fail "a revoked client was accepted" || return
	kill "$SRV" 2>/dev/null
	wait "$SRV" 2>/dev/null
	grep -q "(EKEYREVOKED)" "$tmp/cli.err" || fail "client: $(cat "$tmp/cli.err")"
}

slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }

test_thousand() {	# 1000 resumptions in a row: kernel memory stays flat
	local out s0 s1 n=${DUET_RESUME_LOOP:-1000}

	fresh uses 65535 || return
	ip netns exec "$(netns_name h2)" "$here/bin/hsflood" -l "$port" 100 >/dev/null &
	SRV=$!
	netns_wait_listen h2 "$port" || return
	netns_exec h1 "$here/bin/hsflood" -s "$(netns_ip h2)" "$port" 100 >/dev/null
	wait "$SRV"
	s0=$(slab_kb)
	ip netns exec "$(netns_name h2)" "$here/bin/hsflood" -l "$port" "$n" >"$tmp/loop.srv" &
	SRV=$!
	netns_wait_listen h2 "$port" || return
	out=$(netns_exec h1 "$here/bin/hsflood" -s "$(netns_ip h2)" "$port" "$n")
	wait "$SRV"
	s1=$(slab_kb)
	echo "# $out; slab ${s0} kB -> ${s1} kB; tickets $(counters ticket_entries)"
	grep -q "established $n failed 0 resumed $n " <<<"$out" || fail "$out" || return
	expect_eq "tickets kept (h1 h2)" "$(counters ticket_entries)" "1 1 " || return
	slab_measurable || return 0
	[ $((s1 - s0)) -lt 2048 ] || fail "slab grew by $((s1 - s0)) kB over $n resumptions"
}

test_no_socket_left() { expect_no_socket h1 h2; }

netns_hosts 3	# h1 client, h2 gateway, h3 store
duet_hosts_start client-ec

ktap_test resumed test_resumed
ktap_test used_up test_used_up
ktap_test expired test_expired
ktap_test flushed_client test_flushed_client
ktap_test flushed_server test_flushed_server
ktap_test refused_forgotten test_refused_forgotten
ktap_test early_accepted test_early_accepted
ktap_test early_no_ticket test_early_no_ticket
ktap_test early_refused test_early_refused
ktap_test early_cookie test_early_cookie
ktap_test early_replayed test_early_replayed
ktap_test thousand test_thousand
ktap_test revoked test_revoked
ktap_test no_socket_left test_no_socket_left
kill "$(cat "$tmp/duetd-h1.pid")" "$(cat "$tmp/duetd-h2.pid")" 2>/dev/null
store_stop
rm -rf "$tmp"
ktap_done
