#!/bin/bash
# duetctl status in two network namespaces shows two separate states.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
duetctl=$here/../tools/duetctl/duetctl
sockhold=$here/bin/sockhold

status() {	# HOST JQ-FILTER
	netns_exec "$1" "$duetctl" -j status | jq -er "$2"
}

test_cookies_differ() {
	local a b

	a=$(status h1 .netns_cookie) && b=$(status h2 .netns_cookie) || return
	[ "$a" != "$b" ] || fail "both namespaces report cookie $a"
	[ "$a" != "$("$duetctl" -j status | jq -r .netns_cookie)" ] ||
		fail "h1 reports the initial namespace's cookie"
}

test_sockets_counted_per_namespace() {
	local line fd

	coproc hold { netns_exec h1 "$sockhold" 3; }
	read -r line <&"${hold[0]}"
	expect_eq "sockhold" "$line" ready || return
	expect_eq "h1 active" "$(status h1 .stats.sockets_active)" 3 || return
	expect_eq "h1 created" "$(status h1 .stats.sockets_created)" 3 || return
	expect_eq "h2 active" "$(status h2 .stats.sockets_active)" 0 || return
	expect_eq "h2 created" "$(status h2 .stats.sockets_created)" 0 || return
	fd=${hold[1]}
	exec {fd}>&-
	wait "$hold_PID"
	expect_eq "h1 active after close" "$(status h1 .stats.sockets_active)" 0 &&
		expect_eq "h1 created after close" "$(status h1 .stats.sockets_created)" 3
}

test_human_output() {
	local out af

	af=$(cat /sys/module/duet/parameters/family)
	out=$(netns_exec h2 "$duetctl" status) || return
	grep -q "AF_DUET $af\$" <<<"$out" || fail "no 'AF_DUET $af' in: $out" || return
	grep -q "sockets: 0 active, 0 created" <<<"$out" || fail "counters in: $out"
}

netns_hosts 2
ktap_test cookies_differ test_cookies_differ
ktap_test sockets_counted_per_namespace test_sockets_counted_per_namespace
ktap_test human_output test_human_output
ktap_done
