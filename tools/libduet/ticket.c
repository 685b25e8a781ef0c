// SPDX-License-Identifier: LGPL-2.1
/* DUET_CMD_TICKETS_*: the namespace's resumption tickets, for duetctl. */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

struct each {
	int (*fn)(const struct duet_ticket_entry *e, void *arg);
	void *arg;
};

static int ticket_parse(struct nlattr **tb, void *arg)
{
	struct duet_ticket_entry e = { 0 };
	struct each *l = arg;

	if (!tb[DUET_ATTR_ROLE] || !tb[DUET_ATTR_TICKET] || !tb[DUET_ATTR_ID] ||
	    !tb[DUET_ATTR_USES_LEFT] || !tb[DUET_ATTR_EXPIRES] ||
	    nla_len(tb[DUET_ATTR_TICKET]) != DUET_TICKET_ID_LEN)
		return -EBADMSG;
	e.role = nla_get_u32(tb[DUET_ATTR_ROLE]);
	memcpy(e.id, nla_data(tb[DUET_ATTR_TICKET]), DUET_TICKET_ID_LEN);
	memcpy(e.peer_id, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	e.suite = tb[DUET_ATTR_SUITE] ? nla_get_u32(tb[DUET_ATTR_SUITE]) : 0;
	e.uses_left = nla_get_u32(tb[DUET_ATTR_USES_LEFT]);
	e.expires = nla_get_u64(tb[DUET_ATTR_EXPIRES]);
	e.early = tb[DUET_ATTR_EARLY] ? nla_get_u32(tb[DUET_ATTR_EARLY]) : 0;
	if (tb[DUET_ATTR_PEER_ADDR] &&
	    (size_t)nla_len(tb[DUET_ATTR_PEER_ADDR]) <= sizeof(e.addr)) {
		e.addr_len = nla_len(tb[DUET_ATTR_PEER_ADDR]);
		memcpy(e.addr, nla_data(tb[DUET_ATTR_PEER_ADDR]), e.addr_len);
	}
	return l->fn(&e, l->arg);
}

int duet_tickets_list(struct duet_nl *nl,
		      int (*fn)(const struct duet_ticket_entry *e, void *arg),
		      void *arg)
{
	struct each l = { .fn = fn, .arg = arg };

	return duet_nl_call(nl, DUET_CMD_TICKETS_GET, NLM_F_DUMP, NULL,
			    ticket_parse, &l);
}

struct flush_args {
	int role;
	uint32_t n;
};

static int flush_fill(struct nl_msg *msg, void *arg)
{
	const struct flush_args *a = arg;

	return a->role >= 0 && nla_put_u32(msg, DUET_ATTR_ROLE, a->role) ? -EMSGSIZE : 0;
}

static int flush_parse(struct nlattr **tb, void *arg)
{
	if (!tb[DUET_ATTR_ENTRIES])
		return -EBADMSG;
	((struct flush_args *)arg)->n = nla_get_u32(tb[DUET_ATTR_ENTRIES]);
	return 0;
}

int duet_tickets_flush(struct duet_nl *nl, int role, uint32_t *n)
{
	struct flush_args a = { .role = role };
	int err;

	err = duet_nl_call(nl, DUET_CMD_TICKETS_FLUSH, 0, flush_fill, flush_parse, &a);
	*n = a.n;
	return err;
}

struct set_args {
	long lifetime, uses;
};

static int set_fill(struct nl_msg *msg, void *arg)
{
	const struct set_args *a = arg;

	if ((a->lifetime >= 0 && nla_put_u32(msg, DUET_ATTR_LIFETIME, a->lifetime)) ||
	    (a->uses >= 0 && nla_put_u32(msg, DUET_ATTR_MAX_USES, a->uses)))
		return -EMSGSIZE;
	return 0;
}

int duet_tickets_set(struct duet_nl *nl, long lifetime, long uses)
{
	struct set_args a = { lifetime, uses };

	return duet_nl_call(nl, DUET_CMD_TICKETS_SET, 0, set_fill, NULL, &a);
}
