// SPDX-License-Identifier: GPL-2.0
/*
 * duetd's answers to the kernel's upcalls, one function per operation and
 * one table of them. Each reads the request's attributes (already checked
 * against duet's policy), adds its answer to the reply and returns 0 or
 * the errno the kernel passes on. No socket here: duetd.c sends what this
 * builds, and the upcall fuzz target feeds it hostile requests.
 */

#include <errno.h>
#include <string.h>
#include <netlink/genl/genl.h>
#include <openssl/crypto.h>

#include "certs.h"
#include "duet_nl.h"
#include "keyops.h"
#include "log.h"
#include "trust.h"
#include "ops.h"

/* ---- operations: each reads tb, adds its answer to msg, returns errno */

typedef int (*op_fn)(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		     struct nl_msg *msg);

static int op_ping(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	(void)h;
	if (tb[DUET_ATTR_PING_DATA] &&
	    nla_put(msg, DUET_ATTR_PING_DATA, nla_len(tb[DUET_ATTR_PING_DATA]),
		    nla_data(tb[DUET_ATTR_PING_DATA])))
		return -ENOMEM;
	return 0;
}

static int put_identity(struct nl_msg *msg, const struct duet_identity *id)
{
	if (nla_put(msg, DUET_ATTR_ID, 32, id->id) ||
	    nla_put_u32(msg, DUET_ATTR_KEY_TYPE, id->key_type) ||
	    nla_put(msg, DUET_ATTR_PUBKEY, id->pub_len, id->pub) ||
	    nla_put_string(msg, DUET_ATTR_SUBJECT, id->subject) ||
	    nla_put_u64(msg, DUET_ATTR_NOT_AFTER, id->not_after))
		return -ENOMEM;
	return 0;
}

static int cert_failed(const uint8_t *id, const char *why, int err)
{
	char hex[65];

	duet_id_hex(id, hex);
	logmsg("certificate %.16s...: %s (%s)", hex, why, strerrorname_np(-err) ?: "?");
	/* The store unreachable: the kernel's peer hears "timed out". */
	return err == -ECONNREFUSED ? -ETIMEDOUT : err;
}

static int op_cert_by_id(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	struct duet_identity ident;
	char why[512];
	const uint8_t *id;
	int err;

	if (!tb[DUET_ATTR_ID])
		return -EINVAL;
	id = nla_data(tb[DUET_ATTR_ID]);
	err = duetd_cert_resolve(h->cfg, id, &ident, why, sizeof(why));
	return err ? cert_failed(id, why, err) : put_identity(msg, &ident);
}

static int op_cert_verify(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	struct duet_identity ident;
	char why[512];
	const uint8_t *id;
	int err;

	if (!tb[DUET_ATTR_ID] || !tb[DUET_ATTR_CERT])
		return -EINVAL;
	id = nla_data(tb[DUET_ATTR_ID]);
	err = duetd_cert_verify_der(h->cfg, nla_data(tb[DUET_ATTR_CERT]),
				    nla_len(tb[DUET_ATTR_CERT]), id, &ident, why,
				    sizeof(why));
	return err ? cert_failed(id, why, err) : put_identity(msg, &ident);
}

static int op_ecdh(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	uint8_t out[64];
	int err;

	if (!h->self->key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_POINT_E] || !tb[DUET_ATTR_POINT_S])
		return -EINVAL;
	err = duetd_ecdh(h->self->key, nla_data(tb[DUET_ATTR_POINT_E]), out) ?:
	      duetd_ecdh(h->self->key, nla_data(tb[DUET_ATTR_POINT_S]), out + 32);
	if (!err && nla_put(msg, DUET_ATTR_SECRET, sizeof(out), out))
		err = -ENOMEM;
	OPENSSL_cleanse(out, sizeof(out));
	return err;
}

static int op_rsa_decrypt(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	uint8_t out[DUET_MAX_RSA_LEN];
	size_t len = sizeof(out);
	int err;

	if (!h->self->key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_WRAPPED])
		return -EINVAL;
	err = duetd_rsa_decrypt(h->self->key, nla_data(tb[DUET_ATTR_WRAPPED]),
				nla_len(tb[DUET_ATTR_WRAPPED]), out, &len);
	if (!err && (len > 64 || nla_put(msg, DUET_ATTR_SECRET, len, out)))
		err = -EKEYREJECTED;
	OPENSSL_cleanse(out, sizeof(out));
	return err;
}

static int op_rsa_sign(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	uint8_t sig[DUET_MAX_RSA_LEN];
	size_t len = sizeof(sig);
	int err;

	if (!h->self->key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_DIGEST])
		return -EINVAL;
	err = duetd_rsa_sign(h->self->key, nla_data(tb[DUET_ATTR_DIGEST]),
			     nla_len(tb[DUET_ATTR_DIGEST]), sig, &len);
	if (!err && nla_put(msg, DUET_ATTR_SIGNATURE, len, sig))
		err = -ENOMEM;
	return err;
}

static int op_rsa_encrypt(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	uint8_t out[DUET_MAX_RSA_LEN];
	size_t len = sizeof(out);
	int err;

	(void)h;
	if (!tb[DUET_ATTR_PUBKEY] || !tb[DUET_ATTR_SECRET])
		return -EINVAL;
	err = duetd_rsa_encrypt(nla_data(tb[DUET_ATTR_PUBKEY]), nla_len(tb[DUET_ATTR_PUBKEY]),
				nla_data(tb[DUET_ATTR_SECRET]), nla_len(tb[DUET_ATTR_SECRET]),
				out, &len);
	if (!err && nla_put(msg, DUET_ATTR_WRAPPED, len, out))
		err = -ENOMEM;
	return err;
}

static int op_rsa_verify(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	(void)h;
	(void)msg;
	if (!tb[DUET_ATTR_PUBKEY] || !tb[DUET_ATTR_DIGEST] || !tb[DUET_ATTR_SIGNATURE])
		return -EINVAL;
	return duetd_rsa_verify(nla_data(tb[DUET_ATTR_PUBKEY]), nla_len(tb[DUET_ATTR_PUBKEY]),
				nla_data(tb[DUET_ATTR_DIGEST]), nla_len(tb[DUET_ATTR_DIGEST]),
				nla_data(tb[DUET_ATTR_SIGNATURE]),
				nla_len(tb[DUET_ATTR_SIGNATURE]));
}

static int op_trust(const struct duetd_upcall_ctx *h, struct nlattr **tb,
		struct nl_msg *msg)
{
	(void)tb;
	return duetd_trust_list(h->cfg, msg);
}

static const struct {
	const char *name;
	op_fn fn;
} ops[] = {
	[DUET_UPCALL_PING] = { "ping", op_ping },
	[DUET_UPCALL_CERT_BY_ID] = { "cert-by-id", op_cert_by_id },
	[DUET_UPCALL_CERT_VERIFY] = { "cert-verify", op_cert_verify },
	[DUET_UPCALL_ECDH] = { "ecdh", op_ecdh },
	[DUET_UPCALL_RSA_DECRYPT] = { "rsa-decrypt", op_rsa_decrypt },
	[DUET_UPCALL_RSA_SIGN] = { "rsa-sign", op_rsa_sign },
	[DUET_UPCALL_RSA_ENCRYPT] = { "rsa-encrypt", op_rsa_encrypt },
	[DUET_UPCALL_RSA_VERIFY] = { "rsa-verify", op_rsa_verify },
	[DUET_UPCALL_TRUST] = { "trust", op_trust },
};

/* An answer to op: room for the longest it can be (a chain, or the trust lists). */
static struct nl_msg *reply_new(const struct duetd_upcall_ctx *h, uint64_t id,
				uint32_t op, int err)
{
	size_t room = err ? 0 : op == DUET_UPCALL_TRUST ? DUET_MAX_TRUST_LEN :
		      DUET_MAX_CHAIN_LEN;
	struct nl_msg *msg = nlmsg_alloc_size(room + 4096);

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, 0,
				 DUET_CMD_HELPER_REPLY, DUET_GENL_VERSION) ||
	    nla_put_u64(msg, DUET_ATTR_UPCALL_ID, id) ||
	    nla_put_u32(msg, DUET_ATTR_UPCALL_ERROR, err)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *duetd_upcall_answer(const struct duetd_upcall_ctx *h,
				   struct nlattr **tb)
{
	uint64_t id = nla_get_u64(tb[DUET_ATTR_UPCALL_ID]);
	uint32_t op = nla_get_u32(tb[DUET_ATTR_UPCALL_OP]);
	struct nl_msg *msg = reply_new(h, id, op, 0);
	int err = -EOPNOTSUPP;

	if (!msg) {
		logmsg("upcall %llu: out of memory", (unsigned long long)id);
		return NULL;
	}
	if (op < sizeof(ops) / sizeof(ops[0]) && ops[op].fn)
		err = ops[op].fn(h, tb, msg);
	else
		logmsg("upcall %llu: unknown operation %u", (unsigned long long)id, op);
	if (err) {
		nlmsg_free(msg);
		msg = reply_new(h, id, op, -err);
	}
	return msg;
}

