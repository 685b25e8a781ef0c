// SPDX-License-Identifier: GPL-2.0
/*
 * The "duet" generic netlink family. Commands act on the caller's network
 * namespace only. Reading state is open to every user; anything that
 * configures the module or answers an upcall carries GENL_UNS_ADMIN_PERM.
 */

#include <net/genetlink.h>

#include "af_duet.h"
#include "netlink.h"
#include "netns.h"
#include "version.h"

static struct genl_family duet_genl_family;

static const struct nla_policy duet_nl_policy[DUET_ATTR_MAX + 1] = {
	[DUET_ATTR_VERSION] = { .type = NLA_NUL_STRING },
	[DUET_ATTR_PROTOCOL] = { .type = NLA_U32 },
	[DUET_ATTR_FAMILY] = { .type = NLA_U32 },
	[DUET_ATTR_NETNS_COOKIE] = { .type = NLA_U64 },
	[DUET_ATTR_STATS] = { .type = NLA_NESTED },
};

static int duet_nl_put_stats(struct sk_buff *msg, const struct net *net)
{
	struct nlattr *nest;
	int stat;

	nest = nla_nest_start(msg, DUET_ATTR_STATS);
	if (!nest)
		return -EMSGSIZE;

	for (stat = DUET_STAT_UNSPEC + 1; stat <= DUET_STAT_MAX; stat++) {
		if (stat == DUET_STAT_PAD)
			continue;
		if (nla_put_u64_64bit(msg, stat, duet_stat_read(net, stat),
				      DUET_STAT_PAD))
			goto err_cancel_nest;
	}
	nla_nest_end(msg, nest);
	return 0;

err_cancel_nest:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

static int duet_nl_put_status(struct sk_buff *msg, const struct net *net)
{
	if (nla_put_string(msg, DUET_ATTR_VERSION, DUET_VERSION) ||
	    nla_put_u32(msg, DUET_ATTR_PROTOCOL, DUET_PROTOCOL_VERSION) ||
	    nla_put_u32(msg, DUET_ATTR_FAMILY, duet_af()) ||
	    nla_put_u64_64bit(msg, DUET_ATTR_NETNS_COOKIE, net->net_cookie,
			      DUET_ATTR_PAD))
		return -EMSGSIZE;
	return duet_nl_put_stats(msg, net);
}

static int duet_nl_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &duet_genl_family, 0,
				DUET_CMD_STATUS);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free_msg;
	}

	err = duet_nl_put_status(msg, genl_info_net(info));
	if (err)
		goto err_free_msg;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free_msg:
	nlmsg_free(msg);
	return err;
}

static const struct genl_small_ops duet_genl_ops[] = {
	{
		.cmd = DUET_CMD_STATUS,
		.doit = duet_nl_status,
	},
};

static struct genl_family duet_genl_family __ro_after_init = {
	.name = DUET_GENL_NAME,
	.version = DUET_GENL_VERSION,
	.maxattr = DUET_ATTR_MAX,
	.policy = duet_nl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = duet_genl_ops,
	.n_small_ops = ARRAY_SIZE(duet_genl_ops),
	.resv_start_op = DUET_CMD_STATUS + 1,
};

int __init duet_genl_init(void)
{
	return genl_register_family(&duet_genl_family);
}

void duet_genl_exit(void)
{
	genl_unregister_family(&duet_genl_family);
}
