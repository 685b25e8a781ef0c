// SPDX-License-Identifier: GPL-2.0
/*
 * Certificate mode of the handshake (Documentation/protocol.md):
 *
 *   M1  A->B  SUITES NONCE_A TIMESTAMP ID_A [KNOWN_PEER] [KEY_SHARE X]
 *   M2  B->A  SUITE NONCE_B ID_B [KEY_SHARE Y] [CERT C_B] [WRAPPED SIG] FIN_B
 *   M3  A->B  FIN_A
 *
 * A's certificate never crosses the link: B finds it by ID_A (its cache,
 * else the helper: local directory, then the store). Private keys stay
 * with the helpers, so a step that needs one (or a certificate) sends an
 * upcall and returns -EINPROGRESS; the answer queues the socket's work,
 * which calls duet_cert_continue() to go on. The steps, per role:
 *
 *   PEER      the peer's identity: cache, else CERT_BY_ID/CERT_VERIFY
 *   KX        ECDHE: our two ECDH outputs here, the helper's two by ECDH;
 *             RSA, B: ENCRYPT the pre-master to A; A: VERIFY B's signature
 *   SIGN      RSA, B: SIGN M1 || M2 so far
 *   DECRYPT   RSA, A: DECRYPT the pre-master
 *   DONE      B: M2 with its Finished; A: check it, M3
 *
 * ECDHE's ikm is ee || es || se || ss: x of xY, xB (= bX), aY (= yA), aB.
 */

#include <linux/random.h>
#include <linux/slab.h>

#include "certcache.h"
#include "ecdh.h"
#include "handshake.h"
#include "netns.h"

enum duet_cert_phase {
	DUET_CP_PEER,
	DUET_CP_KX,
	DUET_CP_SIGN,
	DUET_CP_DECRYPT,
	DUET_CP_DONE,
};

#define DUET_SHARE_LEN 32		/* one ECDH output */

void duet_cert_free(struct duet_hs *hs)
{
	if (hs->up) {
		duet_upcall_cancel(hs->up);
		duet_upcall_put(hs->up);
		hs->up = NULL;
	}
	duet_ident_put(hs->self);
	duet_ident_put(hs->peer);
	duet_ecdh_free(hs->kpp);
	kfree_sensitive(hs->m2);
	kfree_sensitive(hs->out_rec);
}

/* ---- the helper ---------------------------------------------------- */

static void duet_cert_upcall_done(void *ctx)
{
	struct duet_sock *dsk = ctx;

	duet_queue_work(dsk, &dsk->work);
}

static int duet_put_m2_tlv(struct sk_buff *msg, int attr, const struct duet_hs *hs,
			   u8 tag)
{
	struct duet_msg m;

	if (duet_msg_decode(&m, hs->m2, hs->m2_len) || !m.tlv[tag].len)
		return -EINVAL;
	return nla_put(msg, attr, m.tlv[tag].len, m.tlv[tag].data);
}

static int duet_cert_fill(struct sk_buff *msg, void *arg)
{
	struct duet_sock *dsk = arg;
	struct duet_hs *hs = dsk->hs;
	unsigned int h = dsk->suite->hash_len;

	switch (hs->up_op) {
	case DUET_UPCALL_CERT_BY_ID:
		return nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, hs->peer_id);
	case DUET_UPCALL_CERT_VERIFY:
		return nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, hs->peer_id) ?:
		       duet_put_m2_tlv(msg, DUET_ATTR_CERT, hs, DUET_T_CERT);
	case DUET_UPCALL_ECDH:
		return nla_put(msg, DUET_ATTR_POINT_E, DUET_P256_POINT_LEN, hs->peer_eph) ?:
		       nla_put(msg, DUET_ATTR_POINT_S, hs->peer->pub_len, hs->peer->pub);
	case DUET_UPCALL_RSA_ENCRYPT:
		return nla_put(msg, DUET_ATTR_PUBKEY, hs->peer->pub_len, hs->peer->pub) ?:
		       nla_put(msg, DUET_ATTR_SECRET, hs->ikm_len, hs->ikm);
	case DUET_UPCALL_RSA_SIGN:
		return nla_put(msg, DUET_ATTR_DIGEST, h, hs->digest);
	case DUET_UPCALL_RSA_VERIFY:
		return nla_put(msg, DUET_ATTR_PUBKEY, hs->peer->pub_len, hs->peer->pub) ?:
		       nla_put(msg, DUET_ATTR_DIGEST, h, hs->digest) ?:
		       duet_put_m2_tlv(msg, DUET_ATTR_SIGNATURE, hs, DUET_T_SIGNATURE);
	case DUET_UPCALL_RSA_DECRYPT:
		return duet_put_m2_tlv(msg, DUET_ATTR_WRAPPED, hs, DUET_T_WRAPPED);
	}
	return -EINVAL;
}

static int duet_cert_upcall(struct duet_sock *dsk, u32 op)
{
	struct duet_upcall *up;
	int err;

	up = duet_upcall_new(sock_net(&dsk->sk), op);
	if (!up)
		return -ENOMEM;
	up->done = duet_cert_upcall_done;
	up->ctx = dsk;
	if (op == DUET_UPCALL_CERT_VERIFY)
		up->msg_size = 256 + dsk->hs->m2_len;
	dsk->hs->up_op = op;
	/* each is public-key work: a chain's signatures, ECDH, RSA */
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_PK_OPS);
	err = duet_upcall_send(up, duet_cert_fill, dsk);
	if (err) {
		duet_upcall_put(up);
		return err;
	}
	dsk->hs->up = up;
	return -EINPROGRESS;
}

/* What the helper may fail an operation with; anything else is its bug. */
static int duet_helper_errno(int err)
{
	switch (-err) {
	case 0:
	case ENOKEY:
	case EKEYREJECTED:
	case EKEYEXPIRED:
	case EKEYREVOKED:
	case ETIMEDOUT:
	case EPROTO:
	case ENOMEM:
		return err;
	default:
		return -EIO;
	}
}

/* ---- the peer's identity --------------------------------------------- */

static int duet_cert_key_ok(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;

	hs->phase = DUET_CP_KX;
	return hs->peer->key_type == dsk->suite->key_type ? 0 : -EKEYREJECTED;
}

static int duet_cert_peer(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_ident *ident;
	struct duet_msg m;

	ident = duet_cache_get(sock_net(&dsk->sk), hs->peer_id);
	if (IS_ERR(ident))
		return PTR_ERR(ident);
	if (ident) {
		hs->peer = ident;
		return duet_cert_key_ok(dsk);
	}
	if (dsk->role == DUET_INITIATOR && !duet_msg_decode(&m, hs->m2, hs->m2_len) &&
	    (m.present & DUET_T_BIT(DUET_T_CERT)))
		return duet_cert_upcall(dsk, DUET_UPCALL_CERT_VERIFY);
	return duet_cert_upcall(dsk, DUET_UPCALL_CERT_BY_ID);
}

static int duet_cert_peer_answer(struct duet_sock *dsk, struct nlattr **attrs)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_ident *ident;
	const char *why;
	int err;

	ident = duet_ident_from_attrs(attrs, false, &why);
	if (IS_ERR(ident)) {
		pr_warn_ratelimited("the helper's identity is unusable: %s\n", why);
		return -EIO;
	}
	if (memcmp(ident->id, hs->peer_id, DUET_ID_LEN)) {
		duet_ident_put(ident);
		return -EKEYREJECTED;
	}
	err = duet_cache_add(sock_net(&dsk->sk), ident);
	if (err && err != -ENOMEM) {
		duet_ident_put(ident);
		return err;
	}
	hs->peer = ident;
	return duet_cert_key_ok(dsk);
}

/* ---- key exchange ------------------------------------------------------ */

static int duet_ecdh_local(struct duet_sock *dsk, unsigned int eph_at,
			   unsigned int static_at)
{
	struct duet_hs *hs = dsk->hs;

	hs->ikm_len = 4 * DUET_SHARE_LEN;
	duet_stat_add(sock_net(&dsk->sk), DUET_STAT_PK_OPS, 2);
	return duet_ecdh_shared(hs->kpp, hs->peer_eph, hs->ikm + eph_at) ?:
	       duet_ecdh_shared(hs->kpp, hs->peer->pub, hs->ikm + static_at);
}

/* The transcript an RSA signature covers: M1 || M2 up to the signature. */
static int duet_rsa_digest(struct duet_sock *dsk, const u8 *m2, unsigned int len)
{
	struct duet_hs *hs = dsk->hs;

	return duet_hash2(dsk->suite, hs->m1, hs->m1_len, m2, len, hs->digest);
}

static int duet_cert_client_kx(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_msg m;
	int err;

	if (dsk->suite->kx == DUET_KX_ECDHE) {
		/* ee = x * Y, es = x * B; the helper: se = a * Y, ss = a * B */
		err = duet_ecdh_local(dsk, 0, DUET_SHARE_LEN);
		return err ?: duet_cert_upcall(dsk, DUET_UPCALL_ECDH);
	}
	err = duet_msg_decode(&m, hs->m2, hs->m2_len) ?:
	      duet_rsa_digest(dsk, hs->m2, m.signature_off);
	return err ?: duet_cert_upcall(dsk, DUET_UPCALL_RSA_VERIFY);
}

static int duet_cert_server_kx(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	int err;

	if (dsk->suite->kx == DUET_KX_ECDHE) {
		hs->kpp = duet_ecdh_new(hs->eph);
		if (IS_ERR(hs->kpp)) {
			err = PTR_ERR(hs->kpp);
			hs->kpp = NULL;
			return err;
		}
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_PK_OPS);
		/* ee = y * X, se = y * A; the helper: es = b * X, ss = b * A */
		err = duet_ecdh_local(dsk, 0, 2 * DUET_SHARE_LEN);
		return err ?: duet_cert_upcall(dsk, DUET_UPCALL_ECDH);
	}
	get_random_bytes(hs->ikm, DUET_PREMASTER_LEN);
	hs->ikm_len = DUET_PREMASTER_LEN;
	return duet_cert_upcall(dsk, DUET_UPCALL_RSA_ENCRYPT);
}

/* M2 up to what the key exchange adds: SUITE NONCE_B ID_B [Y] [C_B]. */
static void duet_cert_m2_head(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_wbuf *b = &hs->out;

	duet_put_msg_hdr(b, DUET_MSG_REPLY);
	duet_put_tlv_be16(b, DUET_T_SUITE, dsk->suite->id);
	duet_put_tlv(b, DUET_T_NONCE, hs->nonce_b, DUET_NONCE_LEN);
	duet_put_tlv(b, DUET_T_IDENTITY, hs->self->id, DUET_ID_LEN);
	if (dsk->suite->kx == DUET_KX_ECDHE) {
		u8 point[DUET_POINT_LEN];

		point[0] = 0x04;
		memcpy(point + 1, hs->eph, DUET_P256_POINT_LEN);
		duet_put_tlv(b, DUET_T_KEY_SHARE, point, DUET_POINT_LEN);
	}
	if (!hs->peer_knows_us)
		duet_put_tlv(b, DUET_T_CERT, hs->self->chain, hs->self->chain_len);
}

static int duet_attr_len(struct nlattr **attrs, int attr, int min, int max)
{
	struct nlattr *a = attrs[attr];

	return a && nla_len(a) >= min && nla_len(a) <= max ? nla_len(a) : -EIO;
}

/* The helper's answer to the upcall just completed; it moves a phase on. */
static int duet_cert_answer(struct duet_sock *dsk, struct duet_upcall *up)
{
	struct duet_hs *hs = dsk->hs;
	struct nlattr **a = up->attrs;
	int len;

	switch (hs->up_op) {
	case DUET_UPCALL_CERT_BY_ID:
	case DUET_UPCALL_CERT_VERIFY:
		return duet_cert_peer_answer(dsk, a);
	case DUET_UPCALL_ECDH:
		len = duet_attr_len(a, DUET_ATTR_SECRET, 2 * DUET_SHARE_LEN,
				    2 * DUET_SHARE_LEN);
		if (len < 0)
			return len;
		/* A gets se || ss, B es || ss: the middle two swap places. */
		memcpy(hs->ikm + (dsk->role == DUET_INITIATOR ? 2 : 1) * DUET_SHARE_LEN,
		       nla_data(a[DUET_ATTR_SECRET]), DUET_SHARE_LEN);
		memcpy(hs->ikm + 3 * DUET_SHARE_LEN,
		       nla_data(a[DUET_ATTR_SECRET]) + DUET_SHARE_LEN, DUET_SHARE_LEN);
		hs->phase = DUET_CP_DONE;
		return 0;
	case DUET_UPCALL_RSA_ENCRYPT:
		len = duet_attr_len(a, DUET_ATTR_WRAPPED, DUET_MIN_RSA_LEN, DUET_MAX_RSA_LEN);
		if (len < 0)
			return len;
		duet_cert_m2_head(dsk);
		duet_put_tlv(&hs->out, DUET_T_WRAPPED, nla_data(a[DUET_ATTR_WRAPPED]), len);
		hs->phase = DUET_CP_SIGN;
		return hs->out.err ?: duet_rsa_digest(dsk, hs->out.data, hs->out.len);
	case DUET_UPCALL_RSA_SIGN:
		len = duet_attr_len(a, DUET_ATTR_SIGNATURE, DUET_MIN_RSA_LEN,
				    DUET_MAX_RSA_LEN);
		if (len < 0)
			return len;
		duet_put_tlv(&hs->out, DUET_T_SIGNATURE, nla_data(a[DUET_ATTR_SIGNATURE]),
			     len);
		hs->phase = DUET_CP_DONE;
		return hs->out.err;
	case DUET_UPCALL_RSA_VERIFY:
		hs->phase = DUET_CP_DECRYPT;
		return 0;
	case DUET_UPCALL_RSA_DECRYPT:
		len = duet_attr_len(a, DUET_ATTR_SECRET, DUET_PREMASTER_LEN,
				    DUET_PREMASTER_LEN);
		if (len < 0)
			return -EKEYREJECTED;
		memcpy(hs->ikm, nla_data(a[DUET_ATTR_SECRET]), len);
		hs->ikm_len = len;
		hs->phase = DUET_CP_DONE;
		return 0;
	}
	return -EIO;
}

/* The upcall in flight, if its answer is in: consumed, phase moved on. */
static int duet_cert_collect(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_upcall *up = hs->up;
	int err;

	if (!duet_upcall_ready(up))
		return -EINPROGRESS;
	hs->up = NULL;
	err = duet_helper_errno(up->err);
	if (!err)
		err = duet_cert_answer(dsk, up);
	duet_upcall_put(up);
	return err;
}

static int duet_cert_done(struct duet_sock *dsk, struct duet_wbuf *m3)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_msg m;
	int err;

	if (dsk->role == DUET_RESPONDER) {
		if (dsk->suite->kx == DUET_KX_ECDHE)
			duet_cert_m2_head(dsk);
		duet_resume_put_new_ticket(dsk, &hs->out);
		return duet_hs_finish_m2(dsk, &hs->out);
	}
	err = duet_msg_decode(&m, hs->m2, hs->m2_len);
	if (err)
		return err;
	return duet_hs_client_verify(dsk, hs->m2, hs->m2_len, m.finished_off,
				     m.tlv[DUET_T_FINISHED].data, m3);
}

/* Runs the phases until one waits for the helper (-EINPROGRESS) or all are done. */
int duet_cert_continue(struct duet_sock *dsk, struct duet_wbuf *m3)
{
	struct duet_hs *hs = dsk->hs;
	bool init = dsk->role == DUET_INITIATOR;
	int err;

	for (;;) {
		if (hs->up) {
			err = duet_cert_collect(dsk);
			if (err)
				return err;
		}
		switch (hs->phase) {
		case DUET_CP_PEER:
			err = duet_cert_peer(dsk);
			break;
		case DUET_CP_KX:
			err = init ? duet_cert_client_kx(dsk) : duet_cert_server_kx(dsk);
			break;
		case DUET_CP_SIGN:
			err = duet_cert_upcall(dsk, DUET_UPCALL_RSA_SIGN);
			break;
		case DUET_CP_DECRYPT:
			err = duet_cert_upcall(dsk, DUET_UPCALL_RSA_DECRYPT);
			break;
		default:
			return duet_cert_done(dsk, m3);
		}
		if (err)
			return err;
	}
}

/* ---- initiator ------------------------------------------------------ */

/* A full handshake's key exchange: ECDHE draws our ephemeral key now. */
int duet_cert_client_kx_init(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;

	hs->kx = hs->self->key_type == DUET_KEY_RSA ? DUET_KX_RSA : DUET_KX_ECDHE;
	if (hs->kx == DUET_KX_ECDHE) {
		hs->kpp = duet_ecdh_new(hs->eph);
		if (IS_ERR(hs->kpp)) {
			int err = PTR_ERR(hs->kpp);

			hs->kpp = NULL;
			return err;
		}
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_PK_OPS);
	}
	return 0;
}

/* Our identity; a ticket for this responder if we hold one, else a full kx. */
int duet_cert_client_key(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;

	hs->self = duet_self_get(sock_net(&dsk->sk));
	if (!hs->self)
		return -ENOKEY;
	if (!dsk->no_resume && !duet_resume_client_key(dsk))
		return 0;
	return duet_cert_client_kx_init(dsk);
}

void duet_cert_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_ident *known;

	duet_put_tlv(m1, DUET_T_IDENTITY, hs->self->id, DUET_ID_LEN);
	if (dsk->peer_id_set) {
		known = duet_cache_get(sock_net(&dsk->sk), dsk->peer_id);
		if (!IS_ERR_OR_NULL(known)) {
			duet_put_tlv(m1, DUET_T_KNOWN_PEER, dsk->peer_id, DUET_ID_LEN);
			duet_ident_put(known);
		}
	}
	if (hs->kpp) {
		u8 point[DUET_POINT_LEN];

		point[0] = 0x04;
		memcpy(point + 1, hs->eph, DUET_P256_POINT_LEN);
		duet_put_tlv(m1, DUET_T_KEY_SHARE, point, DUET_POINT_LEN);
	}
}

static int duet_key_share(struct duet_hs *hs, const struct duet_msg *m, bool want)
{
	const struct duet_tlv *t = &m->tlv[DUET_T_KEY_SHARE];

	if (!want)
		return t->len ? -EPROTO : 0;
	if (!t->len || t->data[0] != 0x04)
		return -EPROTO;		/* only uncompressed points */
	memcpy(hs->peer_eph, t->data + 1, DUET_P256_POINT_LEN);
	return 0;
}

/* First call: M2 checked and kept; then as duet_cert_continue(). */
int duet_cert_client(struct duet_sock *dsk, const u8 *m2, unsigned int len,
		     struct duet_wbuf *m3)
{
	bool rsa = dsk->suite->kx == DUET_KX_RSA;
	struct duet_hs *hs = dsk->hs;
	u32 rsa_tlvs = DUET_T_BIT(DUET_T_WRAPPED) | DUET_T_BIT(DUET_T_SIGNATURE);
	struct duet_msg m;
	int err;

	err = duet_msg_decode(&m, m2, len);
	if (err)
		return err;
	if (!(m.present & DUET_T_BIT(DUET_T_IDENTITY)) ||
	    (m.present & rsa_tlvs) != (rsa ? rsa_tlvs : 0))
		return -EPROTO;
	err = duet_key_share(hs, &m, !rsa);
	if (err)
		return err;
	if (m.present & (DUET_T_BIT(DUET_T_TICKET) | DUET_T_BIT(DUET_T_EARLY)))
		return -EPROTO;		/* a full M2 resumes nothing */
	if (m.present & DUET_T_BIT(DUET_T_NEW_TICKET)) {
		memcpy(hs->new_tk, m.tlv[DUET_T_NEW_TICKET].data, DUET_NEW_TICKET_LEN);
		hs->new_tk_set = true;
	}
	memcpy(hs->peer_id, m.tlv[DUET_T_IDENTITY].data, DUET_ID_LEN);
	if (dsk->peer_id_set && memcmp(hs->peer_id, dsk->peer_id, DUET_ID_LEN))
		return -EKEYREJECTED;	/* not the responder we asked for */
	hs->m2 = kmemdup(m2, len, GFP_KERNEL);
	if (!hs->m2)
		return -ENOMEM;
	hs->m2_len = len;
	hs->phase = DUET_CP_PEER;
	return duet_cert_continue(dsk, m3);
}

/* ---- responder ------------------------------------------------------ */

int duet_cert_check_hello(struct duet_sock *dsk, const struct duet_msg *m)
{
	struct duet_hs *hs = dsk->hs;
	int err;

	if (m->present & DUET_T_BIT(DUET_T_EARLY))
		return -EPROTO;		/* early data needs a ticket */
	hs->self = duet_self_get(sock_net(&dsk->sk));
	if (!hs->self)
		return -ENOKEY;		/* no identity to answer with */
	dsk->suite = duet_pick_suite(dsk, &m->tlv[DUET_T_SUITES], hs->self->key_type);
	if (!dsk->suite)
		return -ENOPROTOOPT;
	hs->kx = dsk->suite->kx;
	err = duet_key_share(hs, m, hs->kx == DUET_KX_ECDHE &&
			     (m->present & DUET_T_BIT(DUET_T_KEY_SHARE)));
	if (err || (hs->kx == DUET_KX_ECDHE && !m->tlv[DUET_T_KEY_SHARE].len))
		return -EPROTO;
	memcpy(hs->peer_id, m->tlv[DUET_T_IDENTITY].data, DUET_ID_LEN);
	hs->peer_knows_us = m->tlv[DUET_T_KNOWN_PEER].len &&
			    !memcmp(m->tlv[DUET_T_KNOWN_PEER].data, hs->self->id,
				    DUET_ID_LEN);
	return 0;
}

/* After duet_cert_check_hello() and the nonces: M2 is built in hs->out. */
int duet_cert_server(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	size_t cap = 256 + DUET_TLV_HDR_LEN + hs->self->chain_len +
		     2 * (DUET_TLV_HDR_LEN + DUET_MAX_RSA_LEN);

	hs->out_rec = kmalloc(DUET_REC_HDR_LEN + cap, GFP_KERNEL);
	if (!hs->out_rec)
		return -ENOMEM;
	hs->out.data = hs->out_rec + DUET_REC_HDR_LEN;
	hs->out.cap = cap;
	hs->phase = DUET_CP_PEER;
	return duet_cert_continue(dsk, NULL);
}
