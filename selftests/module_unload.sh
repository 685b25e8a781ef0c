#!/bin/bash
# Unloading duet.ko while sockets are open is refused; once they are closed
# it succeeds, and a namespace that dies with a socket open cleans up.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
sockhold=$here/bin/sockhold
tmp=$(mktemp -d)

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

# Handshakes and transfers go on in two hosts while rmmod is tried again
# and again: each try is refused at once, none hangs, no session breaks;
# once they are over it unloads.
test_refused_under_load() {
	local i refused=0 pids=() lsn bad=0

	netns_hosts 2
	for h in h1 h2; do
		echo 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
			netns_exec "$h" "$here/../tools/duetctl/duetctl" psk add gw - || return
	done
	ip netns exec "$(netns_name h2)" "$here/../tools/duet-cat/duet-cat" -l -k -p gw 7000 \
		>/dev/null 2>&1 </dev/null &
	lsn=$!
	netns_wait_listen h2 7000 || return
	head -c 100000 /dev/urandom >"$tmp/in"
	for j in 1 2; do
		(for i in $(seq 15); do
			timeout 30 ip netns exec "$(netns_name h1)" \
				"$here/../tools/duet-cat/duet-cat" -p gw "$(netns_ip h2)" 7000 \
				<"$tmp/in" >/dev/null 2>&1 || echo "client $j.$i failed"
		done) >"$tmp/load.$j" &
		pids+=($!)
	done
	for i in $(seq 20); do
		timeout 10 rmmod duet 2>/dev/null
		case $? in
		0) insmod "$DUET_KO"; fail "rmmod succeeded under load"; return 1 ;;
		124) fail "rmmod hung"; return 1 ;;
		*) refused=$((refused + 1)) ;;
		esac
		sleep 0.2
	done
	wait "${pids[@]}"
	kill "$lsn"
	wait "$lsn" 2>/dev/null
	cat "$tmp"/load.* | grep -q failed && bad=1
	echo "# rmmod refused $refused times under load"
	[ "$bad" = 0 ] || fail "$(cat "$tmp"/load.*)" || return
	netns_cleanup
	for i in $(seq 50); do	# the sockets' last references go in work items
		rmmod duet 2>/dev/null && break
		sleep 0.1
	done
	[ ! -d /sys/module/duet ] || fail "rmmod after the load" || return
	insmod "$DUET_KO"
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
ktap_test refused_under_load test_refused_under_load
ktap_test namespace_dies_with_socket_open test_namespace_dies_with_socket_open
ktap_done
