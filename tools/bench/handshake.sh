#!/bin/bash
# make bench-handshake: inside the VM (selftests/vm/run), the handshake on
# a slow link, duet against TLS 1.3 with mutual authentication
# (openssl s_server/s_client), both with P-256 certificates from the same
# test PKI and AES-128-GCM/SHA-256. h1 is the client, h2 the gateway, h3
# the certificate store (nginx, reached by the gateway over a fast link).
# On the client-gateway link, for each kind of connection and link, prints
# the median of DUET_BENCH_RUNS (default 5) connections that each send
# "hello" (plain TCP, busybox nc, first: the floor of the link):
#   packets and IP bytes each way (ip -s link, the whole connection, TCP
#   included), handshake messages, and the time from the client's start
#   to the first application byte at the server.
# Kinds: tcp; duet-cold (the gateway's certificate cache empty), duet
# (warm cache, no ticket), duet-peer (and the client names the gateway's
# ID), duet-resumed (a ticket), duet-early (a ticket, "hello" rides M1),
# duet-broker (an SA from the key broker on h3, asked for beforehand: the
# request is not timed; the counts include the link-key chaining with the
# broker after the close, which crosses the same link);
# tls (full, mutual), tls-resumed (-sess_in), tls-early (-sess_in and
# -early_data; the server accepts early data).
# DUET_BENCH_LINKS: netem settings, ';'-separated (default: a 300 ms RTT,
# then the same at 64 kbit/s). Times include starting the client program.
# Then, with no netem: the gateway's handshakes per second, full against
# resumed, DUET_BENCH_FLOOD (default 300) connections at once.
set -u
. "$(dirname "$0")/lib.sh"
runs=${DUET_BENCH_RUNS:-5}
links=${DUET_BENCH_LINKS:-delay 150ms;delay 150ms rate 64kbit}

now() { date +%s%N; }

counters() {	# "tx_packets tx_bytes rx_packets rx_bytes" of h1's end of the link
	netns_exec h1 ip -s -j link show dev v1-r |
		jq -r '.[0].stats64 | "\(.tx.packets) \(.tx.bytes) \(.rx.packets) \(.rx.bytes)"'
}

# The server's first byte: its output through this, stamped once.
first_byte() { head -c1 >/dev/null && now >"$tmp/t1"; cat >/dev/null; }

# Each server: one connection, its pid in SRV (ip netns exec execs it).
duet_server() {
	ip netns exec "$(netns_name h2)" "$bin/duet-cat/duet-cat" -l "$port" </dev/null \
		> >(first_byte) &
	SRV=$!
	netns_wait_listen h2 "$port"
}

# The client's input: "hello", then its end once the server has it.
hello() {
	local i

	echo hello
	for ((i = 0; i < 200; i++)); do
		[ -e "$tmp/t1" ] && break
		sleep 0.1
	done
}

duet_client() {	# [duet-cat options]
	hello | timeout 30 ip netns exec "$(netns_name h1)" "$bin/duet-cat/duet-cat" \
		"$@" "$(netns_ip h2)" "$port" >/dev/null 2>"$tmp/cli.err"
}

tcp_server() {
	ip netns exec "$(netns_name h2)" busybox nc -l -p "$port" </dev/null > >(first_byte) &
	SRV=$!
	netns_wait_listen h2 "$port"
}

tcp_client() {
	hello | timeout 30 ip netns exec "$(netns_name h1)" busybox nc "$(netns_ip h2)" "$port"
}

tls_server() {	# CONNECTIONS TICKETS [ARGS]; its input stays open: its end would close
	ip netns exec "$(netns_name h2)" openssl s_server -quiet -naccept "$1" \
		-accept "$port" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -groups P-256 \
		-cert "$pki/gw-ec.pem" -key "$pki/gw-ec.key" -cert_chain "$pki/inter.pem" \
		-num_tickets "$2" -Verify 2 -CAfile "$pki/root.pem" "${@:3}" < <(sleep 60) \
		> >(first_byte) 2>"$tmp/srv.err" &
	SRV=$!
	netns_wait_listen h2 "$port"
}

# A resuming TLS server: the priming connection (no data) gets a ticket
# into $tmp/sess, then the measured one resumes in the same process.
tls_server_resuming() {	# [ARGS]
	tls_server 2 1 "$@" || return
	sleep 2 | ip netns exec "$(netns_name h1)" openssl s_client -quiet \
		-connect "$(netns_ip h2):$port" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
		-groups P-256 -cert "$pki/client-ec.pem" -key "$pki/client-ec.key" \
		-cert_chain "$pki/inter.pem" -CAfile "$pki/root.pem" -verify_return_error \
		-sess_out "$tmp/sess" >/dev/null 2>&1
}

tls_client() {	# [ARGS]: handshake messages each way into $tmp/msgs
	hello | timeout 30 ip netns exec "$(netns_name h1)" openssl s_client \
		-connect "$(netns_ip h2):$port" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
		-groups P-256 -cert "$pki/client-ec.pem" -key "$pki/client-ec.key" \
		-cert_chain "$pki/inter.pem" -CAfile "$pki/root.pem" -verify_return_error \
		-msg "$@" >"$tmp/cli.out" 2>&1
	echo "$(grep -c '^>>> .*Handshake' "$tmp/cli.out") $(grep -c '^<<< .*Handshake' "$tmp/cli.out")" \
		>"$tmp/msgs"
}

# duet-resumed and duet-early need a ticket; the others none.
duet_tickets() {	# KIND
	case $1 in
	duet-resumed | duet-early)
		[ "$(duetctl h1 -j tickets | jq '.tickets | length')" -gt 0 ] && return
		duet_server && duet_client && wait "$SRV" ;;
	duet-broker)
		duetctl h1 tickets flush >/dev/null
		request h1 "$(cat "$pki/gw-ec.id")" >"$tmp/sa" ;;
	duet*) duetctl h1 tickets flush >/dev/null ;;
	esac
}

# One connection: KIND is duet-cold (the gateway's cache empty), duet
# (warm), duet-peer (warm, and the client names the gateway's ID) or tls.
one() {
	local kind=$1 before after t0

	duet_tickets "$kind" || return 1
	rm -f "$tmp/t1"
	echo hello >"$tmp/early"
	case $kind in
	tcp) tcp_server ;;
	tls) tls_server 1 0 ;;
	tls-resumed) tls_server_resuming ;;
	tls-early) tls_server_resuming -early_data ;;
	*) duet_server ;;
	esac
	if [ "$kind" = duet-cold ]; then
		duetctl h1 cache flush && duetctl h2 cache flush
	fi
	sleep 0.2	# quiet link
	before=$(counters)
	t0=$(now)
	case $kind in
	tcp) tcp_client; echo "0 0" >"$tmp/msgs" ;;
	tls) tls_client ;;
	tls-resumed) tls_client -sess_in "$tmp/sess" ;;
	tls-early) tls_client -sess_in "$tmp/sess" -early_data "$tmp/early" ;;
	duet-peer) duet_client -P "$(cat "$pki/gw-ec.id")"; echo "2 1" >"$tmp/msgs" ;;
	duet-early) duet_client -e; echo "2 1" >"$tmp/msgs" ;;
	duet-broker) duet_client -S "$(cat "$tmp/sa")"; echo "2 1" >"$tmp/msgs" ;;
	*) duet_client; echo "2 1" >"$tmp/msgs" ;;
	esac
	sleep 1.5	# the close crosses the link too
	after=$(counters)
	kill "$SRV" 2>/dev/null
	wait "$SRV" 2>/dev/null
	[ -s "$tmp/t1" ] || { echo "# $kind: no byte reached the server" >&2; return 1; }
	# shellcheck disable=SC2086
	set -- $before $after
	echo "$(($5 - $1)) $(($6 - $2)) $(($7 - $3)) $(($8 - $4)) $(cat "$tmp/msgs")" \
		"$((($(cat "$tmp/t1") - t0) / 1000000))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

row() {	# KIND: RUNS connections, the median of each column
	local kind=$1 i c

	: >"$tmp/rows"
	for ((i = 0; i < runs; i++)); do
		one "$kind" >>"$tmp/rows" || return 1
	done
	printf '%-12s' "$kind"
	for c in 1 2 3 4 5 6 7; do
		printf ' %9s' "$(awk -v c=$c '{ print $c }' "$tmp/rows" | median)"
	done
	echo
}

netns_hosts 3
duet_hosts_start client-ec gw-ec || exit 1	# h1 client, h2 gateway, h3 the store
# The key broker on h3 (beside the store), both parties joined to it.
duetd_start h3 broker-ec && broker_start h3 && agent_start h1 h3 && agent_start h2 h3 ||
	exit 1

IFS=';' read -ra profiles <<<"$links"
rc=0
for p in "${profiles[@]}"; do
	netns_exec h1 tc qdisc replace dev v1-r root netem $p
	netns_exec h2 tc qdisc replace dev v1-l root netem $p
	echo "link: netem $p (both ways); median of $runs connections"
	printf '%-12s %9s %9s %9s %9s %9s %9s %9s\n' kind c-pkts c-bytes g-pkts g-bytes \
		c-hs-msgs g-hs-msgs ttfb-ms
	for kind in ${DUET_BENCH_KINDS:-tcp duet-cold duet duet-peer duet-resumed duet-early \
			duet-broker tls tls-resumed tls-early}; do
		row "$kind" || rc=1
	done
	netns_exec h1 tc qdisc del dev v1-r root
	netns_exec h2 tc qdisc del dev v1-l root
done

flood() {	# full|resumed: the gateway's accepted N in T s, N / T
	local n=${DUET_BENCH_FLOOD:-300} out

	duetctl h1 tickets flush >/dev/null
	duetctl h2 tickets set uses 65535 lifetime "$([ "$1" = full ] && echo 0 || echo 86400)"
	if [ "$1" = resumed ]; then
		duet_server && duet_client && wait "$SRV"
	fi
	ip netns exec "$(netns_name h2)" "$top/selftests/bin/hsflood" -l "$port" "$n" \
		>"$tmp/flood" &
	SRV=$!
	netns_wait_listen h2 "$port" || return 1
	out=$(netns_exec h1 "$top/selftests/bin/hsflood" "$(netns_ip h2)" "$port" "$n")
	wait "$SRV"
	# "accepted N, X sent x, in T s", then why any did not
	printf '%-8s %s; %s/s; client: %s\n' "$1" "$(tr '\n' ' ' <"$tmp/flood")" \
		"$(sed -n 's/^accepted \([0-9]*\), .* in \([0-9.]*\) s.*/\1 \2/p' "$tmp/flood" |
			awk '{ printf "%.0f", $1 / $2 }')" "$(head -1 <<<"$out")"
}
echo "gateway handshakes, ${DUET_BENCH_FLOOD:-300} connections at once, no netem"
flood full || rc=1
flood resumed || rc=1
kill "$(cat "$tmp/duetd-h1.pid")" "$(cat "$tmp/duetd-h2.pid")" \
	"$(cat "$tmp/duetd-h3.pid")" 2>/dev/null
stop agent h1
stop agent h2
stop broker h3
store_stop
rm -rf "$tmp"
exit $rc
