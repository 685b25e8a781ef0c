#!/bin/bash
# The kernel against an independent implementation of the protocol
# (bin/refpeer: OpenSSL, written from Documentation/protocol.md): the
# reference initiator completes a handshake with a duet listener, and
# records go both ways.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
duetctl=$here/../tools/duetctl/duetctl
cat=$here/../tools/duet-cat/duet-cat
tmp=$(mktemp -d)

test_reference_initiator() {
	local key out

	key=$(openssl rand -hex 32)
	echo "$key" | netns_exec h2 "$duetctl" psk add ref -
	netns_exec h2 "$cat" -l 7010 >"$tmp/got" 2>"$tmp/err" \
		< <(printf 'hello from the kernel'; sleep 3) &
	netns_wait_listen h2 7010 || return
	out=$(netns_exec h1 "$here/bin/refpeer" "$(netns_ip h2)" 7010 ref "$key") ||
		fail "refpeer failed" || return
	wait
	expect_eq "the kernel's record, opened by OpenSSL" "$out" "hello from the kernel" &&
		expect_eq "the reference's record, opened by the kernel" \
			"$(cat "$tmp/got")" "hello from userspace"
}

netns_hosts 2
ktap_test reference_initiator test_reference_initiator
rm -rf "$tmp"
ktap_done
