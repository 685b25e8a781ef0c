# shellcheck shell=bash
# A test PKI made with the openssl CLI at test time:  pki_make DIR
#   root.pem/.key     trust anchor (P-256, self-signed)
#   inter.pem/.key    intermediate CA, signed by the root; inter.crl its CRL
#   leaves, signed by the intermediate, each NAME.pem NAME.key NAME.id
#   (NAME.id: hex SHA-256 of the DER SubjectPublicKeyInfo, the duet ID)
#   and NAME.chain.pem (the leaf, then the intermediate):
#     gw-ec client-ec        P-256
#     gw-rsa client-rsa      RSA 2048
#     client-expired         P-256, valid 2020-2021 only
#     client-revoked         P-256, revoked in inter.crl
#     client-rogue           P-256, signed by rogue.pem, a root nobody trusts

pki_id() {	# CERT -> hex SHA-256 of its DER SubjectPublicKeyInfo
	openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER |
		sha256sum | cut -d' ' -f1
}

pki_ca_conf() {	# DIR CA
	cat >"$1/$2.cnf" <<EOT
[ ca ]
default_ca = ca_section
[ ca_section ]
database = $1/$2.index
new_certs_dir = $1/$2.new
certificate = $1/$2.pem
private_key = $1/$2.key
serial = $1/$2.serial
crlnumber = $1/$2.crlnumber
default_md = sha256
default_days = 365
default_crl_days = 30
policy = policy_any
unique_subject = no
x509_extensions = leaf
[ policy_any ]
commonName = supplied
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_ext ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOT
	mkdir -p "$1/$2.new"
	: >"$1/$2.index"
	echo 1000 >"$1/$2.serial"
	echo 1000 >"$1/$2.crlnumber"
}

pki_key() {	# KEYFILE ec|rsa
	if [ "$2" = rsa ]; then
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null
	else
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
	fi
}

pki_root() {	# DIR NAME CN
	pki_key "$1/$2.key" ec
	openssl req -x509 -new -key "$1/$2.key" -out "$1/$2.pem" -subj "/CN=$3" \
		-days 3650 -addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	pki_ca_conf "$1" "$2"
}

pki_leaf() {	# DIR CA NAME ec|rsa [openssl ca options...]
	local dir=$1 ca=$2 name=$3 alg=$4

	shift 4
	pki_key "$dir/$name.key" "$alg"
	openssl req -new -key "$dir/$name.key" -subj "/CN=$name" -out "$dir/$name.csr"
	openssl ca -batch -notext -config "$dir/$ca.cnf" -in "$dir/$name.csr" \
		-out "$dir/$name.pem" "$@" 2>/dev/null
	pki_id "$dir/$name.pem" >"$dir/$name.id"
	cat "$dir/$name.pem" "$dir/inter.pem" >"$dir/$name.chain.pem"
}

pki_make() {	# DIR
	local dir=$1

	mkdir -p "$dir"
	pki_root "$dir" root "duet test root"
	pki_key "$dir/inter.key" ec
	openssl req -new -key "$dir/inter.key" -subj "/CN=duet test intermediate" \
		-out "$dir/inter.csr"
	openssl ca -batch -notext -config "$dir/root.cnf" -extensions ca_ext \
		-days 3650 -in "$dir/inter.csr" -out "$dir/inter.pem" 2>/dev/null
	pki_ca_conf "$dir" inter

	pki_leaf "$dir" inter gw-ec ec
	pki_leaf "$dir" inter client-ec ec
	pki_leaf "$dir" inter gw-rsa rsa
	pki_leaf "$dir" inter client-rsa rsa
	pki_leaf "$dir" inter broker-ec ec
	pki_leaf "$dir" inter broker2-ec ec
	pki_leaf "$dir" inter party-c ec
	pki_leaf "$dir" inter party-d ec
	pki_leaf "$dir" inter client-expired ec \
		-startdate 20200101000000Z -enddate 20210101000000Z
	pki_leaf "$dir" inter client-revoked ec
	openssl ca -config "$dir/inter.cnf" -revoke "$dir/client-revoked.pem" 2>/dev/null
	openssl ca -config "$dir/inter.cnf" -gencrl -out "$dir/inter.crl" 2>/dev/null

	pki_root "$dir" rogue "rogue root"
	pki_leaf "$dir" rogue client-rogue ec
}

# The PKI a test uses: DUET_PKI's (selftests/check makes one per run),
# else a new one made in DIR. Prints its directory.
pki_use() {	# DIR
	if [ -n "${DUET_PKI:-}" ]; then
		echo "$DUET_PKI"
	else
		pki_make "$1" >&2
		echo "$1"
	fi
}
