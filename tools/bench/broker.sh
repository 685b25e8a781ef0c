#!/bin/bash
# make bench-broker: inside the VM, the public-key operations that n = 4
# parties spend to talk pairwise (6 sessions), measured from the kernels'
# pk_ops counters (P-256 key generation and ECDH in the kernel, and every
# private-key or verification upcall to duetd), summed over all hosts:
#   direct   a full certificate handshake per session (tickets off)
#   broker   each party joins the key broker once (a full handshake),
#            then each session confirms an SA: no public-key work
# h1..h4 are the parties (h3 also serves the certificate store), h5 the broker.
set -u
. "$(dirname "$0")/lib.sh"
names=(client-ec gw-ec party-c party-d)

netns_hosts 5
duet_hosts_start "${names[@]}" broker-ec || exit 1	# h1, h2; the store on h3
duetd_start h3 party-c && duetd_start h4 party-d && duetd_start h5 broker-ec || exit 1
for i in 1 2 3 4 5; do
	duetctl "h$i" tickets set lifetime 0 >/dev/null
done

total() {	# COUNTER: summed over h1..h5
	local i s=0

	for i in 1 2 3 4 5; do
		s=$((s + $(duet_counter "h$i" "$1")))
	done
	echo $s
}

pair() {	# I J [duet-cat options]: "hello" from hI to hJ
	ip netns exec "$(netns_name "h$2")" "$bin/duet-cat/duet-cat" -l "$port" \
		</dev/null >/dev/null 2>&1 &
	local srv=$!
	netns_wait_listen "h$2" "$port"
	echo hello | timeout 20 ip netns exec "$(netns_name "h$1")" \
		"$bin/duet-cat/duet-cat" "${@:3}" "$(netns_ip "h$2")" "$port" >/dev/null ||
		echo "# h$1 -> h$2 failed" >&2
	wait "$srv"
}

pairs() {	# [broker]: every pair once
	local i j sa

	for ((i = 1; i <= 4; i++)); do
		for ((j = i + 1; j <= 4; j++)); do
			if [ "${1:-}" = broker ]; then
				sa=$(request "h$i" "$(cat "$pki/${names[$((j - 1))]}.id")") ||
					continue
				pair "$i" "$j" -S "$sa"
			else
				pair "$i" "$j"
			fi
		done
	done
}

p0=$(total pk_ops) u0=$(total upcalls)
pairs
p1=$(total pk_ops) u1=$(total upcalls)
broker_start h5 || exit 1
for i in 1 2 3 4; do
	agent_start "h$i" h5 || exit 1
done
p2=$(total pk_ops) u2=$(total upcalls)
pairs broker
sleep 1		# the chaining after the last session
p3=$(total pk_ops) u3=$(total upcalls)
s=$(total sa_sessions)

echo "4 parties, 6 pairwise sessions; public-key operations and upcalls, all hosts"
printf '%-28s %8s %8s %14s\n' "" pk-ops upcalls pk-ops/session
printf '%-28s %8s %8s %14s\n' "direct full handshakes" $((p1 - p0)) $((u1 - u0)) \
	"$(awk -v p=$((p1 - p0)) 'BEGIN { printf "%.1f", p / 6 }')"
printf '%-28s %8s %8s %14s\n' "broker: 4 joins" $((p2 - p1)) $((u2 - u1)) -
printf '%-28s %8s %8s %14s\n' "broker: 6 SA sessions" $((p3 - p2)) $((u3 - u2)) \
	"$(awk -v p=$((p3 - p2)) 'BEGIN { printf "%.1f", p / 6 }')"
echo "(sa_sessions counted: $s, both ends of each)"
for i in 1 2 3 4; do
	stop agent "h$i"
done
stop broker h5
for i in 1 2 3 4 5; do
	kill "$(cat "$tmp/duetd-h$i.pid")" 2>/dev/null
done
store_stop
rm -rf "$tmp"
