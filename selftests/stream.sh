#!/bin/bash
# AF_DUET stream sockets in PSK mode between two hosts: sets up the hosts
# and their keys, then runs the kselftest binary bin/stream in them.
#   gw           the same key on both hosts
#   wrong        a different key on each
#   client-only  known to the client alone
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/netns.sh"
duetctl=$here/../tools/duetctl/duetctl

netns_hosts 2
psk() {	# HOST ID
	openssl rand -hex 32 | netns_exec "$1" "$duetctl" psk add "$2" -
}
key=$(openssl rand -hex 32)
for h in h1 h2; do
	echo "$key" | netns_exec $h "$duetctl" psk add gw -
	psk $h wrong
done
psk h1 client-only

export DUET_NS_CLIENT=/run/netns/$(netns_name h1)
export DUET_NS_SERVER=/run/netns/$(netns_name h2)
export DUET_SERVER_IP4=$(netns_ip h2) DUET_SERVER_IP6=$(netns_ip6 h2)
"$here/bin/stream" "$@"
