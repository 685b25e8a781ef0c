# shellcheck shell=bash
# The start of each benchmark with duet hosts, inside the VM: the selftests'
# libraries (netns.sh, pki.sh, store.sh, duetd.sh, broker.sh) and
#   $top  the tree   $bin  the tools   $tmp  a fresh directory
#   $pki  the test PKI ($DUET_PKI, or made here)   $port  7000
# A benchmark asserts nothing: a helper that gives up says why on stderr,
# and time limits are not scaled. Sourced first: . "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top/selftests/lib/netns.sh"
. "$top/selftests/lib/pki.sh"
. "$top/selftests/lib/store.sh"
. "$top/selftests/lib/duetd.sh"
. "$top/selftests/lib/broker.sh"
bin=$top/tools
tmp=$(mktemp -d)
pki=${DUET_PKI:-$tmp/pki}
port=7000

fail() { echo "# $*" >&2; return 1; }
slow() { echo "$1"; }

[ -n "${DUET_PKI:-}" ] || pki_make "$pki" >/dev/null 2>&1
