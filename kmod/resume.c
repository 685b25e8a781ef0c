// SPDX-License-Identifier: GPL-2.0
/*
 * Resumption and early data (Documentation/protocol.md, "Resumption"):
 *
 *   full M2  ... NEW_TICKET(id, lifetime, uses, flags) FINISHED_B
 *            res = Expand-Label(master, "res", th3), kept by both kernels
 *   M1  A->B SUITES(the ticket's) NONCE_A TIMESTAMP TICKET(id, use) [EARLY]
 *            [an EARLY record: A's first data, under the early key]
 *   M2  B->A SUITE NONCE_B TICKET(the same) [EARLY] FINISHED_B
 *   M3  A->B FINISHED_A
 *
 * The schedule is PSK mode's with ikm = res, so both nonces make the
 * traffic keys fresh. The early key cannot wait for NONCE_B:
 *
 *   e_ts = Expand-Label(HKDF-Extract(NONCE_A, res), "c e", Hash(M1))
 *
 * A ticket B does not honour gets RETRY, an M2 with no TLVs: A forgets
 * the ticket and sends a full M1 on the same connection (one more round
 * trip, then the certificate handshake). Neither side makes an upcall or
 * a public-key operation in a resumed handshake.
 */

#include <crypto/algapi.h>
#include <linux/random.h>
#include <asm/unaligned.h>

#include "certcache.h"
#include "handshake.h"
#include "hkdf.h"
#include "netns.h"

#define T(x) DUET_T_BIT(DUET_T_##x)

static const struct duet_suite_info *duet_tk_suite(const struct duet_hs *hs)
{
	return duet_suite_find(hs->tk.suite);
}

/* The early key, from the ticket's secret (in ikm), NONCE_A and M1. */
static int duet_early_keys(struct duet_sock *dsk, struct duet_keys *k)
{
	const struct duet_suite_info *s = duet_tk_suite(dsk->hs);
	u8 prk[DUET_MAX_HASH_LEN], th[DUET_MAX_HASH_LEN], ets[DUET_MAX_HASH_LEN];
	struct duet_hs *hs = dsk->hs;
	struct crypto_shash *hmac;
	int err;

	if (WARN_ON_ONCE(!s))
		return -EINVAL;
	hmac = crypto_alloc_shash(s->hmac, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	err = duet_hkdf_extract(hmac, hs->nonce_a, DUET_NONCE_LEN, hs->ikm,
				hs->ikm_len, prk) ?:
	      duet_hash2(s, hs->m1, hs->m1_len, NULL, 0, th) ?:
	      duet_hkdf_expand_label(hmac, prk, "c e", th, s->hash_len, ets,
				     s->hash_len) ?:
	      duet_keys_init(k, s, ets);
	crypto_free_shash(hmac);
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(ets, sizeof(ets));
	return err;
}

/* ---- initiator ------------------------------------------------------ */

/* At connect(): 0 if a ticket for this responder is taken, else -ENOENT. */
int duet_resume_client_key(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;
	const struct duet_suite_info *s;

	if (duet_ticket_take(net, (struct sockaddr *)&hs->addr,
			     dsk->peer_id_set ? dsk->peer_id : NULL, hs->self->id,
			     &hs->tk))
		return -ENOENT;
	s = duet_tk_suite(hs);
	if (!s || !duet_suite_offered(dsk, s->id) ||
	    duet_cache_revoked(net, hs->tk.peer_id)) {
		memzero_explicit(&hs->tk, sizeof(hs->tk));
		return -ENOENT;
	}
	hs->resumed = true;
	hs->kx = DUET_KX_PSK;		/* PSK mode's schedule, ikm = res */
	memcpy(hs->ikm, hs->tk.secret, s->hash_len);
	hs->ikm_len = s->hash_len;
	memcpy(hs->peer_id, hs->tk.peer_id, DUET_ID_LEN);
	return 0;
}

/* M1's TICKET and EARLY; SUITES already names the ticket's suite. */
void duet_resume_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1)
{
	struct duet_hs *hs = dsk->hs;
	u8 t[DUET_TICKET_LEN], one = 1;

	memcpy(t, hs->tk.id, DUET_TICKET_ID_LEN);
	put_unaligned_be32(hs->tk.use, t + DUET_TICKET_ID_LEN);
	duet_put_tlv(m1, DUET_T_TICKET, t, sizeof(t));
	/* only when TCP takes M1 and the EARLY record at once (SO_SNDBUF) */
	hs->early_sent = hs->tk.early && dsk->early_len &&
			 sk_stream_wspace(dsk->tcp->sk) >= 2 * (dsk->early_len + DUET_HS_BUF);
	if (hs->early_sent)
		duet_put_tlv(m1, DUET_T_EARLY, &one, 1);
}

/* The EARLY record that follows M1: the early data, sealed. */
int duet_resume_early_record(struct duet_sock *dsk, u8 **rec, unsigned int *len)
{
	unsigned int n = dsk->early_len;
	struct duet_keys k = { 0 };
	u8 *buf;
	int err;

	buf = kmalloc(DUET_REC_HDR_LEN + n + DUET_TAG_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf + DUET_REC_HDR_LEN, dsk->early, n);
	duet_rec_hdr_encode(buf, DUET_REC_EARLY, n + DUET_TAG_LEN);
	err = duet_early_keys(dsk, &k) ?: duet_seal(&k, buf, n);
	duet_keys_free(&k);
	if (err) {
		kfree_sensitive(buf);
		return err;
	}
	*rec = buf;
	*len = DUET_REC_HDR_LEN + n + DUET_TAG_LEN;
	return 0;
}

/* A resumed M2: the ticket echoed, B's Finished over it; then M3. */
int duet_resume_client_reply(struct duet_sock *dsk, const struct duet_msg *m,
			     const u8 *m2, unsigned int len, struct duet_wbuf *m3)
{
	u32 allowed = T(SUITE) | T(NONCE) | T(TICKET) | T(EARLY) | T(FINISHED);
	const struct duet_tlv *t = &m->tlv[DUET_T_TICKET];
	struct duet_hs *hs = dsk->hs;

	if ((m->present & ~allowed) || !t->len ||
	    memcmp(t->data, hs->tk.id, DUET_TICKET_ID_LEN) ||
	    get_unaligned_be32(t->data + DUET_TICKET_ID_LEN) != hs->tk.use ||
	    dsk->suite->id != hs->tk.suite)
		return -EPROTO;
	if (m->present & T(EARLY)) {
		if (!hs->early_sent || m->tlv[DUET_T_EARLY].data[0] != 1)
			return -EPROTO;
		hs->early_ok = true;
	}
	return duet_hs_client_verify(dsk, m2, len, m->finished_off,
				     m->tlv[DUET_T_FINISHED].data, m3);
}

/* RETRY: forget the ticket, get ready for a full M1. */
int duet_resume_client_retry(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;

	if (!hs->resumed || hs->retried)
		return -EPROTO;
	duet_ticket_forget(net, (struct sockaddr *)&hs->addr, hs->tk.id);
	duet_stat_inc(net, DUET_STAT_RESUME_REFUSED);
	hs->resumed = false;
	hs->retried = true;
	hs->early_refused = hs->early_sent;
	hs->early_sent = false;
	memzero_explicit(&hs->tk, sizeof(hs->tk));
	memzero_explicit(hs->ikm, sizeof(hs->ikm));
	hs->ikm_len = 0;
	return duet_cert_client_kx_init(dsk);
}

/* ---- responder ------------------------------------------------------ */

/* M1 with a ticket: well formed? Whether it will be honoured comes later. */
int duet_resume_check_hello(struct duet_sock *dsk, const struct duet_msg *m)
{
	const struct duet_tlv *t = &m->tlv[DUET_T_TICKET];
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;

	if (hs->retried || (m->present & (T(KNOWN_PEER) | T(KEY_SHARE))))
		return -EPROTO;
	if (m->present & T(EARLY)) {
		if (m->tlv[DUET_T_EARLY].data[0] != 1)
			return -EPROTO;
		hs->early_sent = true;
	}
	memcpy(hs->tk.id, t->data, DUET_TICKET_ID_LEN);
	hs->tk.use = get_unaligned_be32(t->data + DUET_TICKET_ID_LEN);
	hs->tk.early = hs->early_sent;
	hs->resumed = true;
	hs->kx = DUET_KX_PSK;
	hs->self = duet_self_get(net);
	hs->tk_refused = !hs->self || !duet_ticket_known(net, hs->tk.id);
	return 0;
}

static bool duet_tk_suite_ok(struct duet_sock *dsk, const struct duet_tlv *offer)
{
	unsigned int i;

	for (i = 0; i < offer->len / 2; i++)
		if (duet_tlv_be16(offer, i) == dsk->hs->tk.suite)
			return duet_suite_offered(dsk, dsk->hs->tk.suite);
	return false;
}

/* Redeem the ticket, one use, atomically; false: it is not honoured. */
static bool duet_resume_redeem(struct duet_sock *dsk, const struct duet_msg *m)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;

	if (hs->tk_refused || duet_ticket_redeem(net, hs->self->id, &hs->tk))
		return false;
	if (!duet_tk_suite_ok(dsk, &m->tlv[DUET_T_SUITES]) ||
	    duet_cache_revoked(net, hs->tk.peer_id))
		return false;
	dsk->suite = duet_tk_suite(hs);
	return dsk->suite;
}

/* After the replay cache: M2 resumed, or RETRY. */
int duet_resume_server(struct duet_sock *dsk, const struct duet_msg *m,
		       struct duet_wbuf *m2)
{
	struct duet_hs *hs = dsk->hs;
	u8 t[DUET_TICKET_LEN], one = 1;

	if (!duet_resume_redeem(dsk, m)) {
		hs->tk_refused = true;
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_RESUME_REFUSED);
		duet_put_msg_hdr(m2, DUET_MSG_RETRY);
		return m2->err;
	}
	hs->early_ok = hs->tk.early;
	memcpy(hs->ikm, hs->tk.secret, dsk->suite->hash_len);
	hs->ikm_len = dsk->suite->hash_len;
	memcpy(hs->peer_id, hs->tk.peer_id, DUET_ID_LEN);

	memcpy(t, hs->tk.id, DUET_TICKET_ID_LEN);
	put_unaligned_be32(hs->tk.use, t + DUET_TICKET_ID_LEN);
	duet_put_msg_hdr(m2, DUET_MSG_REPLY);
	duet_put_tlv_be16(m2, DUET_T_SUITE, dsk->suite->id);
	duet_put_tlv(m2, DUET_T_NONCE, hs->nonce_b, DUET_NONCE_LEN);
	duet_put_tlv(m2, DUET_T_TICKET, t, sizeof(t));
	if (hs->early_ok)
		duet_put_tlv(m2, DUET_T_EARLY, &one, 1);
	return duet_hs_finish_m2(dsk, m2);
}

/* RETRY sent: what the refused M1 set up goes; a full M1 comes next. */
void duet_resume_server_reset(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;

	hs->skip_early = hs->early_sent;
	hs->early_sent = false;
	hs->early_ok = false;
	hs->resumed = false;
	hs->tk_refused = false;
	hs->retried = true;
	memzero_explicit(&hs->tk, sizeof(hs->tk));
	kfree_sensitive(hs->m1);
	hs->m1 = NULL;
	duet_ident_put(hs->self);
	hs->self = NULL;
	dsk->suite = NULL;
}

/* The EARLY record B took: opened in place; its plaintext stays there. */
int duet_resume_early_open(struct duet_sock *dsk, u8 *rec, unsigned int flen)
{
	struct duet_keys k = { 0 };
	int n;

	n = duet_early_keys(dsk, &k);
	if (!n)
		n = duet_open(&k, rec, flen);
	duet_keys_free(&k);
	if (n < 0)
		return n;
	dsk->hs->early_len = n;
	return 0;
}

/* A full M2 offers a ticket, unless the namespace issues none. */
void duet_resume_put_new_ticket(struct duet_sock *dsk, struct duet_wbuf *m2)
{
	struct duet_net *dn = duet_net(sock_net(&dsk->sk));
	u32 life = READ_ONCE(dn->tk_lifetime), uses = READ_ONCE(dn->tk_uses);
	struct duet_hs *hs = dsk->hs;
	u8 *v = hs->new_tk;

	if (!life || !uses)
		return;
	get_random_bytes(v, DUET_TICKET_ID_LEN);
	put_unaligned_be32(life, v + DUET_TICKET_ID_LEN);
	put_unaligned_be32(uses, v + DUET_TICKET_ID_LEN + 4);
	v[DUET_TICKET_ID_LEN + 8] = DUET_TICKET_EARLY;
	duet_put_tlv(m2, DUET_T_NEW_TICKET, v, DUET_NEW_TICKET_LEN);
	hs->new_tk_set = true;
}

static void duet_resume_keep_ticket(struct duet_sock *dsk)
{
	bool init = dsk->role == DUET_INITIATOR;
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;
	const u8 *v = hs->new_tk;
	struct duet_ticket_info ti = {
		.id = v,
		.secret = hs->res,
		.peer_id = hs->peer_id,
		.self_id = hs->self->id,
		.suite = dsk->suite->id,
		.lifetime = get_unaligned_be32(v + DUET_TICKET_ID_LEN),
		.uses = min_t(u32, get_unaligned_be32(v + DUET_TICKET_ID_LEN + 4),
			      DUET_TICKET_MAX_USES),
		.early = v[DUET_TICKET_ID_LEN + 8] & DUET_TICKET_EARLY,
		.not_after = min(hs->peer->not_after, hs->self->not_after),
		.addr = init ? (struct sockaddr *)&hs->addr : NULL,
	};

	if (!duet_ticket_add(net, init ? DUET_TK_HELD : DUET_TK_ISSUED, &ti) &&
	    !init)
		duet_stat_inc(net, DUET_STAT_TICKETS_ISSUED);
}

/* The handshake succeeded: keep the ticket it earned, count what it was. */
void duet_resume_established(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;

	if (hs->resumed) {
		dsk->resumed = true;
		duet_stat_inc(net, DUET_STAT_RESUMED);
		if (hs->early_ok) {
			dsk->early_state = DUET_EARLY_ACCEPTED;
			duet_stat_inc(net, DUET_STAT_EARLY_ACCEPTED);
		}
		return;
	}
	if (hs->new_tk_set && hs->self && hs->peer)
		duet_resume_keep_ticket(dsk);
}
