// SPDX-License-Identifier: LGPL-2.1
/* DUET_CMD_TRUST_GET: the trust anchors and CRLs of the namespace's helper. */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

struct trust_call {
	int (*fn)(const struct duet_trust_entry *e, void *arg);
	void *arg;
	int *truncated;
};

static int trust_entry(struct nlattr *nest, int crl, struct trust_call *t)
{
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct duet_trust_entry e = { .crl = crl };

	if (nla_parse_nested(tb, DUET_ATTR_MAX, nest, duet_nl_policy()) ||
	    !tb[DUET_ATTR_SUBJECT] || !tb[DUET_ATTR_NOT_AFTER] ||
	    (!crl && !tb[DUET_ATTR_ID]))
		return -EBADMSG;
	if (!crl)
		memcpy(e.id, nla_data(tb[DUET_ATTR_ID]), DUET_ID_LEN);
	nla_strlcpy(e.subject, tb[DUET_ATTR_SUBJECT], sizeof(e.subject));
	e.not_after = nla_get_u64(tb[DUET_ATTR_NOT_AFTER]);
	if (tb[DUET_ATTR_ENTRIES])
		e.entries = nla_get_u32(tb[DUET_ATTR_ENTRIES]);
	return t->fn(&e, t->arg);
}

static int trust_parse(struct nlattr **tb, void *arg)
{
	static const int lists[] = { DUET_ATTR_ANCHORS, DUET_ATTR_CRLS };
	struct trust_call *t = arg;
	struct nlattr *pos;
	unsigned int i;
	int rem, err;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (!tb[lists[i]])
			continue;
		nla_for_each_nested(pos, tb[lists[i]], rem) {
			err = trust_entry(pos, lists[i] == DUET_ATTR_CRLS, t);
			if (err)
				return err;
		}
	}
	*t->truncated = !!tb[DUET_ATTR_TRUNCATED];
	return 0;
}

int duet_trust_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_trust_entry *e, void *arg),
		    void *arg, int *truncated)
{
	struct trust_call t = { .fn = fn, .arg = arg, .truncated = truncated };

	*truncated = 0;
	return duet_nl_call(nl, DUET_CMD_TRUST_GET, 0, NULL, trust_parse, &t);
}
