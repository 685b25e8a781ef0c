#!/bin/bash
# duetd finds certificates by ID and verifies them: its local directory
# first, then the certificate store (nginx in its own host) over HTTP;
# chain, dates, CRL, key type, and that the key is the one the ID names.
# Each failure comes back as its own errno with a reason.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/ktap.sh"
. "$here/lib/netns.sh"
. "$here/lib/pki.sh"
. "$here/lib/store.sh"
duetd=$here/../tools/duetd/duetd
tmp=$(mktemp -d)
pki=$(pki_use "$tmp/pki")

id_of() {	# NAME: the PKI's, or one this test made up
	if [ -f "$tmp/$1.id" ]; then cat "$tmp/$1.id"; else cat "$pki/$1.id"; fi
}

resolve() {	# NAME -> duetd's output and exit status, from h1
	netns_exec h1 "$duetd" -c "$tmp/duetd.conf" --resolve "$(id_of "$1")" 2>&1
}

expect_refused() {	# NAME ERRNO
	local out

	out=$(resolve "$1") && fail "$1 resolved: $out" && return 1
	grep -q "($2)" <<<"$out" || fail "$1: want $2: $out"
}

store_gets() {	# NAME -> how often the store was asked for it
	grep -c "GET /certs/$(id_of "$1") " "$tmp/store/access.log"
}

test_from_store() {
	local out

	out=$(resolve client-ec) || fail "$out" || return
	grep -q "subject   /CN=client-ec" <<<"$out" || fail "$out" || return
	grep -q "key       ec-p256 256" <<<"$out" || fail "$out" || return
	expect_eq "store requests for client-ec" "$(store_gets client-ec)" 1 || return
	out=$(resolve client-rsa) || fail "$out" || return
	grep -q "key       rsa 2048" <<<"$out" || fail "$out"
}

test_local_first() {
	local out

	out=$(resolve gw-ec) || fail "$out" || return
	grep -q "/CN=gw-ec" <<<"$out" || fail "$out" || return
	expect_eq "store requests for gw-ec" "$(store_gets gw-ec)" 0
}

test_refusals() {
	expect_refused client-expired EKEYEXPIRED || return
	expect_refused client-revoked EKEYREVOKED || return
	expect_refused client-rogue EKEYREJECTED || return
	expect_refused nobody ENOKEY
}

test_store_lies() {	# a new key's ID, answered with client-ec's certificate
	local out

	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null |
		openssl pkey -pubout -outform DER | sha256sum | cut -d' ' -f1 >"$tmp/liar.id"
	cp "$pki/client-ec.chain.pem" "$tmp/store/www/certs/$(id_of liar)"
	out=$(resolve liar) && fail "accepted: $out" && return 1
	grep -q "another key (EKEYREJECTED)" <<<"$out" || fail "$out"
}

test_store_down() {
	local t0 out

	store_stop
	t0=$(now_ms)
	out=$(resolve client-rsa) && fail "resolved with the store down" && return 1
	grep -q "(ECONNREFUSED)" <<<"$out" || fail "$out" || return
	[ $(($(now_ms) - t0)) -lt "$(slow 3000)" ] || fail "took too long"
}

test_bad_config() {
	local out

	printf 'store_url = x\ntimeout_ms = soon\n' >"$tmp/bad.conf"
	out=$("$duetd" -c "$tmp/bad.conf" --resolve 00 2>&1) && return 1
	grep -q "bad.conf:2: timeout_ms: not a positive number" <<<"$out" || fail "$out"
}

netns_hosts 2	# h1 gateway with duetd, h2 certificate store
mkdir -p "$tmp/local" "$tmp/trust" "$tmp/crl"
cp "$pki/root.pem" "$tmp/trust/"
cp "$pki/inter.crl" "$tmp/crl/"
cp "$pki/gw-ec.chain.pem" "$tmp/local/$(cat "$pki/gw-ec.id").pem"
store_start h2 "$tmp/store" 8080
for n in client-ec client-rsa client-expired client-revoked client-rogue; do
	store_publish "$tmp/store" "$pki" "$n"
done
printf '%064d\n' 0 | tr 0 f >"$tmp/nobody.id"
cat >"$tmp/duetd.conf" <<EOT
# duetd test configuration
store_url = http://$(netns_ip h2):8080/certs/{id}
cert_dir = $tmp/local
trust_dir = $tmp/trust
crl_dir = $tmp/crl
timeout_ms = 2000
EOT

ktap_test from_store test_from_store
ktap_test local_first test_local_first
ktap_test refusals test_refusals
ktap_test store_lies test_store_lies
ktap_test store_down test_store_down
ktap_test bad_config test_bad_config
store_stop
rm -rf "$tmp"
ktap_done
