#!/bin/bash
# The module parameter "family": default, another free number, numbers out
# of range and numbers already taken.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
duetctl=$here/../tools/duetctl/duetctl
sockhold=$here/bin/sockhold
param=/sys/module/duet/parameters/family

reload() {	# [PARAMS...]
	rmmod duet 2>/dev/null
	insmod "$DUET_KO" "$@"
}

test_default_is_13() {
	reload || return
	expect_eq "$param" "$(cat $param)" 13 &&
		expect_eq "status family" "$("$duetctl" -j status | jq -r .family)" 13
}

test_other_number() {
	local err

	reload family=22 || return
	expect_eq "$param" "$(cat $param)" 22 || return
	expect_eq "status family" "$("$duetctl" -j status | jq -r .family)" 22 || return
	"$sockhold" 1 </dev/null >/dev/null || fail "socket(22)" || return
	err=$("$sockhold" -f 13 1 2>&1 </dev/null)
	grep -q EAFNOSUPPORT <<<"$err" || fail "socket(13) with family=22: $err" || return
	reload
}

# Loading with family=NR must fail and say MESSAGE in the kernel log.
refused() {	# NR MESSAGE
	if reload family="$1" 2>/dev/null; then
		fail "loaded with family=$1"
		reload
		return 1
	fi
	dmesg | tail -n 1 | grep -q "$2" || fail "no clear message for family=$1"
}

test_out_of_range() {
	local nr

	for nr in 0 -1 46 1000; do
		refused "$nr" "family=$nr is out of range" || return
	done
	reload
}

test_taken() {
	refused 1 "address family 1 is taken" && reload	# AF_UNIX
}

ktap_test default_is_13 test_default_is_13
ktap_test other_number test_other_number
ktap_test out_of_range test_out_of_range
ktap_test taken test_taken
ktap_done
