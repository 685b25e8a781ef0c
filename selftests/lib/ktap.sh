# shellcheck shell=bash
# TAP output for shell tests, in the shape the kselftest harness prints, so
# selftests/check counts shell and C tests alike:
#   ktap_test NAME CMD...   run CMD (a function, usually); ok or not ok,
#                           after a "# NAME: N.N s" line saying how long it
#                           took (with KTAP_ONLY=NAME[,NAME...]: only those)
#   ktap_skip NAME WHY
#   ktap_done               print the plan; exit 1 if anything failed
# A test function reports why it failed on stderr ("# ..." lines are TAP
# comments) and returns non-zero.

KTAP_N=0
KTAP_FAILED=0
echo "TAP version 13"

ktap_test() {
	local name=$1 rc=0 t0 ms

	shift
	case ",${KTAP_ONLY:-$name}," in
	*",$name,"*) ;;
	*) return 0 ;;
	esac
	KTAP_N=$((KTAP_N + 1))
	echo "#  RUN           $name ..."
	t0=$(now_ms)
	("$@") || rc=$?
	ms=$(($(now_ms) - t0))
	printf '# %s: %d.%d s\n' "$name" $((ms / 1000)) $((ms % 1000 / 100))
	if [ "$rc" = 0 ]; then
		echo "ok $KTAP_N $name"
	else
		echo "not ok $KTAP_N $name # exit $rc"
		KTAP_FAILED=$((KTAP_FAILED + 1))
	fi
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

ktap_done() {
	echo "1..$KTAP_N"
	[ "$KTAP_FAILED" = 0 ]
	exit
}

# Helpers for test functions: fail with a message.
fail() {
	echo "# FAIL: $*" >&2
	return 1
}

expect_eq() {	# WHAT GOT WANT
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# The clock in milliseconds, without an exec ("," is the mark in some locales)
now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }

# Time limits, multiplied by DUET_TIME_SCALE (make check-debug sets it:
# KASAN under TCG is several times slower than Debian's kernel).
slow() { echo $(($1 * ${DUET_TIME_SCALE:-1})); }

wait_pid() {	# PID SECONDS: until PID has exited; 1 if it still runs then
	local end=$((SECONDS + $2))

	while kill -0 "$1" 2>/dev/null; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# Slab growth as a leak check: 0 if it may be measured here. Under KASAN
# (DUET_KASAN=1) the quarantine holds freed objects, so it says nothing;
# kmemleak checks for leaks there instead.
slab_measurable() {
	[ "${DUET_KASAN:-0}" = 1 ] || return 0
	echo "# slab growth not checked under KASAN: kmemleak checks leaks here"
	return 1
}
