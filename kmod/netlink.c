// SPDX-License-Identifier: GPL-2.0
/*
 * The "duet" generic netlink family. Commands act on the caller's network
 * namespace only. Reading state is open to every user; anything that
 * configures the module or answers an upcall carries GENL_UNS_ADMIN_PERM.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "af_duet.h"
#include "broker_nl.h"
#include "certcache.h"
#include "ident.h"
#include "keytab.h"
#include "netlink.h"
#include "netns.h"
#include "psk.h"
#include "session.h"
#include "ticket.h"
#include "upcall.h"
#include "version.h"

/* One trust anchor or CRL in the helper's DUET_UPCALL_TRUST answer. */
static const struct nla_policy duet_trust_policy[DUET_ATTR_ENTRIES + 1] = {
	[DUET_ATTR_ID] = NLA_POLICY_EXACT_LEN(DUET_ID_LEN),
	[DUET_ATTR_SUBJECT] = { .type = NLA_NUL_STRING, .len = DUET_MAX_SUBJECT_LEN - 1 },
	[DUET_ATTR_NOT_AFTER] = { .type = NLA_U64 },
	[DUET_ATTR_ENTRIES] = { .type = NLA_U32 },
};

static const struct nla_policy duet_nl_policy[DUET_ATTR_MAX + 1] = {
	[DUET_ATTR_VERSION] = { .type = NLA_NUL_STRING },
	[DUET_ATTR_PROTOCOL] = { .type = NLA_U32 },
	[DUET_ATTR_FAMILY] = { .type = NLA_U32 },
	[DUET_ATTR_NETNS_COOKIE] = { .type = NLA_U64 },
	[DUET_ATTR_STATS] = { .type = NLA_NESTED },
	[DUET_ATTR_PSK_ID] = { .type = NLA_BINARY, .len = DUET_MAX_PSK_ID_LEN },
	[DUET_ATTR_PSK_KEY] = { .type = NLA_BINARY, .len = DUET_MAX_PSK_LEN },
	[DUET_ATTR_PSK_KEY_LEN] = { .type = NLA_U32 },
	[DUET_ATTR_UPCALL_ID] = { .type = NLA_U64 },
	[DUET_ATTR_UPCALL_OP] = { .type = NLA_U32 },
	[DUET_ATTR_UPCALL_ERROR] = { .type = NLA_U32 },
	[DUET_ATTR_PING_DATA] = { .type = NLA_BINARY, .len = DUET_MAX_PING_DATA },
	[DUET_ATTR_PING_NS] = { .type = NLA_U64 },
	[DUET_ATTR_ID] = NLA_POLICY_EXACT_LEN(DUET_ID_LEN),
	[DUET_ATTR_CERT] = { .type = NLA_BINARY, .len = DUET_MAX_CHAIN_LEN },
	[DUET_ATTR_SUBJECT] = { .type = NLA_NUL_STRING, .len = DUET_MAX_SUBJECT_LEN - 1 },
	[DUET_ATTR_KEY_TYPE] = NLA_POLICY_RANGE(NLA_U32, DUET_KEY_EC_P256, DUET_KEY_RSA),
	[DUET_ATTR_PUBKEY] = { .type = NLA_BINARY, .len = DUET_MAX_PUBKEY_LEN },
	[DUET_ATTR_NOT_AFTER] = { .type = NLA_U64 },
	[DUET_ATTR_POINT_E] = NLA_POLICY_EXACT_LEN(DUET_P256_POINT_LEN),
	[DUET_ATTR_POINT_S] = NLA_POLICY_EXACT_LEN(DUET_P256_POINT_LEN),
	[DUET_ATTR_SECRET] = { .type = NLA_BINARY, .len = 64 },
	[DUET_ATTR_WRAPPED] = { .type = NLA_BINARY, .len = DUET_MAX_RSA_LEN },
	[DUET_ATTR_DIGEST] = { .type = NLA_BINARY, .len = 48 },
	[DUET_ATTR_SIGNATURE] = { .type = NLA_BINARY, .len = DUET_MAX_RSA_LEN },
	[DUET_ATTR_EXPIRES] = { .type = NLA_U64 },
	[DUET_ATTR_HITS] = { .type = NLA_U64 },
	[DUET_ATTR_CLOSED] = { .type = NLA_U32 },
	[DUET_ATTR_SUITE] = { .type = NLA_U32 },
	[DUET_ATTR_ROLE] = { .type = NLA_U32 },
	[DUET_ATTR_AUTH] = { .type = NLA_U32 },
	[DUET_ATTR_PEER_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct sockaddr_storage) },
	[DUET_ATTR_TX_BYTES] = { .type = NLA_U64 },
	[DUET_ATTR_RX_BYTES] = { .type = NLA_U64 },
	[DUET_ATTR_ANCHORS] = NLA_POLICY_NESTED_ARRAY(duet_trust_policy),
	[DUET_ATTR_CRLS] = NLA_POLICY_NESTED_ARRAY(duet_trust_policy),
	[DUET_ATTR_ENTRIES] = { .type = NLA_U32 },
	[DUET_ATTR_TRUNCATED] = { .type = NLA_FLAG },
	[DUET_ATTR_TICKET] = NLA_POLICY_EXACT_LEN(DUET_TICKET_ID_LEN),
	[DUET_ATTR_USES_LEFT] = { .type = NLA_U32 },
	[DUET_ATTR_LIFETIME] = { .type = NLA_U32 },
	[DUET_ATTR_MAX_USES] = { .type = NLA_U32 },
	[DUET_ATTR_EARLY] = { .type = NLA_U32 },
	[DUET_ATTR_SA_ID] = NLA_POLICY_EXACT_LEN(DUET_SA_ID_LEN),
	[DUET_ATTR_MEMBERS] = { .type = NLA_BINARY, .len = DUET_MAX_SA_MEMBERS * DUET_ID_LEN },
	[DUET_ATTR_BLOB] = { .type = NLA_BINARY, .len = DUET_MAX_BLOB_LEN },
	[DUET_ATTR_GEN] = { .type = NLA_U32 },
	[DUET_ATTR_CHAIN] = NLA_POLICY_EXACT_LEN(DUET_CHAIN_LEN),
	[DUET_ATTR_SEQ] = { .type = NLA_U64 },
	[DUET_ATTR_PENDING] = { .type = NLA_FLAG },
	[DUET_ATTR_AGE] = { .type = NLA_U64 },
	[DUET_ATTR_SOFT_LIFETIME] = { .type = NLA_U32 },
	[DUET_ATTR_BYTES_HARD] = { .type = NLA_U64 },
	[DUET_ATTR_BYTES_SOFT] = { .type = NLA_U64 },
	[DUET_ATTR_REFRESHED] = { .type = NLA_U64 },
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
			      DUET_ATTR_PAD) ||
	    nla_put_u32(msg, DUET_ATTR_LIFETIME, READ_ONCE(duet_net(net)->tk_lifetime)) ||
	    nla_put_u32(msg, DUET_ATTR_MAX_USES, READ_ONCE(duet_net(net)->tk_uses)))
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

int duet_upcall_fill_header(struct sk_buff *msg, u64 id, u32 op)
{
	if (!genlmsg_put(msg, 0, 0, &duet_genl_family, 0, DUET_CMD_HELPER_REQUEST) ||
	    nla_put_u64_64bit(msg, DUET_ATTR_UPCALL_ID, id, DUET_ATTR_PAD) ||
	    nla_put_u32(msg, DUET_ATTR_UPCALL_OP, op))
		return -EMSGSIZE;
	return 0;
}

static int duet_nl_helper_register(struct sk_buff *skb, struct genl_info *info)
{
	int err = duet_upcall_register(genl_info_net(info), info->snd_portid);

	if (err)
		GENL_SET_ERR_MSG(info, "another helper is registered in this namespace");
	return err;
}

static int duet_nl_helper_reply(struct sk_buff *skb, struct genl_info *info)
{
	return duet_upcall_answer(genl_info_net(info), skb, info);
}

static int duet_ping_fill(struct sk_buff *msg, void *arg)
{
	const struct nlattr *data = arg;

	if (data && nla_put(msg, DUET_ATTR_PING_DATA, nla_len(data), nla_data(data)))
		return -EMSGSIZE;
	return 0;
}

static int duet_nl_ping_reply(struct genl_info *info, struct duet_upcall *up,
			      u64 ns)
{
	struct nlattr *data = up->attrs[DUET_ATTR_PING_DATA];
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &duet_genl_family, 0, DUET_CMD_HELPER_PING);
	if (!hdr ||
	    (data && nla_put(msg, DUET_ATTR_PING_DATA, nla_len(data), nla_data(data))) ||
	    nla_put_u64_64bit(msg, DUET_ATTR_PING_NS, ns, DUET_ATTR_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* An upcall for an administrator, who waits for the helper's answer. */
static struct duet_upcall *duet_nl_ask_helper(struct genl_info *info, u32 op,
					      duet_upcall_fill_t fill,
					      void *arg)
{
	struct duet_upcall *up;
	int err;

	up = duet_upcall_new(genl_info_net(info), op);
	if (!up)
		return ERR_PTR(-ENOMEM);
	err = duet_upcall_send(up, fill, arg) ?: duet_upcall_wait(up);
	if (!err)
		return up;
	if (err == -ENOKEY)
		GENL_SET_ERR_MSG(info, "no helper (duetd) in this namespace");
	else if (err == -ETIMEDOUT)
		GENL_SET_ERR_MSG(info, "the helper did not answer in time");
	duet_upcall_put(up);
	return ERR_PTR(err);
}

/* Round trip to the helper: proves it is there and answering. */
static int duet_nl_helper_ping(struct sk_buff *skb, struct genl_info *info)
{
	struct duet_upcall *up;
	u64 t0 = ktime_get_ns();
	int err;

	up = duet_nl_ask_helper(info, DUET_UPCALL_PING, duet_ping_fill,
				info->attrs[DUET_ATTR_PING_DATA]);
	if (IS_ERR(up))
		return PTR_ERR(up);
	err = duet_nl_ping_reply(info, up, ktime_get_ns() - t0);
	duet_upcall_put(up);
	return err;
}

/* The helper's lists, checked by the policy, passed on as they came. */
static int duet_nl_trust_reply(struct genl_info *info, struct nlattr **a)
{
	struct nlattr *anchors = a[DUET_ATTR_ANCHORS], *crls = a[DUET_ATTR_CRLS];
	size_t len = (anchors ? nla_len(anchors) : 0) + (crls ? nla_len(crls) : 0);
	struct sk_buff *msg;
	void *hdr;

	if (len > DUET_MAX_TRUST_LEN) {
		GENL_SET_ERR_MSG(info, "the helper's answer is too long");
		return -EPROTO;
	}
	msg = genlmsg_new(len + 3 * NLA_HDRLEN, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &duet_genl_family, 0, DUET_CMD_TRUST_GET);
	if (!hdr ||
	    (anchors && nla_put(msg, DUET_ATTR_ANCHORS, nla_len(anchors), nla_data(anchors))) ||
	    (crls && nla_put(msg, DUET_ATTR_CRLS, nla_len(crls), nla_data(crls))) ||
	    (a[DUET_ATTR_TRUNCATED] && nla_put_flag(msg, DUET_ATTR_TRUNCATED))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* What the helper trusts: it reads its trust and CRL directories now. */
static int duet_nl_trust_get(struct sk_buff *skb, struct genl_info *info)
{
	struct duet_upcall *up;
	int err;

	up = duet_nl_ask_helper(info, DUET_UPCALL_TRUST, NULL, NULL);
	if (IS_ERR(up))
		return PTR_ERR(up);
	err = duet_nl_trust_reply(info, up->attrs);
	duet_upcall_put(up);
	return err;
}

static int duet_nl_identity_set(struct sk_buff *skb, struct genl_info *info)
{
	struct duet_ident *ident;
	const char *why;

	if (!info->attrs[DUET_ATTR_ID]) {
		duet_self_set(genl_info_net(info), NULL);
		return 0;
	}
	ident = duet_ident_from_attrs(info->attrs, true, &why);
	if (IS_ERR(ident)) {
		if (info->extack)
			info->extack->_msg = why;	/* a string literal */
		return PTR_ERR(ident);
	}
	if (!ident->chain_len) {
		duet_ident_put(ident);
		GENL_SET_ERR_MSG(info, "the identity's certificate is required");
		return -EINVAL;
	}
	duet_self_set(genl_info_net(info), ident);
	return 0;
}

static int duet_nl_identity_get(struct sk_buff *skb, struct genl_info *info)
{
	struct duet_ident *ident = duet_self_get(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err = -EMSGSIZE;

	if (!ident) {
		GENL_SET_ERR_MSG(info, "no identity in this namespace (is duetd running?)");
		return -ENOENT;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &duet_genl_family, 0, DUET_CMD_IDENTITY_GET);
	if (!hdr || duet_ident_fill(msg, ident)) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	duet_ident_put(ident);
	return err;
}

static int duet_nl_cache_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[DUET_ATTR_ID];

	duet_cache_flush(genl_info_net(info), id ? nla_data(id) : NULL);
	return 0;
}

int duet_nl_reply(struct genl_info *info, u8 cmd, int attr, const void *data,
		  int len, int attr_u32, u32 val)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &duet_genl_family, 0, cmd);
	if (!hdr || (attr && nla_put(msg, attr, len, data)) ||
	    (attr_u32 && nla_put_u32(msg, attr_u32, val))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int duet_nl_reply_u32(struct genl_info *info, u8 cmd, int attr, u32 val)
{
	return duet_nl_reply(info, cmd, 0, NULL, 0, attr, val);
}

static int duet_nl_revoke(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[DUET_ATTR_ID];
	int n;

	if (!id) {
		GENL_SET_ERR_MSG(info, "the ID to revoke is required");
		return -EINVAL;
	}
	n = duet_revoke(genl_info_net(info), nla_data(id));
	if (n < 0) {
		GENL_SET_ERR_MSG(info, "too many revoked IDs");
		return n;
	}
	return duet_nl_reply_u32(info, DUET_CMD_REVOKE, DUET_ATTR_CLOSED, n);
}

static int duet_nl_tickets_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *role = info->attrs[DUET_ATTR_ROLE];
	unsigned int n;

	if (role && nla_get_u32(role) > DUET_TK_ISSUED) {
		GENL_SET_ERR_MSG(info, "role is 0 (held) or 1 (issued)");
		return -EINVAL;
	}
	n = duet_ticket_flush(genl_info_net(info), role ? nla_get_u32(role) : -1);
	return duet_nl_reply_u32(info, DUET_CMD_TICKETS_FLUSH, DUET_ATTR_ENTRIES, n);
}

static int duet_nl_tickets_set(struct sk_buff *skb, struct genl_info *info)
{
	struct duet_net *dn = duet_net(genl_info_net(info));
	struct nlattr *life = info->attrs[DUET_ATTR_LIFETIME];
	struct nlattr *uses = info->attrs[DUET_ATTR_MAX_USES];

	if (!life && !uses) {
		GENL_SET_ERR_MSG(info, "a lifetime or a number of uses is required");
		return -EINVAL;
	}
	if (life && nla_get_u32(life) > DUET_TICKET_MAX_LIFETIME) {
		GENL_SET_ERR_MSG(info, "a ticket lives 30 days at most");
		return -ERANGE;
	}
	if (uses && (!nla_get_u32(uses) || nla_get_u32(uses) > DUET_TICKET_MAX_USES)) {
		GENL_SET_ERR_MSG(info, "a ticket allows 1 to 65535 uses");
		return -ERANGE;
	}
	if (life)
		WRITE_ONCE(dn->tk_lifetime, nla_get_u32(life));
	if (uses)
		WRITE_ONCE(dn->tk_uses, nla_get_u32(uses));
	return 0;
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
	{
		.cmd = DUET_CMD_HELPER_REGISTER,
		.doit = duet_nl_helper_register,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_HELPER_REPLY,
		.doit = duet_nl_helper_reply,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_HELPER_PING,
		.doit = duet_nl_helper_ping,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_IDENTITY_SET,
		.doit = duet_nl_identity_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_IDENTITY_GET,
		.doit = duet_nl_identity_get,
	},
	{
		.cmd = DUET_CMD_CACHE_GET,
		.dumpit = duet_cache_dump,
	},
	{
		.cmd = DUET_CMD_CACHE_FLUSH,
		.doit = duet_nl_cache_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_REVOKE,
		.doit = duet_nl_revoke,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SESSIONS_GET,
		.dumpit = duet_sessions_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_TRUST_GET,
		.doit = duet_nl_trust_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_TICKETS_GET,
		.dumpit = duet_tickets_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_TICKETS_FLUSH,
		.doit = duet_nl_tickets_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_TICKETS_SET,
		.doit = duet_nl_tickets_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_LINKS_GET,
		.dumpit = duet_links_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_GET,
		.dumpit = duet_sas_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_CREATE,
		.doit = duet_nl_sa_create,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_WRAP,
		.doit = duet_nl_sa_wrap,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_MEMBER_ADD,
		.doit = duet_nl_sa_member_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_INSTALL,
		.doit = duet_nl_sa_install,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_REWRAP,
		.doit = duet_nl_sa_rewrap,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_SA_DEL,
		.doit = duet_nl_sa_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_LINK_NEXT,
		.doit = duet_nl_link_next,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_LINK_COMMIT,
		.doit = duet_nl_link_commit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DUET_CMD_LINKS_FLUSH,
		.doit = duet_nl_links_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group duet_mcgrps[] = {
	[DUET_MCGRP_BROKER_IDX] = { .name = DUET_MCGRP_BROKER,
				    .flags = GENL_UNS_ADMIN_PERM },
};

/*
 * parallel_ops: a ping (or trust) waits for the helper, whose answer is another
 * command; genl's own mutex would deadlock them. Every handler does its
 * own locking.
 */
struct genl_family duet_genl_family __ro_after_init = {
	.name = DUET_GENL_NAME,
	.version = DUET_GENL_VERSION,
	.maxattr = DUET_ATTR_MAX,
	.policy = duet_nl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = duet_genl_ops,
	.n_small_ops = ARRAY_SIZE(duet_genl_ops),
	.mcgrps = duet_mcgrps,
	.n_mcgrps = ARRAY_SIZE(duet_mcgrps),
	.resv_start_op = DUET_CMD_HELPER_PING + 1,
};

int __init duet_genl_init(void)
{
	return genl_register_family(&duet_genl_family);
}

void duet_genl_exit(void)
{
	genl_unregister_family(&duet_genl_family);
}
