#!/bin/bash
# The test-host helper itself (selftests/lib/netns.sh): a chain of three
# hosts routes end to end over IPv4 and IPv6, netem slows a link, and the
# namespaces are gone after the script that made them exits.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"

test_chain_routes() {
	. "$here/lib/netns.sh"
	netns_hosts 3
	netns_exec h1 ping -c1 -W2 -q "$(netns_ip h3)" >/dev/null ||
		fail "h1 -> h3 over IPv4" || return
	netns_exec h3 ping -6 -c1 -W2 -q "$(netns_ip6 h1)" >/dev/null ||
		fail "h3 -> h1 over IPv6"
}

test_netem_delay() {
	local rtt

	. "$here/lib/netns.sh"
	netns_hosts 2
	netns_netem 1 delay 50ms
	rtt=$(netns_exec h1 ping -c1 -W2 "$(netns_ip h2)" |
		sed -n 's/.*time=\([0-9]*\).*/\1/p')
	[ -n "$rtt" ] && [ "$rtt" -ge 100 ] || fail "RTT ${rtt:-none} ms, want >= 100"
}

test_cleanup() {
	local prefix

	prefix=$(bash -c ". '$here/lib/netns.sh'; netns_hosts 2; echo \$NETNS_PREFIX")
	[ -n "$prefix" ] || fail "helper failed" || return
	! ip netns list | grep -q "^$prefix-" || fail "namespaces left: $(ip netns list)"
}

ktap_test chain_routes test_chain_routes
ktap_test netem_delay test_netem_delay
ktap_test cleanup test_cleanup
ktap_done
