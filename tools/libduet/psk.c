// SPDX-License-Identifier: LGPL-2.1
/* DUET_CMD_PSK_*: add, remove and list the namespace's pre-shared keys. */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

struct psk_req {
	const void *id, *key;
	size_t id_len, key_len;
};

static int psk_fill(struct nl_msg *msg, void *arg)
{
	const struct psk_req *r = arg;

	if (nla_put(msg, DUET_ATTR_PSK_ID, r->id_len, r->id) ||
	    (r->key && nla_put(msg, DUET_ATTR_PSK_KEY, r->key_len, r->key)))
		return -EMSGSIZE;
	return 0;
}

int duet_psk_add(struct duet_nl *nl, const void *id, size_t id_len,
		 const void *key, size_t key_len)
{
	struct psk_req r = { id, key, id_len, key_len };

	return duet_nl_call(nl, DUET_CMD_PSK_ADD, 0, psk_fill, NULL, &r);
}

int duet_psk_del(struct duet_nl *nl, const void *id, size_t id_len)
{
	struct psk_req r = { id, NULL, id_len, 0 };

	return duet_nl_call(nl, DUET_CMD_PSK_DEL, 0, psk_fill, NULL, &r);
}

struct psk_list {
	int (*fn)(const struct duet_psk_entry *e, void *arg);
	void *arg;
};

static int psk_parse(struct nlattr **tb, void *arg)
{
	struct psk_list *l = arg;
	struct duet_psk_entry e;

	if (!tb[DUET_ATTR_PSK_ID] || !tb[DUET_ATTR_PSK_KEY_LEN] ||
	    nla_len(tb[DUET_ATTR_PSK_ID]) > DUET_MAX_PSK_ID_LEN)
		return -EBADMSG;
	e.id_len = nla_len(tb[DUET_ATTR_PSK_ID]);
	memcpy(e.id, nla_data(tb[DUET_ATTR_PSK_ID]), e.id_len);
	e.key_len = nla_get_u32(tb[DUET_ATTR_PSK_KEY_LEN]);
	return l->fn(&e, l->arg);
}

int duet_psk_list(struct duet_nl *nl,
		  int (*fn)(const struct duet_psk_entry *e, void *arg), void *arg)
{
	struct psk_list l = { fn, arg };

	return duet_nl_call(nl, DUET_CMD_PSK_GET, NLM_F_DUMP, NULL, psk_parse, &l);
}
