// SPDX-License-Identifier: GPL-2.0
/*
 * upcall_seeds PKI DIR: seeds for upcall_fuzz, one per operation, made as
 * the kernel would send them from a real handshake's values: points and
 * keys of the test PKI's identities, a ciphertext and a signature made by
 * duetd's own key operations, a real chain to verify.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>
#include <netlink/attr.h>

#include "duet_nl.h"
#include "identity.h"
#include "keyops.h"

static void load(const char *pki, const char *name, struct duetd_self *s)
{
	struct duetd_config c = { 0 };
	char why[256];

	snprintf(c.identity_cert, sizeof(c.identity_cert), "%s/%s.chain.pem", pki, name);
	snprintf(c.identity_key, sizeof(c.identity_key), "%s/%s.key", pki, name);
	if (duetd_self_load(&c, s, why, sizeof(why))) {
		fprintf(stderr, "upcall_seeds: %s: %s\n", name, why);
		exit(1);
	}
}

static struct nl_msg *request(unsigned int op)
{
	struct nl_msg *m = nlmsg_alloc_size(3 * DUET_MAX_CHAIN_LEN);

	if (!m || nla_put_u64(m, DUET_ATTR_UPCALL_ID, 7) ||
	    nla_put_u32(m, DUET_ATTR_UPCALL_OP, op))
		exit(1);
	return m;
}

/* DIR/NAME: KEY ('E' or 'R'), then the request's attributes. */
static void save(const char *dir, const char *name, char key, struct nl_msg *m)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputc(key, f) == EOF ||
	    fwrite(nlmsg_data(nlh), 1, nlmsg_datalen(nlh), f) != (size_t)nlmsg_datalen(nlh) ||
	    fclose(f)) {
		perror(path);
		exit(1);
	}
	nlmsg_free(m);
}

int main(int argc, char **argv)
{
	static struct duetd_self ec, rsa, peer_ec, peer_rsa;
	uint8_t digest[32] = { 1, 2, 3 }, secret[48] = { 4 };
	uint8_t out[DUET_MAX_RSA_LEN];
	size_t len;
	struct nl_msg *m;

	if (argc != 3) {
		fprintf(stderr, "usage: upcall_seeds PKI DIR\n");
		return 2;
	}
	load(argv[1], "gw-ec", &ec);
	load(argv[1], "gw-rsa", &rsa);
	load(argv[1], "client-ec", &peer_ec);
	load(argv[1], "client-rsa", &peer_rsa);

	m = request(DUET_UPCALL_PING);
	nla_put(m, DUET_ATTR_PING_DATA, 5, "hello");
	save(argv[2], "ping", 'E', m);

	m = request(DUET_UPCALL_CERT_VERIFY);
	nla_put(m, DUET_ATTR_ID, DUET_ID_LEN, peer_ec.ident.id);
	nla_put(m, DUET_ATTR_CERT, peer_ec.chain_len, peer_ec.chain);
	save(argv[2], "cert-verify", 'E', m);

	m = request(DUET_UPCALL_ECDH);
	nla_put(m, DUET_ATTR_POINT_E, DUET_P256_POINT_LEN, peer_ec.ident.pub);
	nla_put(m, DUET_ATTR_POINT_S, DUET_P256_POINT_LEN, peer_ec.ident.pub);
	save(argv[2], "ecdh", 'E', m);

	len = sizeof(out);
	if (duetd_rsa_encrypt(rsa.ident.pub, rsa.ident.pub_len, secret, sizeof(secret),
			      out, &len))
		return 1;
	m = request(DUET_UPCALL_RSA_DECRYPT);
	nla_put(m, DUET_ATTR_WRAPPED, len, out);
	save(argv[2], "rsa-decrypt", 'R', m);

	m = request(DUET_UPCALL_RSA_SIGN);
	nla_put(m, DUET_ATTR_DIGEST, sizeof(digest), digest);
	save(argv[2], "rsa-sign", 'R', m);

	m = request(DUET_UPCALL_RSA_ENCRYPT);
	nla_put(m, DUET_ATTR_PUBKEY, peer_rsa.ident.pub_len, peer_rsa.ident.pub);
	nla_put(m, DUET_ATTR_SECRET, sizeof(secret), secret);
	save(argv[2], "rsa-encrypt", 'E', m);

	len = sizeof(out);
	if (duetd_rsa_sign(peer_rsa.key, digest, sizeof(digest), out, &len))
		return 1;
	m = request(DUET_UPCALL_RSA_VERIFY);
	nla_put(m, DUET_ATTR_PUBKEY, peer_rsa.ident.pub_len, peer_rsa.ident.pub);
	nla_put(m, DUET_ATTR_DIGEST, sizeof(digest), digest);
	nla_put(m, DUET_ATTR_SIGNATURE, len, out);
	save(argv[2], "rsa-verify", 'E', m);

	save(argv[2], "trust", 'E', request(DUET_UPCALL_TRUST));
	return 0;
}
