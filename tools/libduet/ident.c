// SPDX-License-Identifier: LGPL-2.1
/*
 * DUET_CMD_IDENTITY_*, CACHE_*, REVOKE and SESSIONS_GET: the certificate
 * side of the namespace, for duetd and duetctl.
 */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

static int ident_set_fill(struct nl_msg *msg, void *arg)
{
	const struct duet_ident_set *s = arg;

	if (!s->id)
		return 0;	/* remove */
	if (nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, s->id) ||
	    nla_put_u32(msg, DUET_ATTR_KEY_TYPE, s->key_type) ||
	    nla_put(msg, DUET_ATTR_PUBKEY, s->pub_len, s->pub) ||
	    nla_put(msg, DUET_ATTR_CERT, s->chain_len, s->chain) ||
	    nla_put_string(msg, DUET_ATTR_SUBJECT, s->subject) ||
	    nla_put_u64(msg, DUET_ATTR_NOT_AFTER, s->not_after))
		return -EMSGSIZE;
	return 0;
}

int duet_identity_set(struct duet_nl *nl, const struct duet_ident_set *s)
{
	return duet_nl_call(nl, DUET_CMD_IDENTITY_SET, 0, ident_set_fill, NULL,
			    (void *)s);
}

static int ident_parse(struct nlattr **tb, struct duet_ident_info *e)
{
	memset(e, 0, sizeof(*e));
	if (!tb[DUET_ATTR_ID] || !tb[DUET_ATTR_KEY_TYPE] || !tb[DUET_ATTR_NOT_AFTER])
		return -EBADMSG;
	memcpy(e->id, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	e->key_type = nla_get_u32(tb[DUET_ATTR_KEY_TYPE]);
	e->not_after = nla_get_u64(tb[DUET_ATTR_NOT_AFTER]);
	if (tb[DUET_ATTR_SUBJECT])
		nla_strlcpy(e->subject, tb[DUET_ATTR_SUBJECT], sizeof(e->subject));
	if (tb[DUET_ATTR_EXPIRES])
		e->expires = nla_get_u64(tb[DUET_ATTR_EXPIRES]);
	if (tb[DUET_ATTR_HITS])
		e->hits = nla_get_u64(tb[DUET_ATTR_HITS]);
	return 0;
}

static int ident_get_parse(struct nlattr **tb, void *arg)
{
	return ident_parse(tb, arg);
}

int duet_identity_get(struct duet_nl *nl, struct duet_ident_info *out)
{
	return duet_nl_call(nl, DUET_CMD_IDENTITY_GET, 0, NULL, ident_get_parse, out);
}

struct each {
	int (*ident)(const struct duet_ident_info *e, void *arg);
	int (*session)(const struct duet_session_info *s, void *arg);
	void *arg;
};

static int cache_parse(struct nlattr **tb, void *arg)
{
	struct each *l = arg;
	struct duet_ident_info e;
	int err = ident_parse(tb, &e);

	return err ?: l->ident(&e, l->arg);
}

int duet_cache_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_ident_info *e, void *arg), void *arg)
{
	struct each l = { .ident = fn, .arg = arg };

	return duet_nl_call(nl, DUET_CMD_CACHE_GET, NLM_F_DUMP, NULL, cache_parse, &l);
}

static int id_fill(struct nl_msg *msg, void *arg)
{
	if (arg && nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, arg))
		return -EMSGSIZE;
	return 0;
}

int duet_cache_flush(struct duet_nl *nl, const uint8_t *id)
{
	return duet_nl_call(nl, DUET_CMD_CACHE_FLUSH, 0, id_fill, NULL, (void *)id);
}

struct revoke {
	const uint8_t *id;
	uint32_t closed;
};

static int revoke_fill(struct nl_msg *msg, void *arg)
{
	return id_fill(msg, (void *)((struct revoke *)arg)->id);
}

static int revoke_parse(struct nlattr **tb, void *arg)
{
	if (tb[DUET_ATTR_CLOSED])
		((struct revoke *)arg)->closed = nla_get_u32(tb[DUET_ATTR_CLOSED]);
	return 0;
}

int duet_revoke(struct duet_nl *nl, const uint8_t *id, uint32_t *closed)
{
	struct revoke r = { id, 0 };
	int err = duet_nl_call(nl, DUET_CMD_REVOKE, 0, revoke_fill, revoke_parse, &r);

	if (closed)
		*closed = r.closed;
	return err;
}

static uint64_t u64_or_0(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

static int session_parse(struct nlattr **tb, void *arg)
{
	struct each *l = arg;
	struct duet_session_info s = { 0 };

	if (!tb[DUET_ATTR_SUITE] || !tb[DUET_ATTR_ROLE] || !tb[DUET_ATTR_AUTH])
		return -EBADMSG;
	s.suite = nla_get_u32(tb[DUET_ATTR_SUITE]);
	s.role = nla_get_u32(tb[DUET_ATTR_ROLE]);
	s.auth = nla_get_u32(tb[DUET_ATTR_AUTH]);
	if (tb[DUET_ATTR_ID])
		memcpy(s.peer_id, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	if (tb[DUET_ATTR_PSK_ID] && nla_len(tb[DUET_ATTR_PSK_ID]) <= DUET_MAX_PSK_ID_LEN) {
		s.psk_id_len = nla_len(tb[DUET_ATTR_PSK_ID]);
		memcpy(s.psk_id, nla_data(tb[DUET_ATTR_PSK_ID]), s.psk_id_len);
	}
	if (tb[DUET_ATTR_PEER_ADDR]) {
		s.addr_len = nla_len(tb[DUET_ATTR_PEER_ADDR]);
		memcpy(s.addr, nla_data(tb[DUET_ATTR_PEER_ADDR]), s.addr_len);
	}
	s.tx_bytes = u64_or_0(tb[DUET_ATTR_TX_BYTES]);
	s.rx_bytes = u64_or_0(tb[DUET_ATTR_RX_BYTES]);
	return l->session(&s, l->arg);
}

int duet_sessions_list(struct duet_nl *nl,
		       int (*fn)(const struct duet_session_info *s, void *arg),
		       void *arg)
{
	struct each l = { .session = fn, .arg = arg };

	return duet_nl_call(nl, DUET_CMD_SESSIONS_GET, NLM_F_DUMP, NULL,
			    session_parse, &l);
}
