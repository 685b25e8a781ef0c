#!/bin/bash
# The certificate handshake end to end, in three hosts: h1 the client,
# h2 the gateway, h3 the certificate store (nginx); each host runs duetd
# with its own identity. The client's certificate never crosses the
# client-gateway link: the gateway fetches it by ID (and caches it).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
. "$here/lib/pki.sh"
. "$here/lib/store.sh"
bin=$here/../tools
tmp=$(mktemp -d)
pki=${DUET_PKI:-}
if [ -z "$pki" ]; then
	pki=$tmp/pki
	pki_make "$pki"
fi
port=7000

duetctl() { netns_exec "$1" "$bin/duetctl/duetctl" "${@:2}"; }
counter() { duetctl "$1" -j stats | jq -r ".$2"; }
store_gets() { grep -c "GET /certs/$(cat "$pki/$1.id") " "$tmp/store/access.log"; }

conf() {	# HOST IDENTITY: write HOST's duetd.conf
	cat >"$tmp/$1.conf" <<EOT
identity_cert = $pki/$2.chain.pem
identity_key = $pki/$2.key
store_url = http://$(netns_ip h3):8080/certs/{id}
trust_dir = $tmp/trust
crl_dir = $tmp/crl
timeout_ms = 2000
EOT
}

start_duetd() {	# HOST IDENTITY
	conf "$1" "$2"
	: >"$tmp/duetd-$1.log"
	ip netns exec "$(netns_name "$1")" "$bin/duetd/duetd" -c "$tmp/$1.conf" \
		2>>"$tmp/duetd-$1.log" &
	echo $! >"$tmp/duetd-$1.pid"
	wait_identity "$1" "$2"
}

wait_identity() {	# HOST IDENTITY: until the kernel has it
	local i

	for ((i = 0; i < 50; i++)); do
		[ "$(duetctl "$1" -j identity 2>/dev/null | jq -r .id)" = "$(cat "$pki/$2.id")" ] &&
			return 0
		sleep 0.1
	done
	fail "$1: identity $2 not registered: $(cat "$tmp/duetd-$1.log")"
}

become() {	# HOST IDENTITY: duetd reloads with another identity (SIGHUP)
	conf "$1" "$2"
	kill -HUP "$(cat "$tmp/duetd-$1.pid")"
	wait_identity "$1" "$2"
}

serve() {	# [duet-cat options]: one connection on h2, output in $tmp/srv.*
	: >"$tmp/srv.out"
	netns_exec h2 "$bin/duet-cat/duet-cat" -l -v "$@" "$port" \
		>"$tmp/srv.out" 2>"$tmp/srv.err" </dev/null &
	SRV=$!
	netns_wait_listen h2 "$port"
}

dial() {	# [duet-cat options]: send "hello" from h1; its stderr in $tmp/cli.err
	echo hello | timeout 20 ip netns exec "$(netns_name h1)" "$bin/duet-cat/duet-cat" \
		-v "$@" "$(netns_ip h2)" "$port" >"$tmp/cli.out" 2>"$tmp/cli.err"
}

expect_session() {	# SUITE: the last dial/serve pair worked with it
	wait "$SRV"
	grep -q "established, suite 0x$1, peer $(cat "$pki/gw-ec.id")" "$tmp/cli.err" ||
		grep -q "established, suite 0x$1, peer $(cat "$pki/gw-rsa.id")" "$tmp/cli.err" ||
		fail "client: $(cat "$tmp/cli.err")" || return
	grep -q "established, suite 0x$1, peer " "$tmp/srv.err" ||
		fail "server: $(cat "$tmp/srv.err")" || return
	expect_eq "what the gateway got" "$(cat "$tmp/srv.out")" hello
}

expect_refused() {	# ERRNO: the last dial failed so, and the gateway said so
	kill "$SRV" 2>/dev/null
	wait "$SRV" 2>/dev/null
	grep -q "connect: .*($1)" "$tmp/cli.err" || fail "client: want $1: $(cat "$tmp/cli.err")" ||
		return
	grep -q "handshake failed: .*($1)" "$tmp/srv.err" ||
		fail "gateway: want $1: $(cat "$tmp/srv.err")"
}

test_ecdhe_p256_aes128() {
	serve && dial && expect_session 0201 || return
	expect_eq "store requests for client-ec" "$(store_gets client-ec)" 1
}

test_cached() {	# the second connection: no store request, a cache hit
	local hits

	hits=$(counter h2 cache_hits)
	serve && dial && expect_session 0201 || return
	expect_eq "store requests for client-ec" "$(store_gets client-ec)" 1 || return
	expect_eq "cache hits" "$(counter h2 cache_hits)" $((hits + 1)) || return
	duetctl h2 cache list | grep -q "$(cat "$pki/client-ec.id") ec-p256" ||
		fail "not listed: $(duetctl h2 cache list)"
}

test_ecdhe_p256_aes256() {
	serve -s 0202 && dial && expect_session 0202
}

test_peer_id_known() {	# the client holds the gateway's: M2 carries its ID only
	serve && dial -P "$(cat "$pki/gw-ec.id")" && expect_session 0201 || return
	serve && dial -P "$(cat "$pki/gw-ec.id")" && expect_session 0201
}

test_peer_id_wrong() {
	serve && ! dial -P "$(cat "$pki/client-rsa.id")" || return 1
	expect_refused EKEYREJECTED
}

test_rsa_kt() {
	become h1 client-rsa && become h2 gw-rsa || return
	serve && dial && expect_session 0301
	become h1 client-ec
	become h2 gw-ec
}

refused_as() {	# IDENTITY ERRNO: a client with that identity is refused
	become h1 "$1" || return
	serve && ! dial || fail "$1 was accepted" || return
	expect_refused "$2"
}

test_expired() { refused_as client-expired EKEYEXPIRED; }
test_untrusted() { refused_as client-rogue EKEYREJECTED; }
test_revoked_crl() { refused_as client-revoked EKEYREVOKED; }
test_unknown() { refused_as gw-ec ENOKEY; }	# published nowhere

test_store_down() {
	local t0

	become h1 client-ec || return
	duetctl h2 cache flush
	store_stop
	t0=$(date +%s)
	serve && ! dial || fail "accepted with the store down" || return
	expect_refused ETIMEDOUT || return
	[ $(($(date +%s) - t0)) -lt 8 ] || fail "took $(($(date +%s) - t0)) s"
}

netns_hosts 3	# h1 client, h2 gateway, h3 store
mkdir -p "$tmp/trust" "$tmp/crl"
cp "$pki/root.pem" "$tmp/trust/"
cp "$pki/inter.crl" "$tmp/crl/"
store_start h3 "$tmp/store" 8080
for n in client-ec client-rsa client-expired client-revoked client-rogue; do
	store_publish "$tmp/store" "$pki" "$n"
done
start_duetd h2 gw-ec
start_duetd h1 client-ec

ktap_test ecdhe_p256_aes128 test_ecdhe_p256_aes128
ktap_test cached test_cached
ktap_test ecdhe_p256_aes256 test_ecdhe_p256_aes256
ktap_test peer_id_known test_peer_id_known
ktap_test peer_id_wrong test_peer_id_wrong
ktap_test rsa_kt test_rsa_kt
ktap_test expired test_expired
ktap_test untrusted test_untrusted
ktap_test revoked_crl test_revoked_crl
ktap_test unknown test_unknown
ktap_test store_down test_store_down
kill "$(cat "$tmp/duetd-h1.pid")" "$(cat "$tmp/duetd-h2.pid")" 2>/dev/null
store_stop
rm -rf "$tmp"
ktap_done
