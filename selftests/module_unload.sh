#!/bin/bash
# Unloading duet.ko while sockets are open is refused; once they are closed
# it succeeds, and a namespace that dies with a socket open cleans up.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
sockhold=$here/bin/sockhold

# Hold N sockets (in host $2 if given) in coprocess "hold".
hold_start() {
	local line

	if [ -n "${2:-}" ]; then
		coproc hold { netns_exec "$2" "$sockhold" "$1"; }
	else
		coproc hold { "$sockhold" "$1"; }
	fi
	read -r line <&"${hold[0]}"
	expect_eq "sockhold" "$line" ready
}

hold_stop() {
	local fd=${hold[1]}

	exec {fd}>&-
	wait "$hold_PID"
}

test_refused_while_open() {
	hold_start 2 || return
	if rmmod duet 2>/dev/null; then
		fail "rmmod succeeded with 2 sockets open"
		insmod "$DUET_KO"
		return 1
	fi
	[ -d /sys/module/duet ] || fail "module gone after a refused rmmod" || return
	hold_stop
	rmmod duet || fail "rmmod after close" || return
	[ ! -d /sys/module/duet ] || fail "module still present" || return
	insmod "$DUET_KO"
}

test_gone_after_unload() {
	local af err

	af=$(cat /sys/module/duet/parameters/family)
	rmmod duet || return
	err=$("$sockhold" -f "$af" 1 2>&1 </dev/null)
	insmod "$DUET_KO" || return
	grep -q EAFNOSUPPORT <<<"$err" || fail "socket($af) after rmmod: $err"
}

test_namespace_dies_with_socket_open() {
	netns_hosts 1
	hold_start 1 h1 || return
	netns_cleanup	# the namespace lives on while the socket pins it
	rmmod duet 2>/dev/null && fail "rmmod succeeded with a socket open" && return 1
	hold_stop
	rmmod duet || fail "rmmod after the namespace's last socket closed" || return
	insmod "$DUET_KO"
}

ktap_test refused_while_open test_refused_while_open
ktap_test gone_after_unload test_gone_after_unload
ktap_test namespace_dies_with_socket_open test_namespace_dies_with_socket_open
ktap_done
