// SPDX-License-Identifier: GPL-2.0
/*
 * The two-message handshake (Documentation/protocol.md), PSK mode here
 * and the schedule both modes share; certificate mode is in cerths.c.
 *
 *   M1  A->B  SUITES NONCE_A TIMESTAMP PSK_ID
 *   M2  B->A  SUITE NONCE_B FINISHED_B
 *   M3  A->B  FINISHED_A                   (then A's first data)
 *
 *   prk    = HKDF-Extract(salt = NONCE_A || NONCE_B, ikm = PSK)
 *            (certificate mode: ikm = the ECDH outputs or pre-master)
 *   th2    = Hash(M1 || M2 up to FINISHED_B), th3 = Hash(M1 || M2)
 *   FINISHED_B = HMAC(Expand-Label(prk, "fin b", th2), th2)
 *   FINISHED_A = HMAC(Expand-Label(prk, "fin a", th3), th3)
 *   master = Expand-Label(prk, "master", th3)
 *   c ap / s ap traffic secrets = Expand-Label(master, "c ap"/"s ap", th3)
 *   res, exp (resumption, exporter) = Expand-Label(master, "res"/"exp", th3)
 *
 * The transcript covers M1 whole, the offered suites included, so a
 * downgrade changes both Finished values.
 */

#include <crypto/algapi.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "flood.h"
#include "handshake.h"
#include "hkdf.h"
#include "psk.h"
#include "replay.h"

struct duet_hs *duet_hs_alloc(void)
{
	return kzalloc(sizeof(struct duet_hs), GFP_KERNEL);
}

void duet_hs_free(struct duet_hs *hs)
{
	if (!hs)
		return;
	duet_cert_free(hs);
	kfree_sensitive(hs->m1);
	kfree_sensitive(hs);
}

int duet_hash2(const struct duet_suite_info *s, const u8 *a,
		      unsigned int a_len, const u8 *b, unsigned int b_len,
		      u8 *out)
{
	struct crypto_shash *tfm;
	int err;

	tfm = crypto_alloc_shash(s->hash, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		err = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, a, a_len) ?:
		      crypto_shash_finup(desc, b, b_len, out);
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);
	return err;
}

static int duet_finished(struct crypto_shash *hmac, const u8 *prk,
			 const char *label, const u8 *th, unsigned int hlen,
			 u8 *out)
{
	u8 key[DUET_MAX_HASH_LEN];
	int err;

	err = duet_hkdf_expand_label(hmac, prk, label, th, hlen, key, hlen) ?:
	      crypto_shash_setkey(hmac, key, hlen) ?:
	      crypto_shash_tfm_digest(hmac, th, hlen, out);
	memzero_explicit(key, sizeof(key));
	return err;
}

/* prk from the ikm and both nonces; B's Finished over M1 || m2[0, fin_off). */
int duet_sched_b(struct duet_sock *dsk, struct duet_sched *sc,
			const u8 *m2, unsigned int fin_off, u8 *fin_b)
{
	const struct duet_suite_info *s = dsk->suite;
	u8 salt[2 * DUET_NONCE_LEN], th[DUET_MAX_HASH_LEN];
	struct duet_hs *hs = dsk->hs;

	sc->hmac = crypto_alloc_shash(s->hmac, 0, 0);
	if (IS_ERR(sc->hmac)) {
		int err = PTR_ERR(sc->hmac);

		sc->hmac = NULL;
		return err;
	}
	memcpy(salt, hs->nonce_a, DUET_NONCE_LEN);
	memcpy(salt + DUET_NONCE_LEN, hs->nonce_b, DUET_NONCE_LEN);
	return duet_hkdf_extract(sc->hmac, salt, sizeof(salt), hs->ikm,
				 hs->ikm_len, sc->prk) ?:
	       duet_hash2(s, hs->m1, hs->m1_len, m2, fin_off, th) ?:
	       duet_finished(sc->hmac, sc->prk, "fin b", th, s->hash_len, fin_b);
}

/* Over M1 || M2 whole: A's Finished and both traffic secrets. */
int duet_sched_a(struct duet_sock *dsk, struct duet_sched *sc,
			const u8 *m2, unsigned int m2_len, u8 *fin_a)
{
	const struct duet_suite_info *s = dsk->suite;
	u8 th[DUET_MAX_HASH_LEN], master[DUET_MAX_HASH_LEN];
	struct duet_hs *hs = dsk->hs;
	unsigned int h = s->hash_len;
	int err;

	err = duet_hash2(s, hs->m1, hs->m1_len, m2, m2_len, th) ?:
	      duet_finished(sc->hmac, sc->prk, "fin a", th, h, fin_a) ?:
	      duet_hkdf_expand_label(sc->hmac, sc->prk, "master", th, h, master, h) ?:
	      duet_hkdf_expand_label(sc->hmac, master, "c ap", th, h, hs->c_ts, h) ?:
	      duet_hkdf_expand_label(sc->hmac, master, "s ap", th, h, hs->s_ts, h) ?:
	      duet_hkdf_expand_label(sc->hmac, master, "res", th, h, hs->res, h) ?:
	      duet_hkdf_expand_label(sc->hmac, master, "exp", th, h, hs->exp, h);
	memzero_explicit(master, sizeof(master));
	return err;
}

void duet_sched_free(struct duet_sched *sc)
{
	crypto_free_shash(sc->hmac);
	memzero_explicit(sc->prk, sizeof(sc->prk));
}

static void duet_put_suites(struct duet_wbuf *b, const u16 *suites,
			    unsigned int n)
{
	u8 be[2 * DUET_MAX_SUITES];
	unsigned int i;

	for (i = 0; i < n; i++)
		put_unaligned_be16(suites[i], be + 2 * i);
	duet_put_tlv(b, DUET_T_SUITES, be, 2 * n);
}

/* Keep only the offered suites of a key type (DUET_KEY_NONE: PSK). */
static int duet_filter_suites(struct duet_sock *dsk, u8 key_type)
{
	const struct duet_suite_info *s;
	unsigned int i, n = 0;

	for (i = 0; i < dsk->n_suites; i++) {
		s = duet_suite_find(dsk->suites[i]);
		if (s && s->key_type == key_type)
			dsk->suites[n++] = dsk->suites[i];
	}
	dsk->n_suites = n;
	return n ? 0 : -ENOPROTOOPT;
}

/*
 * The mode, at connect(): PSK when DUET_PSK_ID names a key; otherwise the
 * namespace's identity, if it has one; otherwise its only PSK.
 */
int duet_hs_client_key(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	int len;

	if (dsk->sa_set) {
		len = duet_sa_client_key(dsk);
		return len;
	}
	if (!dsk->psk_id_len) {
		len = duet_cert_client_key(dsk);
		if (len != -ENOKEY)
			return len ?: duet_filter_suites(dsk, hs->self->key_type);
	}
	len = duet_psk_get(sock_net(&dsk->sk), dsk->psk_id, dsk->psk_id_len,
			   hs->ikm, dsk->psk_id, &dsk->psk_id_len);
	if (len < 0)
		return len;
	hs->ikm_len = len;
	hs->kx = DUET_KX_PSK;
	return duet_filter_suites(dsk, DUET_KEY_NONE);
}

int duet_hs_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1)
{
	struct duet_hs *hs = dsk->hs;

	get_random_bytes(hs->nonce_a, DUET_NONCE_LEN);

	duet_put_msg_hdr(m1, DUET_MSG_HELLO);
	if (hs->resumed)	/* the ticket's suite, no other */
		duet_put_suites(m1, &hs->tk.suite, 1);
	else if (hs->sa_mode)	/* the SA's */
		duet_put_suites(m1, &hs->sa.suite, 1);
	else
		duet_put_suites(m1, dsk->suites, dsk->n_suites);
	duet_put_tlv(m1, DUET_T_NONCE, hs->nonce_a, DUET_NONCE_LEN);
	duet_put_tlv_be64(m1, DUET_T_TIMESTAMP, ktime_get_real_seconds());
	if (hs->resumed)
		duet_resume_client_hello(dsk, m1);
	else if (hs->sa_mode)
		duet_sa_client_hello(dsk, m1);
	else if (hs->kx == DUET_KX_PSK)
		duet_put_tlv(m1, DUET_T_PSK_ID, dsk->psk_id, dsk->psk_id_len);
	else
		duet_cert_client_hello(dsk, m1);
	if (hs->cookie_set)
		duet_put_tlv(m1, DUET_T_COOKIE, hs->cookie, DUET_COOKIE_LEN);
	if (m1->err)
		return m1->err;
	hs->m1 = kmemdup(m1->data, m1->len, GFP_KERNEL);
	if (!hs->m1)
		return -ENOMEM;
	hs->m1_len = m1->len;
	return 0;
}

bool duet_suite_offered(const struct duet_sock *dsk, u16 id)
{
	unsigned int i;

	for (i = 0; i < dsk->n_suites; i++)
		if (dsk->suites[i] == id)
			return true;
	return false;
}

/* Both modes: check B's Finished over M2, then write M3. */
int duet_hs_client_verify(struct duet_sock *dsk, const u8 *m2, unsigned int len,
			  unsigned int fin_off, const u8 *fin, struct duet_wbuf *m3)
{
	u8 fin_b[DUET_MAX_HASH_LEN], fin_a[DUET_MAX_HASH_LEN];
	struct duet_sched sc = { 0 };
	int err;

	err = duet_sched_b(dsk, &sc, m2, fin_off, fin_b);
	if (err)
		goto out;
	if (crypto_memneq(fin_b, fin, dsk->suite->hash_len)) {
		err = -EKEYREJECTED;
		goto out;
	}
	err = duet_sched_a(dsk, &sc, m2, len, fin_a);
	if (err)
		goto out;
	duet_put_msg_hdr(m3, DUET_MSG_FINISHED);
	duet_put_tlv(m3, DUET_T_FINISHED, fin_a, dsk->suite->hash_len);
	err = m3->err;
out:
	duet_sched_free(&sc);
	memzero_explicit(fin_a, sizeof(fin_a));
	memzero_explicit(fin_b, sizeof(fin_b));
	return err;
}

/*
 * RETRY (our ticket refused: go full) or COOKIE (the responder is under
 * load: prove our address) came instead of M2: a new M1 goes out.
 */
int duet_hs_client_again(struct duet_sock *dsk, const u8 *msg, unsigned int len)
{
	struct duet_msg m;
	int err;

	err = duet_msg_decode(&m, msg, len);
	if (err)
		return err;
	if (m.version != DUET_WIRE_VERSION)
		return -EPROTO;
	err = m.type == DUET_MSG_RETRY ? duet_resume_client_retry(dsk) :
	      duet_flood_client_cookie(dsk, &m);
	if (err)
		return err;
	kfree_sensitive(dsk->hs->m1);
	dsk->hs->m1 = NULL;
	return 0;
}

int duet_hs_client_reply(struct duet_sock *dsk, const u8 *m2,
			 unsigned int len, struct duet_wbuf *m3)
{
	struct duet_msg m;
	u16 suite;
	int err;

	err = duet_msg_decode(&m, m2, len);
	if (err)
		return err;
	if (m.type != DUET_MSG_REPLY || m.version != DUET_WIRE_VERSION)
		return -EPROTO;
	suite = duet_tlv_be16(&m.tlv[DUET_T_SUITE], 0);
	if (!duet_suite_offered(dsk, suite))
		return -EPROTO;
	dsk->suite = duet_suite_find(suite);
	if (m.tlv[DUET_T_FINISHED].len != dsk->suite->hash_len)
		return -EPROTO;
	memcpy(dsk->hs->nonce_b, m.tlv[DUET_T_NONCE].data, DUET_NONCE_LEN);
	if (dsk->hs->resumed)
		return duet_resume_client_reply(dsk, &m, m2, len, m3);
	if (dsk->suite->kx != DUET_KX_PSK)
		return duet_cert_client(dsk, m2, len, m3);
	if (m.present & ~(DUET_T_BIT(DUET_T_SUITE) | DUET_T_BIT(DUET_T_NONCE) |
			  DUET_T_BIT(DUET_T_FINISHED)))
		return -EPROTO;
	return duet_hs_client_verify(dsk, m2, len, m.finished_off,
				     m.tlv[DUET_T_FINISHED].data, m3);
}

/* The first suite in A's order that this listener accepts, of a key type. */
const struct duet_suite_info *duet_pick_suite(const struct duet_sock *dsk,
					      const struct duet_tlv *offer,
					      u8 key_type)
{
	const struct duet_suite_info *s;
	unsigned int i;
	u16 id;

	for (i = 0; i < offer->len / 2; i++) {
		id = duet_tlv_be16(offer, i);
		s = duet_suite_find(id);
		if (s && s->key_type == key_type && duet_suite_offered(dsk, id))
			return s;
	}
	return NULL;
}

static int duet_psk_hello(struct duet_sock *dsk, const struct duet_msg *m)
{
	struct duet_hs *hs = dsk->hs;
	int len;

	if (m->present & (DUET_T_BIT(DUET_T_KNOWN_PEER) | DUET_T_BIT(DUET_T_KEY_SHARE) |
			  DUET_T_BIT(DUET_T_EARLY)))
		return -EPROTO;
	hs->kx = DUET_KX_PSK;
	dsk->suite = duet_pick_suite(dsk, &m->tlv[DUET_T_SUITES], DUET_KEY_NONE);
	if (!dsk->suite)
		return -ENOPROTOOPT;
	dsk->psk_id_len = m->tlv[DUET_T_PSK_ID].len;
	memcpy(dsk->psk_id, m->tlv[DUET_T_PSK_ID].data, dsk->psk_id_len);
	len = duet_psk_get(sock_net(&dsk->sk), dsk->psk_id, dsk->psk_id_len,
			   hs->ikm, NULL, NULL);
	if (len < 0)
		return len;
	hs->ikm_len = len;
	return 0;
}

static int duet_check_hello(struct duet_sock *dsk, const struct duet_msg *m)
{
	u32 mode_tlvs = DUET_T_BIT(DUET_T_PSK_ID) | DUET_T_BIT(DUET_T_IDENTITY) |
			DUET_T_BIT(DUET_T_TICKET) | DUET_T_BIT(DUET_T_SA);
	time64_t now = ktime_get_real_seconds();
	s64 ts;
	int err;

	if (m->type != DUET_MSG_HELLO)
		return -EPROTO;
	if (m->version != DUET_WIRE_VERSION)
		return -EPROTONOSUPPORT;
	ts = duet_tlv_be64(&m->tlv[DUET_T_TIMESTAMP]);
	if (ts < now - DUET_TIME_WINDOW || ts > now + DUET_TIME_WINDOW)
		return -ESTALE;
	/* Under load: a cookie, then the source's rate (flood.c). */
	err = duet_flood_check(dsk, m);
	if (err)
		return err;
	/* One mode: a PSK, an identity, a ticket or an SA. */
	switch (m->present & mode_tlvs) {
	case DUET_T_BIT(DUET_T_PSK_ID):
		err = duet_psk_hello(dsk, m);
		break;
	case DUET_T_BIT(DUET_T_IDENTITY):
		err = duet_cert_check_hello(dsk, m);
		break;
	case DUET_T_BIT(DUET_T_TICKET):
		err = duet_resume_check_hello(dsk, m);
		break;
	case DUET_T_BIT(DUET_T_SA):
		err = duet_sa_check_hello(dsk, m);
		break;
	default:
		err = -EPROTO;
	}
	if (err)
		return err;
	/* Last, so only well-formed hellos for a known key take a slot. */
	return duet_replay_check(sock_net(&dsk->sk), m->tlv[DUET_T_NONCE].data, now);
}

/* Both modes: M2 so far gets B's Finished; A's is computed for M3. */
int duet_hs_finish_m2(struct duet_sock *dsk, struct duet_wbuf *m2)
{
	u8 fin_b[DUET_MAX_HASH_LEN] = { 0 };
	struct duet_sched sc = { 0 };
	size_t fin_off = m2->len;
	int err;

	err = m2->err ?: duet_sched_b(dsk, &sc, m2->data, fin_off, fin_b);
	if (err)
		goto out;
	duet_put_tlv(m2, DUET_T_FINISHED, fin_b, dsk->suite->hash_len);
	err = m2->err ?: duet_sched_a(dsk, &sc, m2->data, m2->len, dsk->hs->fin_a);
out:
	duet_sched_free(&sc);
	memzero_explicit(fin_b, sizeof(fin_b));
	return err;
}

int duet_hs_server_hello(struct duet_sock *dsk, const u8 *m1,
			 unsigned int len, struct duet_wbuf *m2)
{
	struct duet_hs *hs = dsk->hs;
	struct duet_msg m;
	int err;

	err = duet_msg_decode(&m, m1, len) ?: duet_check_hello(dsk, &m);
	if (err == DUET_FLOOD_COOKIE) {	/* nothing kept: M1 comes again */
		hs->cookie_asked = true;
		hs->skip_early = !!(m.present & DUET_T_BIT(DUET_T_EARLY));
		duet_flood_put_cookie(dsk, m2);
		return m2->err;
	}
	if (err)
		return err;
	duet_flood_hs_begin(dsk);	/* past the gate: it counts as load */
	memcpy(hs->nonce_a, m.tlv[DUET_T_NONCE].data, DUET_NONCE_LEN);
	hs->m1 = kmemdup(m1, len, GFP_KERNEL);
	if (!hs->m1)
		return -ENOMEM;
	hs->m1_len = len;
	get_random_bytes(hs->nonce_b, DUET_NONCE_LEN);
	if (hs->resumed)
		return duet_resume_server(dsk, &m, m2);
	if (hs->kx != DUET_KX_PSK)
		return duet_cert_server(dsk);

	duet_put_msg_hdr(m2, DUET_MSG_REPLY);
	duet_put_tlv_be16(m2, DUET_T_SUITE, dsk->suite->id);
	duet_put_tlv(m2, DUET_T_NONCE, hs->nonce_b, DUET_NONCE_LEN);
	return duet_hs_finish_m2(dsk, m2);
}

int duet_hs_server_finished(struct duet_sock *dsk, const u8 *m3,
			    unsigned int len)
{
	struct duet_msg m;
	int err;

	err = duet_msg_decode(&m, m3, len);
	if (err)
		return err;
	if (m.type != DUET_MSG_FINISHED ||
	    m.tlv[DUET_T_FINISHED].len != dsk->suite->hash_len)
		return -EPROTO;
	if (crypto_memneq(m.tlv[DUET_T_FINISHED].data, dsk->hs->fin_a,
			  dsk->suite->hash_len))
		return -EKEYREJECTED;
	return 0;
}
