// SPDX-License-Identifier: GPL-2.0
/*
 * The "duet" generic netlink family. Commands act on the caller's network
 * namespace only. Reading state is open to every user; anything that
 * configures the module or answers an upcall carries GENL_UNS_ADMIN_PERM.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "af_duet.h"
#include "netlink.h"
#include "netns.h"
#include "psk.h"
#include "version.h"

static struct genl_family duet_genl_family;

static const struct nla_policy duet_nl_policy[DUET_ATTR_MAX + 1] = {
	[DUET_ATTR_VERSION] = { .type = NLA_NUL_STRING },
	[DUET_ATTR_PROTOCOL] = { .type = NLA_U32 },
	[DUET_ATTR_FAMILY] = { .type = NLA_U32 },
	[DUET_ATTR_NETNS_COOKIE] = { .type = NLA_U64 },
	[DUET_ATTR_STATS] = { .type = NLA_NESTED },
	[DUET_ATTR_PSK_ID] = { .type = NLA_BINARY, .len = DUET_MAX_PSK_ID_LEN },
	[DUET_ATTR_PSK_KEY] = { .type = NLA_BINARY, .len = DUET_MAX_PSK_LEN },
	[DUET_ATTR_PSK_KEY_LEN] = { .type = NLA_U32 },
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

static int duet_nl_psk_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[DUET_ATTR_PSK_ID];
	struct nlattr *key = info->attrs[DUET_ATTR_PSK_KEY];

	if (!id || !key) {
		GENL_SET_ERR_MSG(info, "PSK id and key are required");
		return -EINVAL;
	}
	if (!nla_len(id) || nla_len(key) < DUET_MIN_PSK_LEN) {
		GENL_SET_ERR_MSG(info, "PSK id empty or key shorter than 16 bytes");
		return -EINVAL;
	}
	return duet_psk_add(genl_info_net(info), nla_data(id), nla_len(id),
			    nla_data(key), nla_len(key));
}

static int duet_nl_psk_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[DUET_ATTR_PSK_ID];

	if (!id) {
		GENL_SET_ERR_MSG(info, "PSK id is required");
		return -EINVAL;
	}
	return duet_psk_del(genl_info_net(info), nla_data(id), nla_len(id));
}

/* One message per key; cb->args[0] counts the keys already sent. */
static int duet_nl_psk_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	struct duet_psk *psk;
	long i = 0;
	void *hdr;

	mutex_lock(&dn->psk_lock);
	list_for_each_entry(psk, &dn->psks, list) {
		if (i++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &duet_genl_family,
				  NLM_F_MULTI, DUET_CMD_PSK_GET);
		if (!hdr)
			break;
		if (nla_put(skb, DUET_ATTR_PSK_ID, psk->id_len, psk->id) ||
		    nla_put_u32(skb, DUET_ATTR_PSK_KEY_LEN, psk->key_len)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&dn->psk_lock);
	return skb->len;
}

static const struct genl_small_ops duet_genl_ops[] = {
	{
		.cmd = DUET_CMD_STATUS,
		.doit = duet_nl_status,
	},
	{
		.cmd = DUET_CMD_PSK_ADD,
		.doit = duet_nl_psk_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_PSK_DEL,
		.doit = duet_nl_psk_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_PSK_GET,
		.dumpit = duet_nl_psk_dump,
		.flags = GENL_UNS_ADMIN_PERM,
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
	.resv_start_op = DUET_CMD_PSK_GET + 1,
};

int __init duet_genl_init(void)
{
	return genl_register_family(&duet_genl_family);
}

void duet_genl_exit(void)
{
	genl_unregister_family(&duet_genl_family);
}
