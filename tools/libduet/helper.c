// SPDX-License-Identifier: LGPL-2.1
/* DUET_CMD_HELPER_PING: a round trip through the namespace's helper. */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

struct ping {
	const void *data;
	size_t len;
	void *out;
	size_t *out_len;
	uint64_t *ns;
};

static int ping_fill(struct nl_msg *msg, void *arg)
{
	const struct ping *p = arg;

	return p->len && nla_put(msg, DUET_ATTR_PING_DATA, p->len, p->data) ?
	       -EMSGSIZE : 0;
}

static int ping_parse(struct nlattr **tb, void *arg)
{
	const struct ping *p = arg;
	size_t n = 0;

	if (!tb[DUET_ATTR_PING_NS])
		return -EBADMSG;
	if (tb[DUET_ATTR_PING_DATA]) {
		n = nla_len(tb[DUET_ATTR_PING_DATA]);
		if (n > DUET_MAX_PING_DATA)
			return -EBADMSG;
		memcpy(p->out, nla_data(tb[DUET_ATTR_PING_DATA]), n);
	}
	*p->out_len = n;
	*p->ns = nla_get_u64(tb[DUET_ATTR_PING_NS]);
	return 0;
}

int duet_helper_ping(struct duet_nl *nl, const void *data, size_t len,
		     void *out, size_t *out_len, uint64_t *ns)
{
	struct ping p = { data, len, out, out_len, ns };

	if (len > DUET_MAX_PING_DATA)
		return -EINVAL;
	return duet_nl_call(nl, DUET_CMD_HELPER_PING, 0, ping_fill, ping_parse, &p);
}
