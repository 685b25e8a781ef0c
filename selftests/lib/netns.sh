# shellcheck shell=bash
# Test hosts: network namespaces joined by veth pairs, torn down on exit.
#
#   netns_hosts N      hosts h1..hN in a chain h1 - h2 - ... - hN: link i
#                      joins h_i (10.77.i.1, fd77:i::1) and h_(i+1)
#                      (10.77.i.2, fd77:i::2); the hosts between forward,
#                      and every host has routes to every link
#   netns_exec H CMD   run CMD on host H (h1, h2, ...)
#   netns_ip H         an IPv4 address of H; netns_ip6 H the IPv6 one
#   netns_netem I ARGS tc netem on both ends of link I, e.g.
#                      "delay 150ms rate 1mbit loss 1%" (a 300 ms RTT)
#   netns_wait_listen H PORT   wait (5 s at most) for a TCP listener on H
#                              ("" for this namespace)
#
# Namespace names carry the shell's PID so runs never collide; the EXIT
# trap deletes them (and so every process still inside them is orphaned
# from its network: kill your background jobs first).

NETNS_PREFIX="duet$$"
NETNS_HOSTS=0

netns_name() { echo "$NETNS_PREFIX-$1"; }

netns_exec() {
	local h=$1

	shift
	ip netns exec "$(netns_name "$h")" "$@"
}

netns_cleanup() {
	local i

	for ((i = 1; i <= NETNS_HOSTS; i++)); do
		ip netns del "$(netns_name "h$i")" 2>/dev/null
	done
	NETNS_HOSTS=0
}

netns_ip() {
	local i=${1#h}

	if [ "$i" = 1 ]; then echo 10.77.1.1; else echo "10.77.$((i - 1)).2"; fi
}

netns_ip6() {
	local i=${1#h}

	if [ "$i" = 1 ]; then echo fd77:1::1; else echo "fd77:$((i - 1))::2"; fi
}

# veth pair for link i between h_i and h_(i+1), both ends addressed.
netns_link() {
	local i=$1 a b

	a=$(netns_name "h$i")
	b=$(netns_name "h$((i + 1))")
	ip link add "v$i-r" netns "$a" type veth peer name "v$i-l" netns "$b"
	netns_exec "h$i" ip addr add "10.77.$i.1/24" dev "v$i-r"
	netns_exec "h$i" ip -6 addr add "fd77:$i::1/64" dev "v$i-r" nodad
	netns_exec "h$i" ip link set "v$i-r" up
	netns_exec "h$((i + 1))" ip addr add "10.77.$i.2/24" dev "v$i-l"
	netns_exec "h$((i + 1))" ip -6 addr add "fd77:$i::2/64" dev "v$i-l" nodad
	netns_exec "h$((i + 1))" ip link set "v$i-l" up
}

# Host j reaches link i (not its own) through its left or right neighbour.
netns_routes() {
	local j=$1 n=$2 i

	for ((i = 1; i < n; i++)); do
		if ((i < j - 1)); then
			netns_exec "h$j" ip route add "10.77.$i.0/24" via "10.77.$((j - 1)).1"
			netns_exec "h$j" ip -6 route add "fd77:$i::/64" via "fd77:$((j - 1))::1"
		elif ((i > j)); then
			netns_exec "h$j" ip route add "10.77.$i.0/24" via "10.77.$j.2"
			netns_exec "h$j" ip -6 route add "fd77:$i::/64" via "fd77:$j::2"
		fi
	done
}

netns_hosts() {
	local n=$1 i

	trap netns_cleanup EXIT
	for ((i = 1; i <= n; i++)); do
		ip netns add "$(netns_name "h$i")"
		NETNS_HOSTS=$i
		netns_exec "h$i" ip link set lo up
		netns_exec "h$i" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	done
	for ((i = 1; i < n; i++)); do
		netns_link "$i"
	done
	for ((i = 1; i <= n; i++)); do
		netns_routes "$i" "$n"
	done
}

netns_netem() {
	local i=$1

	shift
	# shellcheck disable=SC2068
	netns_exec "h$i" tc qdisc add dev "v$i-r" root netem $@
	# shellcheck disable=SC2068
	netns_exec "h$((i + 1))" tc qdisc add dev "v$i-l" root netem $@
}

netns_wait_listen() {
	local i

	for ((i = 0; i < 50; i++)); do
		if [ -n "$1" ]; then
			netns_exec "$1" ss -Hltn "sport = :$2"
		else
			ss -Hltn "sport = :$2"
		fi | grep -q . && return 0
		sleep 0.1
	done
	echo "# nothing listens on $1:$2" >&2
	return 1
}
