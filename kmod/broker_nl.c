// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink for the key table (keytab.h): a broker creates, seals and
 * refreshes; a party installs what it is sent. Every command needs
 * GENL_UNS_ADMIN_PERM; none ever puts a key in a message, only blobs.
 */

#include <linux/slab.h>

#include "broker_nl.h"
#include "keytab.h"
#include "netlink.h"

/* An attribute the command cannot do without; says which when missing. */
#define duet_need(info, attr, what) ({					\
	bool __ok = (info)->attrs[attr];				\
	if (!__ok)							\
		GENL_SET_ERR_MSG(info, what " is required");		\
	__ok;								\
})

static u64 duet_u64_or(struct genl_info *info, int attr, u64 dflt)
{
	return info->attrs[attr] ? nla_get_u64(info->attrs[attr]) : dflt;
}

static u32 duet_u32_or(struct genl_info *info, int attr, u32 dflt)
{
	return info->attrs[attr] ? nla_get_u32(info->attrs[attr]) : dflt;
}

int duet_nl_sa_create(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *m = info->attrs[DUET_ATTR_MEMBERS];
	struct duet_sa_limits lim = {
		.lifetime = duet_u32_or(info, DUET_ATTR_LIFETIME, 3600),
		.soft = duet_u32_or(info, DUET_ATTR_SOFT_LIFETIME, 0),
		.bytes_hard = duet_u64_or(info, DUET_ATTR_BYTES_HARD, 0),
		.bytes_soft = duet_u64_or(info, DUET_ATTR_BYTES_SOFT, 0),
	};
	u16 suite = duet_u32_or(info, DUET_ATTR_SUITE,
				DUET_SUITE_PSK_AES128GCM_SHA256);
	u8 id[DUET_SA_ID_LEN];
	int err;

	if (!duet_need(info, DUET_ATTR_MEMBERS, "the members"))
		return -EINVAL;
	err = duet_sa_create(genl_info_net(info), nla_data(m),
			     nla_len(m) / DUET_ID_LEN, suite, &lim, id);
	if (err == -EINVAL)
		GENL_SET_ERR_MSG(info, "2 to 8 distinct members, a PSK suite, a lifetime, soft limits under hard ones");
	if (err == -ENOSPC)
		GENL_SET_ERR_MSG(info, "the key table is full");
	if (err)
		return err;
	return duet_nl_reply(info, DUET_CMD_SA_CREATE, DUET_ATTR_SA_ID, id,
				 sizeof(id), 0, 0);
}

static int duet_nl_blob_reply(struct genl_info *info, u8 cmd, u8 *blob,
			      int len, int attr2, u32 val)
{
	int err = len;

	if (len >= 0)
		err = duet_nl_reply(info, cmd, DUET_ATTR_BLOB, blob, len,
					attr2, val);
	kfree_sensitive(blob);
	return err;
}

static int duet_nl_sealed_err(struct genl_info *info, int err)
{
	switch (err) {
	case -ENOKEY:
		GENL_SET_ERR_MSG(info, "no link key with that party (or no identity)");
		break;
	case -ENOENT:
		GENL_SET_ERR_MSG(info, "no such SA issued here");
		break;
	case -EKEYEXPIRED:
		GENL_SET_ERR_MSG(info, "the SA is past its hard lifetime");
		break;
	}
	return err;
}

int duet_nl_sa_wrap(struct sk_buff *skb, struct genl_info *info)
{
	u8 *blob;
	int len;

	if (!duet_need(info, DUET_ATTR_SA_ID, "the SA id") ||
	    !duet_need(info, DUET_ATTR_ID, "the party's ID"))
		return -EINVAL;
	blob = kmalloc(DUET_DIST_MAX_LEN, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	len = duet_sa_wrap(genl_info_net(info), nla_data(info->attrs[DUET_ATTR_SA_ID]),
			   nla_data(info->attrs[DUET_ATTR_ID]), blob);
	duet_nl_sealed_err(info, len);
	return duet_nl_blob_reply(info, DUET_CMD_SA_WRAP, blob, len, 0, 0);
}

int duet_nl_sa_member_add(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (!duet_need(info, DUET_ATTR_SA_ID, "the SA id") ||
	    !duet_need(info, DUET_ATTR_ID, "the new member's ID"))
		return -EINVAL;
	err = duet_sa_member_add(genl_info_net(info),
				 nla_data(info->attrs[DUET_ATTR_SA_ID]),
				 nla_data(info->attrs[DUET_ATTR_ID]));
	if (err == -EEXIST)
		GENL_SET_ERR_MSG(info, "already a member");
	if (err == -ENOSPC)
		GENL_SET_ERR_MSG(info, "an SA has 8 members at most");
	return duet_nl_sealed_err(info, err);
}

static int duet_nl_open_err(struct genl_info *info, int err)
{
	switch (err) {
	case -EPROTO:
		GENL_SET_ERR_MSG(info, "not a well-formed blob");
		break;
	case -ENOKEY:
		GENL_SET_ERR_MSG(info, "not for us, or no link key with its broker (chain, generation)");
		break;
	case -ESTALE:
		GENL_SET_ERR_MSG(info, "a replay, or sealed under an older link key");
		break;
	case -EKEYREJECTED:
		GENL_SET_ERR_MSG(info, "the blob does not open under the link key");
		break;
	case -EINVAL:
		GENL_SET_ERR_MSG(info, "we are not a member of that SA");
		break;
	}
	return err;
}

int duet_nl_sa_install(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *b = info->attrs[DUET_ATTR_BLOB];
	u8 id[DUET_SA_ID_LEN] = { 0 };
	u32 gen = U32_MAX;	/* set by a next link key only */
	int err;

	if (!duet_need(info, DUET_ATTR_BLOB, "the blob"))
		return -EINVAL;
	err = duet_dist_install(genl_info_net(info), nla_data(b), nla_len(b),
				id, &gen);
	if (err)
		return duet_nl_open_err(info, err);
	if (gen != U32_MAX)
		return duet_nl_reply_u32(info, DUET_CMD_SA_INSTALL, DUET_ATTR_GEN, gen);
	return duet_nl_reply(info, DUET_CMD_SA_INSTALL, DUET_ATTR_SA_ID, id,
				 sizeof(id), 0, 0);
}

int duet_nl_sa_rewrap(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *b = info->attrs[DUET_ATTR_BLOB];
	u8 *blob;
	int len;

	if (!duet_need(info, DUET_ATTR_BLOB, "the blob") ||
	    !duet_need(info, DUET_ATTR_ID, "the party's ID"))
		return -EINVAL;
	blob = kmalloc(DUET_DIST_MAX_LEN, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	len = duet_sa_rewrap(genl_info_net(info), nla_data(b), nla_len(b),
			     nla_data(info->attrs[DUET_ATTR_ID]), blob);
	if (len == -EINVAL)
		GENL_SET_ERR_MSG(info, "not an SA, or the party is not a member of it");
	else if (len == -ENOKEY)
		GENL_SET_ERR_MSG(info, "no link key for the blob's sender or for the party");
	else
		duet_nl_open_err(info, len);
	return duet_nl_blob_reply(info, DUET_CMD_SA_REWRAP, blob, len, 0, 0);
}

int duet_nl_sa_del(struct sk_buff *skb, struct genl_info *info)
{
	if (!duet_need(info, DUET_ATTR_SA_ID, "the SA id"))
		return -EINVAL;
	return duet_sa_del(genl_info_net(info), nla_data(info->attrs[DUET_ATTR_SA_ID]));
}

int duet_nl_link_next(struct sk_buff *skb, struct genl_info *info)
{
	u32 gen = 0;
	u8 *blob;
	int len;

	if (!duet_need(info, DUET_ATTR_ID, "the party's ID"))
		return -EINVAL;
	blob = kmalloc(DUET_DIST_MAX_LEN, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	len = duet_link_next(genl_info_net(info), nla_data(info->attrs[DUET_ATTR_ID]),
			     blob, &gen);
	duet_nl_sealed_err(info, len);
	return duet_nl_blob_reply(info, DUET_CMD_LINK_NEXT, blob, len,
				  DUET_ATTR_GEN, gen);
}

int duet_nl_link_commit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (!duet_need(info, DUET_ATTR_ID, "the party's ID") ||
	    !duet_need(info, DUET_ATTR_GEN, "the generation"))
		return -EINVAL;
	err = duet_link_commit(genl_info_net(info), nla_data(info->attrs[DUET_ATTR_ID]),
			       nla_get_u32(info->attrs[DUET_ATTR_GEN]));
	if (err == -ESTALE)
		GENL_SET_ERR_MSG(info, "no next key of that generation is pending");
	return duet_nl_sealed_err(info, err);
}

int duet_nl_links_flush(struct sk_buff *skb, struct genl_info *info)
{
	u32 role = duet_u32_or(info, DUET_ATTR_ROLE, 0);

	if (role > DUET_LINK_BROKER) {
		GENL_SET_ERR_MSG(info, "role is 1 (party) or 2 (broker)");
		return -EINVAL;
	}
	return duet_nl_reply_u32(info, DUET_CMD_LINKS_FLUSH, DUET_ATTR_ENTRIES,
				 duet_links_flush(genl_info_net(info), role));
}

void duet_nl_sa_ended(struct net *net, const u8 *sa_id, const u8 *broker)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&duet_genl_family, net, DUET_MCGRP_BROKER_IDX))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &duet_genl_family, 0, DUET_CMD_SA_ENDED);
	if (!hdr || nla_put(msg, DUET_ATTR_SA_ID, DUET_SA_ID_LEN, sa_id) ||
	    nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, broker)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&duet_genl_family, net, msg, 0,
				DUET_MCGRP_BROKER_IDX, GFP_KERNEL);
}
