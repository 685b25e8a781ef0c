// SPDX-License-Identifier: LGPL-2.1
/*
 * The key broker's netlink commands (DUET_CMD_SA_*, DUET_CMD_LINK*) and
 * its event group. Blobs go in and out sealed; keys never appear here.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "duet_nl.h"

/* ---- listings ------------------------------------------------------- */

struct each_link {
	int (*fn)(const struct duet_link_info *l, void *arg);
	void *arg;
};

static int link_parse(struct nlattr **tb, void *arg)
{
	struct duet_link_info l = { 0 };
	struct each_link *e = arg;

	if (!tb[DUET_ATTR_ID] || !tb[DUET_ATTR_ROLE] || !tb[DUET_ATTR_CHAIN] ||
	    !tb[DUET_ATTR_GEN] || !tb[DUET_ATTR_SEQ])
		return -EBADMSG;
	memcpy(l.peer, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	l.role = nla_get_u32(tb[DUET_ATTR_ROLE]);
	memcpy(l.chain, nla_data(tb[DUET_ATTR_CHAIN]), sizeof(l.chain));
	l.gen = nla_get_u32(tb[DUET_ATTR_GEN]);
	l.seq = nla_get_u64(tb[DUET_ATTR_SEQ]);
	l.pending = !!tb[DUET_ATTR_PENDING];
	l.age = tb[DUET_ATTR_AGE] ? nla_get_u64(tb[DUET_ATTR_AGE]) : 0;
	l.refreshed = tb[DUET_ATTR_REFRESHED] ? nla_get_u64(tb[DUET_ATTR_REFRESHED]) : 0;
	return e->fn(&l, e->arg);
}

int duet_links_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_link_info *l, void *arg), void *arg)
{
	struct each_link e = { fn, arg };

	return duet_nl_call(nl, DUET_CMD_LINKS_GET, NLM_F_DUMP, NULL, link_parse, &e);
}

struct each_sa {
	int (*fn)(const struct duet_sa_info *s, void *arg);
	void *arg;
};

static int sa_parse(struct nlattr **tb, void *arg)
{
	struct duet_sa_info s = { .soft = -1 };
	struct each_sa *e = arg;
	int mlen;

	if (!tb[DUET_ATTR_SA_ID] || !tb[DUET_ATTR_ROLE] || !tb[DUET_ATTR_MEMBERS] ||
	    !tb[DUET_ATTR_EXPIRES])
		return -EBADMSG;
	mlen = nla_len(tb[DUET_ATTR_MEMBERS]);
	if (mlen % DUET_ID_LEN)
		return -EBADMSG;
	memcpy(s.id, nla_data(tb[DUET_ATTR_SA_ID]), DUET_SA_ID_LEN);
	s.role = nla_get_u32(tb[DUET_ATTR_ROLE]);
	if (tb[DUET_ATTR_ID])
		memcpy(s.broker, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	s.suite = tb[DUET_ATTR_SUITE] ? nla_get_u32(tb[DUET_ATTR_SUITE]) : 0;
	s.n_members = mlen / DUET_ID_LEN;
	memcpy(s.members, nla_data(tb[DUET_ATTR_MEMBERS]), mlen);
	s.expires = nla_get_u64(tb[DUET_ATTR_EXPIRES]);
	if (tb[DUET_ATTR_SOFT_LIFETIME])
		s.soft = nla_get_u32(tb[DUET_ATTR_SOFT_LIFETIME]);
	s.bytes_hard = tb[DUET_ATTR_BYTES_HARD] ? nla_get_u64(tb[DUET_ATTR_BYTES_HARD]) : 0;
	s.bytes_soft = tb[DUET_ATTR_BYTES_SOFT] ? nla_get_u64(tb[DUET_ATTR_BYTES_SOFT]) : 0;
	s.hits = tb[DUET_ATTR_HITS] ? nla_get_u64(tb[DUET_ATTR_HITS]) : 0;
	return e->fn(&s, e->arg);
}

int duet_sas_list(struct duet_nl *nl,
		  int (*fn)(const struct duet_sa_info *s, void *arg), void *arg)
{
	struct each_sa e = { fn, arg };

	return duet_nl_call(nl, DUET_CMD_SA_GET, NLM_F_DUMP, NULL, sa_parse, &e);
}

/* ---- commands ------------------------------------------------------- */

/* What a command sends and what its reply gives back. */
struct call {
	const uint8_t *id, *party, *blob_in;
	size_t blob_in_len;
	int has_gen;
	uint32_t gen, role;
	const struct duet_sa_params *p;
	/* out */
	uint8_t *blob;
	size_t blob_len;
	uint8_t sa_id[DUET_SA_ID_LEN];
	int got_id;
	uint32_t gen_out, entries;
};

static int call_fill(struct nl_msg *msg, void *arg)
{
	const struct call *c = arg;
	const struct duet_sa_params *p = c->p;

	if ((c->id && nla_put(msg, DUET_ATTR_SA_ID, DUET_SA_ID_LEN, c->id)) ||
	    (c->party && nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, c->party)) ||
	    (c->blob_in && nla_put(msg, DUET_ATTR_BLOB, c->blob_in_len, c->blob_in)) ||
	    (c->has_gen && nla_put_u32(msg, DUET_ATTR_GEN, c->gen)) ||
	    (c->role && nla_put_u32(msg, DUET_ATTR_ROLE, c->role)))
		return -EMSGSIZE;
	if (!p)
		return 0;
	if (nla_put(msg, DUET_ATTR_MEMBERS, p->n * DUET_ID_LEN, p->members) ||
	    (p->suite && nla_put_u32(msg, DUET_ATTR_SUITE, p->suite)) ||
	    (p->lifetime && nla_put_u32(msg, DUET_ATTR_LIFETIME, p->lifetime)) ||
	    (p->soft && nla_put_u32(msg, DUET_ATTR_SOFT_LIFETIME, p->soft)) ||
	    (p->bytes_hard && nla_put_u64(msg, DUET_ATTR_BYTES_HARD, p->bytes_hard)) ||
	    (p->bytes_soft && nla_put_u64(msg, DUET_ATTR_BYTES_SOFT, p->bytes_soft)))
		return -EMSGSIZE;
	return 0;
}

static int call_parse(struct nlattr **tb, void *arg)
{
	struct call *c = arg;

	if (tb[DUET_ATTR_BLOB] && c->blob) {
		c->blob_len = nla_len(tb[DUET_ATTR_BLOB]);
		if (c->blob_len > DUET_MAX_BLOB_LEN)
			return -EBADMSG;
		memcpy(c->blob, nla_data(tb[DUET_ATTR_BLOB]), c->blob_len);
	}
	if (tb[DUET_ATTR_SA_ID]) {
		memcpy(c->sa_id, nla_data(tb[DUET_ATTR_SA_ID]), DUET_SA_ID_LEN);
		c->got_id = 1;
	}
	if (tb[DUET_ATTR_GEN])
		c->gen_out = nla_get_u32(tb[DUET_ATTR_GEN]);
	if (tb[DUET_ATTR_ENTRIES])
		c->entries = nla_get_u32(tb[DUET_ATTR_ENTRIES]);
	return 0;
}

static int call(struct duet_nl *nl, uint8_t cmd, struct call *c)
{
	return duet_nl_call(nl, cmd, 0, call_fill, call_parse, c);
}

int duet_sa_create(struct duet_nl *nl, const struct duet_sa_params *p,
		   uint8_t id[DUET_SA_ID_LEN])
{
	struct call c = { .p = p };
	int err = call(nl, DUET_CMD_SA_CREATE, &c);

	if (!err && !c.got_id)
		err = -EBADMSG;
	memcpy(id, c.sa_id, DUET_SA_ID_LEN);
	return err;
}

static int blob_call(struct duet_nl *nl, uint8_t cmd, struct call *c,
		     uint8_t *blob, size_t *len)
{
	int err;

	c->blob = blob;
	err = call(nl, cmd, c);
	if (!err && !c->blob_len)
		err = -EBADMSG;
	*len = c->blob_len;
	return err;
}

int duet_sa_wrap(struct duet_nl *nl, const uint8_t *id, const uint8_t *party,
		 uint8_t *blob, size_t *len)
{
	struct call c = { .id = id, .party = party };

	return blob_call(nl, DUET_CMD_SA_WRAP, &c, blob, len);
}

int duet_sa_member_add(struct duet_nl *nl, const uint8_t *id,
		       const uint8_t *member)
{
	struct call c = { .id = id, .party = member };

	return call(nl, DUET_CMD_SA_MEMBER_ADD, &c);
}

int duet_sa_install(struct duet_nl *nl, const uint8_t *blob, size_t len,
		    uint8_t id[DUET_SA_ID_LEN], uint32_t *gen)
{
	struct call c = { .blob_in = blob, .blob_in_len = len };
	int err = call(nl, DUET_CMD_SA_INSTALL, &c);

	memcpy(id, c.sa_id, DUET_SA_ID_LEN);
	*gen = c.got_id ? 0 : c.gen_out;
	return err;
}

int duet_sa_rewrap(struct duet_nl *nl, const uint8_t *in, size_t in_len,
		   const uint8_t *party, uint8_t *blob, size_t *len)
{
	struct call c = { .blob_in = in, .blob_in_len = in_len, .party = party };

	return blob_call(nl, DUET_CMD_SA_REWRAP, &c, blob, len);
}

int duet_sa_del(struct duet_nl *nl, const uint8_t *id)
{
	struct call c = { .id = id };

	return call(nl, DUET_CMD_SA_DEL, &c);
}

int duet_link_next(struct duet_nl *nl, const uint8_t *party, uint8_t *blob,
		   size_t *len, uint32_t *gen)
{
	struct call c = { .party = party };
	int err = blob_call(nl, DUET_CMD_LINK_NEXT, &c, blob, len);

	*gen = c.gen_out;
	return err;
}

int duet_link_commit(struct duet_nl *nl, const uint8_t *party, uint32_t gen)
{
	struct call c = { .party = party, .has_gen = 1, .gen = gen };

	return call(nl, DUET_CMD_LINK_COMMIT, &c);
}

int duet_links_flush(struct duet_nl *nl, uint32_t role, uint32_t *n)
{
	struct call c = { .role = role };
	int err = call(nl, DUET_CMD_LINKS_FLUSH, &c);

	*n = c.entries;
	return err;
}

/* ---- events --------------------------------------------------------- */

struct duet_events {
	struct nl_sock *sock;
	void (*fn)(const uint8_t *sa_id, const uint8_t *broker, void *arg);
	void *arg;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct duet_events *ev = arg;
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));

	if (g->cmd != DUET_CMD_SA_ENDED || duet_nl_parse(nlmsg_hdr(msg), tb) ||
	    !tb[DUET_ATTR_SA_ID] || !tb[DUET_ATTR_ID])
		return NL_SKIP;
	ev->fn(nla_data(tb[DUET_ATTR_SA_ID]), nla_data(tb[DUET_ATTR_ID]), ev->arg);
	return NL_OK;
}

int duet_events_open(struct duet_events **evp)
{
	struct duet_events *ev;
	int grp, err;

	ev = calloc(1, sizeof(*ev));
	if (!ev)
		return -ENOMEM;
	ev->sock = nl_socket_alloc();
	if (!ev->sock) {
		free(ev);
		return -ENOMEM;
	}
	err = genl_connect(ev->sock);
	grp = err ? err : genl_ctrl_resolve_grp(ev->sock, DUET_GENL_NAME,
						 DUET_MCGRP_BROKER);
	if (err || grp < 0 || nl_socket_add_membership(ev->sock, grp) ||
	    nl_socket_set_nonblocking(ev->sock)) {
		nl_socket_free(ev->sock);
		free(ev);
		return grp == -NLE_PERM || err == -NLE_PERM ? -EPERM : -ENOENT;
	}
	nl_socket_disable_seq_check(ev->sock);
	nl_socket_modify_cb(ev->sock, NL_CB_VALID, NL_CB_CUSTOM, on_event, ev);
	*evp = ev;
	return 0;
}

void duet_events_close(struct duet_events *ev)
{
	if (!ev)
		return;
	nl_socket_free(ev->sock);
	free(ev);
}

int duet_events_fd(const struct duet_events *ev)
{
	return nl_socket_get_fd(ev->sock);
}

int duet_events_read(struct duet_events *ev,
		     void (*fn)(const uint8_t *sa_id, const uint8_t *broker, void *arg),
		     void *arg)
{
	int err;

	ev->fn = fn;
	ev->arg = arg;
	do
		err = nl_recvmsgs_default(ev->sock);
	while (err >= 0);
	return err == -NLE_AGAIN ? 0 : -EIO;
}
