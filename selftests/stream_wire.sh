#!/bin/bash
# What the network can do to a PSK session: a forwarding middlebox
# (bin/mangle) flips a bit of a record, replays, reorders, drops or cuts
# one; a hand-made initiator (bin/rawhello) replays an M1 or stamps it out
# of the window.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
duetctl=$here/../tools/duetctl/duetctl
cat=$here/../tools/duet-cat/duet-cat
tmp=$(mktemp -d)

netns_hosts 3	# h1 client, h2 middlebox, h3 gateway
key=$(openssl rand -hex 32)
for h in h1 h3; do
	echo "$key" | netns_exec $h "$duetctl" psk add gw -
done

counter() {	# HOST COUNTER
	netns_exec "$1" "$duetctl" -j status | jq -r ".stats.$2"
}

# Through the middlebox (h2) in MODE [N]: both ends must see EBADMSG and
# the gateway deliver only a prefix of what was sent (nothing unopened).
# The gateway keeps its side open for MANGLE_HOLD s (10), so the client
# hears its alert.
through_mangle() {	# PORT MODE [N]
	local port=$1 line

	shift
	netns_exec h3 "$cat" -l "$port" >"$tmp/got" 2>"$tmp/server.err" \
		< <(sleep "$(slow "${MANGLE_HOLD:-10}")") &
	netns_wait_listen h3 "$port" || return
	coproc mangler { netns_exec h2 "$here/bin/mangle" $((port + 1)) "$(netns_ip h3)" "$port" "$@"; }
	read -r line <&"${mangler[0]}"
	netns_exec h1 timeout "$(slow 10)" "$cat" "$(netns_ip h2)" $((port + 1)) <"$tmp/sent" \
		>/dev/null 2>"$tmp/client.err"
	wait
}

expect_bad_record() {
	local got

	grep -q EBADMSG "$tmp/server.err" || fail "gateway: $(cat "$tmp/server.err")" || return
	grep -q EBADMSG "$tmp/client.err" || fail "client: $(cat "$tmp/client.err")" || return
	got=$(stat -c %s "$tmp/got")
	cmp -s "$tmp/got" <(head -c "$got" "$tmp/sent") ||
		fail "the gateway delivered bytes that were not sent"
}

# 40000 bytes: data records 2, 3, 4 (16384, 16384, 7232 bytes), CLOSE 5.
head -c 40000 /dev/urandom >"$tmp/sent"

test_flipped_byte() {
	through_mangle 7001 flip 500 && expect_bad_record || return
	[ ! -s "$tmp/got" ] || fail "the gateway delivered $(stat -c %s "$tmp/got") bytes" || return
	expect_eq "bad records counted" "$(counter h3 bad_records)" 1
}

test_replayed_record() {
	through_mangle 7011 dup 3 && expect_bad_record
}

test_reordered_records() {
	through_mangle 7021 swap 2 && expect_bad_record
}

test_dropped_record() {
	through_mangle 7031 drop 3 && expect_bad_record
}

test_truncated_record() {
	through_mangle 7041 cut 3 && expect_bad_record
}

test_untouched_control() {	# the same path, untouched, delivers it all
	# No alert to wait for: the gateway ends its side at once, the client
	# still sends all of its.
	MANGLE_HOLD=0 through_mangle 7051 none || return
	cmp -s "$tmp/sent" "$tmp/got" || fail "delivered data differs"
}

test_timestamp_window() {
	local out

	netns_exec h3 "$cat" -l 7005 >/dev/null 2>&1 &
	netns_wait_listen h3 7005 || return
	out=$(netns_exec h1 "$here/bin/rawhello" "$(netns_ip h3)" 7005 gw -t -100)
	expect_eq "100 s old" "$out" "alert 5" || return
	out=$(netns_exec h1 "$here/bin/rawhello" "$(netns_ip h3)" 7005 gw -t 100)
	expect_eq "100 s ahead" "$out" "alert 5" || return
	out=$(netns_exec h1 "$here/bin/rawhello" "$(netns_ip h3)" 7005 gw -t -20)
	expect_eq "20 s old" "$out" "reply" || return
	expect_eq "stale counted" "$(counter h3 fail_stale)" 2
	kill %% 2>/dev/null
}

test_replayed_hello() {
	local out

	netns_exec h3 "$cat" -l 7006 >/dev/null 2>&1 &
	netns_wait_listen h3 7006 || return
	out=$(netns_exec h1 "$here/bin/rawhello" "$(netns_ip h3)" 7006 gw -n 3 | tr '\n' ,)
	expect_eq "one M1 sent three times" "$out" "reply,alert 5,alert 5," || return
	kill %% 2>/dev/null
}

ktap_test flipped_byte test_flipped_byte
ktap_test replayed_record test_replayed_record
ktap_test reordered_records test_reordered_records
ktap_test dropped_record test_dropped_record
ktap_test truncated_record test_truncated_record
ktap_test untouched_control test_untouched_control
ktap_test timestamp_window test_timestamp_window
ktap_test replayed_hello test_replayed_hello
rm -rf "$tmp"
ktap_done
