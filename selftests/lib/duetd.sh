# shellcheck shell=bash
# duetd in test hosts, each with its own identity from a test PKI:
#   duetd_start HOST IDENTITY   write $tmp/HOST.conf, start duetd there
#                               (pid in $tmp/duetd-HOST.pid, log in
#                               $tmp/duetd-HOST.log), wait for its identity
#   duetd_become HOST IDENTITY  reload it with another identity (SIGHUP)
#   duetd_conf HOST IDENTITY    only write the configuration
#   duetctl HOST ARGS...        duetctl on HOST
# The store is h3's port 8080 (store.sh); the trust anchors are in
# $tmp/trust, the CRLs in $tmp/crl. Needs netns.sh; $tmp, $pki (made by
# pki.sh) and $bin (the tools directory) set.

duetctl() { netns_exec "$1" "$bin/duetctl/duetctl" "${@:2}"; }

duetd_conf() {	# HOST IDENTITY
	cat >"$tmp/$1.conf" <<EOT
identity_cert = $pki/$2.chain.pem
identity_key = $pki/$2.key
store_url = http://$(netns_ip h3):8080/certs/{id}
trust_dir = $tmp/trust
crl_dir = $tmp/crl
timeout_ms = 2000
EOT
}

duetd_wait_identity() {	# HOST IDENTITY: until the kernel has it
	local i

	for ((i = 0; i < 50; i++)); do
		[ "$(duetctl "$1" -j identity 2>/dev/null | jq -r .id)" = "$(cat "$pki/$2.id")" ] &&
			return 0
		sleep 0.1
	done
	echo "# $1: identity $2 not registered: $(cat "$tmp/duetd-$1.log")" >&2
	return 1
}

duetd_start() {	# HOST IDENTITY
	duetd_conf "$1" "$2"
	: >"$tmp/duetd-$1.log"
	ip netns exec "$(netns_name "$1")" "$bin/duetd/duetd" -c "$tmp/$1.conf" \
		2>>"$tmp/duetd-$1.log" &
	echo $! >"$tmp/duetd-$1.pid"
	duetd_wait_identity "$1" "$2"
}

duetd_become() {	# HOST IDENTITY
	duetd_conf "$1" "$2"
	kill -HUP "$(cat "$tmp/duetd-$1.pid")"
	duetd_wait_identity "$1" "$2"
}

# h3 serves the store (the given identities published there), the trust
# dir holds the test root, the CRL dir its intermediate's CRL; h2 runs
# duetd as gw-ec, h1 as client-ec.
duet_hosts_start() {	# IDENTITY... to publish
	local n

	mkdir -p "$tmp/trust" "$tmp/crl"
	cp "$pki/root.pem" "$tmp/trust/"
	cp "$pki/inter.crl" "$tmp/crl/"
	store_start h3 "$tmp/store" 8080
	for n in "$@"; do
		store_publish "$tmp/store" "$pki" "$n"
	done
	duetd_start h2 gw-ec
	duetd_start h1 client-ec
}

duet_counter() { duetctl "$1" -j stats | jq -r ".$2"; }	# HOST COUNTER

# A ktap case: no AF_DUET socket left active in HOST... (within 5 s,
# scaled by DUET_TIME_SCALE).
expect_no_socket() {
	local h n end

	for h in "$@"; do
		end=$((SECONDS + $(slow 5)))
		while :; do
			n=$(duet_counter "$h" sockets_active)
			[ "$n" = 0 ] || [ "$SECONDS" -ge "$end" ] && break
			sleep 0.1
		done
		[ "$n" = 0 ] && continue
		echo "# $h: $(duetctl "$h" -j stats | jq -c '{sockets_active, hs_pending,
			sessions_active, handshakes_started, handshakes_done}')"
		duetctl "$h" sessions | sed 's/^/# /'
		expect_eq "$h: sockets still active" "$n" 0 || return
	done
}
