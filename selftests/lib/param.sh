# shellcheck shell=bash
# duet's module parameters, changed for one test case and put back:
#   param_set NAME VALUE    write /sys/module/duet/parameters/NAME; the
#                           value before the first param_set is kept
#   param_restore NAME...   write back the kept values
# Test cases run in subshells: what one keeps is gone when it ends, so a
# case restores what it set before it returns, failed or not.

declare -A PARAM_OLD
PARAM_DIR=/sys/module/duet/parameters

param_set() {	# NAME VALUE
	[ -n "${PARAM_OLD[$1]+kept}" ] || PARAM_OLD[$1]=$(cat "$PARAM_DIR/$1")
	echo "$2" >"$PARAM_DIR/$1"
}

param_restore() {	# NAME...
	local n

	for n in "$@"; do
		[ -n "${PARAM_OLD[$n]+kept}" ] || continue
		echo "${PARAM_OLD[$n]}" >"$PARAM_DIR/$n"
		unset "PARAM_OLD[$n]"
	done
}
