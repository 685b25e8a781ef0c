# shellcheck shell=bash
# The start of every test with duet hosts, duetd and a certificate store:
# the libraries (ktap.sh, netns.sh, pki.sh, store.sh, duetd.sh,
# param.sh) and
#   $here  selftests/        $bin  the tools
#   $tmp   a fresh directory $pki  the test PKI ($DUET_PKI, or made here)
#   $port  7000, the gateway's port
# Sourced first: . "$(dirname "$0")/lib/gateway.sh"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
. "$here/lib/pki.sh"
. "$here/lib/store.sh"
. "$here/lib/duetd.sh"
. "$here/lib/param.sh"
bin=$here/../tools
tmp=$(mktemp -d)
pki=$(pki_use "$tmp/pki")
port=7000
