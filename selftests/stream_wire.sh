#!/bin/bash
# What the network can do to a PSK session: flip a byte of a record in a
# forwarding middlebox, replay an M1, send an M1 stamped out of the window.
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

test_flipped_byte() {
	local line

	# The gateway keeps its side open, so the client hears its alert.
	netns_exec h3 "$cat" -l 7001 >"$tmp/got" 2>"$tmp/server.err" < <(sleep 10) &
	netns_wait_listen h3 7001 || return
	coproc proxy { netns_exec h2 "$here/bin/flipproxy" 7002 "$(netns_ip h3)" 7001 500; }
	read -r line <&"${proxy[0]}"
	head -c 4000 /dev/urandom >"$tmp/sent"
	netns_exec h1 timeout 10 "$cat" "$(netns_ip h2)" 7002 <"$tmp/sent" \
		>/dev/null 2>"$tmp/client.err"
	wait
	grep -q EBADMSG "$tmp/server.err" || fail "server: $(cat "$tmp/server.err")" || return
	grep -q EBADMSG "$tmp/client.err" || fail "client: $(cat "$tmp/client.err")" || return
	[ ! -s "$tmp/got" ] || fail "the application got $(stat -c %s "$tmp/got") bytes" || return
	expect_eq "bad records counted" "$(counter h3 bad_records)" 1
}

test_untouched_control() {	# the same path without the flip delivers
	local line

	netns_exec h3 "$cat" -l 7003 >"$tmp/got2" 2>"$tmp/server2.err" &
	netns_wait_listen h3 7003 || return
	coproc proxy2 { netns_exec h2 "$here/bin/flipproxy" 7004 "$(netns_ip h3)" 7003 999999; }
	read -r line <&"${proxy2[0]}"
	netns_exec h1 timeout 10 "$cat" "$(netns_ip h2)" 7004 <"$tmp/sent" >/dev/null
	wait
	cmp -s "$tmp/sent" "$tmp/got2" || fail "delivered data differs"
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
ktap_test untouched_control test_untouched_control
ktap_test timestamp_window test_timestamp_window
ktap_test replayed_hello test_replayed_hello
rm -rf "$tmp"
ktap_done
