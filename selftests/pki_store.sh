#!/bin/bash
# The test PKI (lib/pki.sh) and the certificate store (lib/store.sh) that
# the certificate handshake's tests stand on: each certificate verifies,
# or fails, for the reason it was made for; the store, a real nginx in its
# own host, serves certificates by duet ID to another host, 404 for an
# unknown ID, and logs every request.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
. "$here/lib/pki.sh"
. "$here/lib/store.sh"
tmp=$(mktemp -d)
pki=${DUET_PKI:-$tmp/pki}	# selftests/check makes one for the whole run

verify() {	# NAME [openssl verify options]
	local name=$1

	shift
	openssl verify -CAfile "$pki/root.pem" -untrusted "$pki/inter.pem" "$@" \
		"$pki/$name.pem" 2>&1
}

test_good_leaves_verify() {
	local name

	for name in gw-ec client-ec gw-rsa client-rsa; do
		verify "$name" -crl_check -CRLfile "$pki/inter.crl" | grep -q ': OK$' ||
			fail "$name: $(verify "$name")" || return
	done
}

test_bad_leaves_fail() {
	verify client-expired | grep -q "certificate has expired" ||
		fail "expired: $(verify client-expired)" || return
	verify client-revoked | grep -q ': OK$' ||
		fail "revoked, without the CRL, should verify" || return
	verify client-revoked -crl_check -CRLfile "$pki/inter.crl" |
		grep -q "certificate revoked" || fail "revoked: not refused" || return
	verify client-rogue | grep -q "unable to get local issuer" ||
		fail "rogue: $(verify client-rogue)"
}

test_keys_and_ids() {
	local ids n

	openssl x509 -in "$pki/gw-ec.pem" -noout -text | grep -q "NIST CURVE: P-256" ||
		fail "gw-ec is not P-256" || return
	openssl x509 -in "$pki/client-rsa.pem" -noout -text | grep -q "Public-Key: (2048 bit)" ||
		fail "client-rsa is not RSA 2048" || return
	ids=$(cat "$pki"/*.id)
	n=$(find "$pki" -name '*.id' | wc -l)
	[ "$n" -ge 11 ] || fail "only $n IDs" || return
	[ "$(grep -c -E '^[0-9a-f]{64}$' <<<"$ids")" = "$n" ] || fail "IDs: $ids" || return
	[ "$(sort -u <<<"$ids" | wc -l)" = "$n" ] || fail "IDs repeat" || return
	# The ID names the key: the same key in another certificate keeps it.
	openssl req -x509 -new -key "$pki/client-ec.key" -subj /CN=again -days 1 \
		-out "$tmp/again.pem" 2>/dev/null
	expect_eq "ID of a reissued certificate" "$(pki_id "$tmp/again.pem")" \
		"$(cat "$pki/client-ec.id")"
}

test_store_serves_by_id() {
	local url id code

	store_publish "$tmp/store" "$pki" client-ec
	store_publish "$tmp/store" "$pki" client-rsa
	id=$(cat "$pki/client-ec.id")
	url="http://$(netns_ip h2):8080/certs"
	netns_exec h1 curl -sf "$url/$id" -o "$tmp/got.pem" || fail "GET $id" || return
	expect_eq "served certificate's ID" "$(pki_id "$tmp/got.pem")" "$id" || return
	openssl verify -CAfile "$pki/root.pem" -untrusted "$tmp/got.pem" "$tmp/got.pem" |
		grep -q ': OK$' || fail "the served chain does not verify" || return
	code=$(netns_exec h1 curl -s -o /dev/null -w '%{http_code}' "$url/$(printf '0%.0s' {1..64})")
	expect_eq "unknown ID" "$code" 404 || return
	grep -q "GET /certs/$id HTTP/1.1\" 200" "$tmp/store/access.log" ||
		fail "no 200 for $id in the access log" || return
	grep -q '" 404 ' "$tmp/store/access.log" || fail "no 404 in the access log"
}

[ -f "$pki/root.pem" ] || pki_make "$pki"
netns_hosts 2	# h1 gateway, h2 certificate store
store_start h2 "$tmp/store" 8080 || echo "# the store did not start: $(cat "$tmp/store/error.log")"
ktap_test good_leaves_verify test_good_leaves_verify
ktap_test bad_leaves_fail test_bad_leaves_fail
ktap_test keys_and_ids test_keys_and_ids
ktap_test store_serves_by_id test_store_serves_by_id
store_stop
rm -rf "$tmp"
ktap_done
