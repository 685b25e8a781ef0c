// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions confirming a broker's security association
 * (Documentation/broker.md, "SA confirmation"):
 *
 *   M1  A->B  SUITES(the SA's) NONCE_A TIMESTAMP SA(id || ID_A)
 *   M2  B->A  SUITE NONCE_B FINISHED_B
 *   M3  A->B  FINISHED_A
 *
 * The schedule is PSK mode's with ikm = the SA's key: both nonces make
 * the traffic keys fresh, each Finished proves the key. No upcall and no
 * public-key operation on either side. B takes M1 only when the SA names
 * both ID_A and itself, and is not past its hard limit.
 *
 * Also here: DUET_LINK, which turns a full handshake with a broker into
 * a link key, and the event that says a broker session ended.
 */

#include "broker_nl.h"
#include "handshake.h"
#include "netns.h"

/* The handshake runs PSK mode's schedule with the SA's key. */
static void duet_sa_use_key(struct duet_hs *hs)
{
	hs->sa_mode = true;
	hs->kx = DUET_KX_PSK;
	memcpy(hs->ikm, hs->sa.key, DUET_SA_KEY_LEN);
	hs->ikm_len = DUET_SA_KEY_LEN;
	memcpy(hs->peer_id, hs->sa.peer, DUET_ID_LEN);
}

/* At connect(): the SA named by DUET_SA_ID, for our identity. */
int duet_sa_client_key(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;
	const struct duet_suite_info *s;
	int err;

	hs->self = duet_self_get(net);
	if (!hs->self)
		return -ENOKEY;
	err = duet_sa_take(net, dsk->sa_id, hs->self->id,
			   dsk->peer_id_set ? dsk->peer_id : NULL, &hs->sa);
	if (err)
		return err;
	s = duet_suite_find(hs->sa.suite);
	if (!s || !duet_suite_offered(dsk, s->id))
		return -ENOPROTOOPT;
	duet_sa_use_key(hs);
	return 0;
}

void duet_sa_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1)
{
	u8 v[DUET_SA_LEN];

	memcpy(v, dsk->hs->sa.id, DUET_SA_ID_LEN);
	memcpy(v + DUET_SA_ID_LEN, dsk->hs->self->id, DUET_ID_LEN);
	duet_put_tlv(m1, DUET_T_SA, v, sizeof(v));
}

static bool duet_sa_suite_ok(struct duet_sock *dsk, const struct duet_tlv *offer,
			     u16 suite)
{
	unsigned int i;

	for (i = 0; i < offer->len / 2; i++)
		if (duet_tlv_be16(offer, i) == suite)
			return duet_suite_offered(dsk, suite);
	return false;
}

static int duet_sa_server_key(struct duet_sock *dsk, const struct duet_msg *m)
{
	const u8 *v = m->tlv[DUET_T_SA].data;
	struct net *net = sock_net(&dsk->sk);
	struct duet_hs *hs = dsk->hs;
	int err;

	if (m->present & (DUET_T_BIT(DUET_T_KNOWN_PEER) |
			  DUET_T_BIT(DUET_T_KEY_SHARE) | DUET_T_BIT(DUET_T_EARLY)))
		return -EPROTO;
	hs->self = duet_self_get(net);
	if (!hs->self)
		return -ENOKEY;
	err = duet_sa_take(net, v, hs->self->id, v + DUET_SA_ID_LEN, &hs->sa);
	if (err)
		return err;
	if (!duet_sa_suite_ok(dsk, &m->tlv[DUET_T_SUITES], hs->sa.suite))
		return -ENOPROTOOPT;
	dsk->suite = duet_suite_find(hs->sa.suite);
	return 0;
}

/* M1 naming an SA: ours to confirm? */
int duet_sa_check_hello(struct duet_sock *dsk, const struct duet_msg *m)
{
	int err;

	err = duet_sa_server_key(dsk, m);
	if (err) {
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_SA_REFUSED);
		return err;
	}
	duet_sa_use_key(dsk->hs);
	return 0;
}

/* Established: the session keeps the SA's id and limits, not its key. */
void duet_sa_established(struct duet_sock *dsk)
{
	struct duet_sa_use *u = &dsk->hs->sa;

	dsk->auth = DUET_AUTH_BROKER;
	memcpy(dsk->peer_id, u->peer, DUET_ID_LEN);
	memcpy(dsk->sa_id, u->id, DUET_SA_ID_LEN);
	memcpy(dsk->sa_broker, u->broker, DUET_ID_LEN);
	dsk->sa_lim.not_after = u->not_after;
	dsk->sa_lim.soft_after = u->soft_after;
	dsk->sa_lim.bytes_hard = u->bytes_hard;
	dsk->sa_lim.bytes_soft = u->bytes_soft;
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_SA_SESSIONS);
}

/* DUET_LINK, lock_sock held. */
int duet_sa_link(struct duet_sock *dsk, int role)
{
	int err;

	if (role != DUET_LINK_PARTY && role != DUET_LINK_BROKER)
		return -EINVAL;
	if (dsk->state != DUET_STATE_ESTABLISHED)
		return -ENOTCONN;
	if (dsk->auth != DUET_AUTH_CERT || dsk->resumed)
		return -EINVAL;		/* a full certificate handshake only */
	if (!dsk->exp_set)
		return -EALREADY;
	err = duet_link_install(sock_net(&dsk->sk), role, dsk->peer_id,
				dsk->exp, dsk->suite);
	memzero_explicit(dsk->exp, sizeof(dsk->exp));
	dsk->exp_set = false;
	return err;
}

/* Teardown of an established session: a broker's session says so. */
void duet_sa_closed(struct duet_sock *dsk)
{
	memzero_explicit(dsk->exp, sizeof(dsk->exp));
	dsk->exp_set = false;
	if (dsk->auth == DUET_AUTH_BROKER)
		duet_nl_sa_ended(sock_net(&dsk->sk), dsk->sa_id, dsk->sa_broker);
}
