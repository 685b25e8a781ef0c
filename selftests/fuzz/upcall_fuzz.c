// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for duetd's side of the netlink link: an upcall as the
 * kernel sends it, parsed with duet's attribute policy (libduet's
 * duet_nl_parse, through libnl) and answered by duetd's own operations
 * (tools/duetd/ops.c) with OpenSSL: ECDH with a peer's point, RSA
 * decryption, signing, encryption to and verification with a peer's key,
 * chain verification, the trust listing. What the kernel passes on came
 * from the network, so every attribute is hostile here.
 *
 * Input: one byte choosing this host's identity ('R': RSA, else P-256),
 * then the request's attributes (struct nlattr, as on the wire). The
 * identities and trust anchors come from the test PKI (DUET_FUZZ_PKI, a
 * directory made by pki_make, with trust/). CERT_BY_ID is not answered
 * here: it fetches over HTTP, and store_fuzz covers what comes back.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <openssl/err.h>

#include "duet_nl.h"
#include "identity.h"
#include "ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct duetd_config cfg[2];
static struct duetd_self self[2];	/* [0] P-256, [1] RSA */

static void load_self(int i, const char *pki, const char *name)
{
	char why[256];

	snprintf(cfg[i].trust_dir, sizeof(cfg[i].trust_dir), "%s/trust", pki);
	snprintf(cfg[i].identity_cert, sizeof(cfg[i].identity_cert),
		 "%s/%s.chain.pem", pki, name);
	snprintf(cfg[i].identity_key, sizeof(cfg[i].identity_key), "%s/%s.key",
		 pki, name);
	if (duetd_self_load(&cfg[i], &self[i], why, sizeof(why))) {
		fprintf(stderr, "upcall_fuzz: %s: %s\n", name, why);
		exit(1);
	}
}

static void setup(void)
{
	const char *pki = getenv("DUET_FUZZ_PKI");

	if (!pki) {
		fprintf(stderr, "upcall_fuzz: set DUET_FUZZ_PKI\n");
		exit(1);
	}
	load_self(0, pki, "gw-ec");
	load_self(1, pki, "gw-rsa");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct duetd_upcall_ctx c = { .family = 42 };
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	struct nl_msg *answer;
	int k;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (size < 1 || size > 65536)
		return 0;
	k = data[0] == 'R';
	/* exactly the message's size, so any read past it is caught */
	nlh = calloc(1, hdr + size - 1);
	if (!nlh)
		return 0;
	nlh->nlmsg_len = hdr + size - 1;
	nlh->nlmsg_type = c.family;
	g = (struct genlmsghdr *)((char *)nlh + NLMSG_HDRLEN);
	g->cmd = DUET_CMD_HELPER_REQUEST;
	g->version = DUET_GENL_VERSION;
	memcpy((char *)nlh + hdr, data + 1, size - 1);

	if (!duet_nl_parse(nlh, tb) && tb[DUET_ATTR_UPCALL_ID] &&
	    tb[DUET_ATTR_UPCALL_OP] &&
	    nla_get_u32(tb[DUET_ATTR_UPCALL_OP]) != DUET_UPCALL_CERT_BY_ID) {
		c.cfg = &cfg[k];
		c.self = &self[k];
		answer = duetd_upcall_answer(&c, tb);
		nlmsg_free(answer);
	}
	ERR_clear_error();
	free(nlh);
	return 0;
}
