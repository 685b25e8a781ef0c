#!/bin/bash
# The kernel-to-helper channel: duetd registers as its namespace's helper;
# upcalls reach it and its answers come back (duetctl helper ping); no
# helper → ENOKEY at once; a silent helper → ETIMEDOUT within the 5 s
# timeout; a helper that dies fails its upcalls at once and a restarted one
# serves again; one helper per namespace.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
. "$here/lib/param.sh"
duetctl=$here/../tools/duetctl/duetctl
duetd=$here/../tools/duetd/duetd
tmp=$(mktemp -d)

duetd_pid() { cat "$tmp/duetd.pid"; }

counter() {	# HOST COUNTER
	netns_exec "$1" "$duetctl" -j status | jq -r ".stats.$2"
}

# Tests run in subshells: the helper's pid lives in a file.
start_duetd() {	# HOST: waits until it has registered
	: >"$tmp/duetd-$1.log"
	# ip netns exec execs into duetd: $! is duetd's pid.
	ip netns exec "$(netns_name "$1")" "$duetd" 2>>"$tmp/duetd-$1.log" &
	echo $! >"$tmp/duetd.pid"
	for ((i = 0; i < 50; i++)); do
		grep -q registered "$tmp/duetd-$1.log" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "duetd did not register: $(cat "$tmp/duetd-$1.log")"
}

test_no_helper() {
	local err

	err=$(netns_exec h1 "$duetctl" helper ping 2>&1) && fail "ping worked: $err" && return 1
	grep -q "Required key not available" <<<"$err" || fail "want ENOKEY: $err" || return
	grep -q "no helper" <<<"$err" || fail "no clear message: $err"
}

test_ping() {
	local out

	start_duetd h1 || return
	out=$(netns_exec h1 "$duetctl" -j helper ping hello) || fail "ping: $out" || return
	expect_eq "echo" "$(jq -r .data <<<"$out")" hello || return
	[ "$(jq -r .ns <<<"$out")" -gt 0 ] || fail "no round trip time" || return
	expect_eq "upcalls" "$(counter h1 upcalls)" 1 || return
	# the helper is h1's alone
	netns_exec h2 "$duetctl" helper ping 2>/dev/null && fail "h2 has no helper" && return 1
	return 0
}

test_one_helper_per_namespace() {
	local err

	err=$(netns_exec h1 "$duetd" 2>&1) && fail "a second duetd registered" && return 1
	grep -q "another duetd runs here" <<<"$err" || fail "no clear message: $err"
}

test_silent_helper_times_out() {
	local t0 t1 err

	kill -STOP "$(duetd_pid)"
	t0=$(now_ms)
	err=$(netns_exec h1 "$duetctl" helper ping 2>&1)
	t1=$(now_ms)
	kill -CONT "$(duetd_pid)"
	grep -q "timed out" <<<"$err" || fail "want ETIMEDOUT: $err" || return
	[ $((t1 - t0)) -ge 4500 ] && [ $((t1 - t0)) -le "$(slow 7000)" ] ||
		fail "timed out after $((t1 - t0)) ms, want ~5000"
}

test_dead_helper_fails_fast_and_restart_serves() {
	local t0 t1 err before i

	# The timer far off: only the helper's socket closing ends it soon.
	param_set upcall_timeout_ms 60000
	kill -STOP "$(duetd_pid)"
	before=$(counter h1 upcalls)
	netns_exec h1 "$duetctl" helper ping >"$tmp/out" 2>&1 &
	for ((i = 0; i < $(slow 100); i++)); do	# the ping's upcall is out
		[ "$(counter h1 upcalls)" -gt "$before" ] && break
		sleep 0.1
	done
	t0=$(now_ms)
	kill -KILL "$(duetd_pid)"
	wait %1
	t1=$(now_ms)
	param_restore upcall_timeout_ms
	start_duetd h1 || return
	grep -q "timed out" "$tmp/out" || fail "want ETIMEDOUT: $(cat "$tmp/out")" || return
	[ $((t1 - t0)) -le "$(slow 10000)" ] || fail "took $((t1 - t0)) ms after the helper died" || return
	netns_exec h1 "$duetctl" helper ping >/dev/null || fail "restarted helper did not answer"
}

netns_hosts 2
ktap_test no_helper test_no_helper
ktap_test ping test_ping
ktap_test one_helper_per_namespace test_one_helper_per_namespace
ktap_test silent_helper_times_out test_silent_helper_times_out
ktap_test dead_helper_fails_fast_and_restart_serves test_dead_helper_fails_fast_and_restart_serves
kill "$(duetd_pid)" 2>/dev/null
rm -rf "$tmp"
ktap_done
