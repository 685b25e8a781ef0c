// SPDX-License-Identifier: LGPL-2.1
/*
 * The generic netlink session with the duet module: resolve the family,
 * send one request, feed every reply through duet's attribute policy to a
 * parser, and report the kernel's own errno.
 */

#include <errno.h>
#include <stdlib.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "duet_nl.h"

struct duet_nl {
	struct nl_sock *sock;
	int family;
};

/* Mirrors the kernel's policy: what userspace accepts from the kernel. */
static struct nla_policy duet_attr_policy[DUET_ATTR_MAX + 1] = {
	[DUET_ATTR_VERSION] = { .type = NLA_STRING },	/* libnl: NUL-terminated */
	[DUET_ATTR_PROTOCOL] = { .type = NLA_U32 },
	[DUET_ATTR_FAMILY] = { .type = NLA_U32 },
	[DUET_ATTR_NETNS_COOKIE] = { .type = NLA_U64 },
	[DUET_ATTR_STATS] = { .type = NLA_NESTED },
	[DUET_ATTR_PSK_ID] = { .type = NLA_UNSPEC, .minlen = 1 },
	[DUET_ATTR_PSK_KEY_LEN] = { .type = NLA_U32 },
	[DUET_ATTR_UPCALL_ID] = { .type = NLA_U64 },
	[DUET_ATTR_UPCALL_OP] = { .type = NLA_U32 },
	[DUET_ATTR_UPCALL_ERROR] = { .type = NLA_U32 },
	[DUET_ATTR_PING_DATA] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_PING_DATA },
	[DUET_ATTR_PING_NS] = { .type = NLA_U64 },
	[DUET_ATTR_ID] = { .type = NLA_UNSPEC, .minlen = DUET_ID_LEN, .maxlen = DUET_ID_LEN },
	[DUET_ATTR_CERT] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_CHAIN_LEN },
	[DUET_ATTR_SUBJECT] = { .type = NLA_STRING, .maxlen = DUET_MAX_SUBJECT_LEN },
	[DUET_ATTR_KEY_TYPE] = { .type = NLA_U32 },
	[DUET_ATTR_PUBKEY] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_PUBKEY_LEN },
	[DUET_ATTR_NOT_AFTER] = { .type = NLA_U64 },
	[DUET_ATTR_POINT_E] = { .type = NLA_UNSPEC, .minlen = DUET_P256_POINT_LEN,
				.maxlen = DUET_P256_POINT_LEN },
	[DUET_ATTR_POINT_S] = { .type = NLA_UNSPEC, .minlen = DUET_P256_POINT_LEN,
				.maxlen = DUET_P256_POINT_LEN },
	[DUET_ATTR_SECRET] = { .type = NLA_UNSPEC, .maxlen = 64 },
	[DUET_ATTR_WRAPPED] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_RSA_LEN },
	[DUET_ATTR_DIGEST] = { .type = NLA_UNSPEC, .maxlen = 48 },
	[DUET_ATTR_SIGNATURE] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_RSA_LEN },
	[DUET_ATTR_EXPIRES] = { .type = NLA_U64 },
	[DUET_ATTR_HITS] = { .type = NLA_U64 },
	[DUET_ATTR_CLOSED] = { .type = NLA_U32 },
	[DUET_ATTR_SUITE] = { .type = NLA_U32 },
	[DUET_ATTR_ROLE] = { .type = NLA_U32 },
	[DUET_ATTR_AUTH] = { .type = NLA_U32 },
	[DUET_ATTR_PEER_ADDR] = { .type = NLA_UNSPEC, .maxlen = 128 },
	[DUET_ATTR_TX_BYTES] = { .type = NLA_U64 },
	[DUET_ATTR_RX_BYTES] = { .type = NLA_U64 },
	[DUET_ATTR_ANCHORS] = { .type = NLA_NESTED },
	[DUET_ATTR_CRLS] = { .type = NLA_NESTED },
	[DUET_ATTR_ENTRIES] = { .type = NLA_U32 },
	[DUET_ATTR_TRUNCATED] = { .type = NLA_FLAG },
	[DUET_ATTR_TICKET] = { .type = NLA_UNSPEC, .minlen = DUET_TICKET_ID_LEN,
			      .maxlen = DUET_TICKET_ID_LEN },
	[DUET_ATTR_USES_LEFT] = { .type = NLA_U32 },
	[DUET_ATTR_LIFETIME] = { .type = NLA_U32 },
	[DUET_ATTR_MAX_USES] = { .type = NLA_U32 },
	[DUET_ATTR_EARLY] = { .type = NLA_U32 },
	[DUET_ATTR_SA_ID] = { .type = NLA_UNSPEC, .minlen = DUET_SA_ID_LEN,
			     .maxlen = DUET_SA_ID_LEN },
	[DUET_ATTR_MEMBERS] = { .type = NLA_UNSPEC,
			       .maxlen = DUET_MAX_SA_MEMBERS * DUET_ID_LEN },
	[DUET_ATTR_BLOB] = { .type = NLA_UNSPEC, .maxlen = DUET_MAX_BLOB_LEN },
	[DUET_ATTR_GEN] = { .type = NLA_U32 },
	[DUET_ATTR_CHAIN] = { .type = NLA_UNSPEC, .minlen = 8, .maxlen = 8 },
	[DUET_ATTR_SEQ] = { .type = NLA_U64 },
	[DUET_ATTR_PENDING] = { .type = NLA_FLAG },
	[DUET_ATTR_AGE] = { .type = NLA_U64 },
	[DUET_ATTR_SOFT_LIFETIME] = { .type = NLA_U32 },
	[DUET_ATTR_BYTES_HARD] = { .type = NLA_U64 },
	[DUET_ATTR_BYTES_SOFT] = { .type = NLA_U64 },
	[DUET_ATTR_REFRESHED] = { .type = NLA_U64 },
};

struct nla_policy *duet_nl_policy(void)
{
	return duet_attr_policy;
}

static int nlerr_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_INVAL:
	case NLE_MSG_TOOSHORT:
	case NLE_MSG_TRUNC:
	case NLE_PARSE_ERR:
	case NLE_RANGE:
		return -EBADMSG;
	default:
		return -EIO;
	}
}

int duet_nl_open(struct duet_nl **nlp)
{
	struct duet_nl *nl;
	int err;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->sock = nl_socket_alloc();
	if (!nl->sock) {
		err = -ENOMEM;
		goto err_free;
	}
	err = genl_connect(nl->sock);
	if (err < 0) {
		err = nlerr_to_errno(err);
		goto err_free_sock;
	}
	nl->family = genl_ctrl_resolve(nl->sock, DUET_GENL_NAME);
	if (nl->family < 0) {
		err = nlerr_to_errno(nl->family);
		goto err_free_sock;
	}
	*nlp = nl;
	return 0;

err_free_sock:
	nl_socket_free(nl->sock);
err_free:
	free(nl);
	return err;
}

void duet_nl_close(struct duet_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

int duet_nl_parse(struct nlmsghdr *nlh, struct nlattr **tb)
{
	int err;

	err = genlmsg_parse(nlh, 0, tb, DUET_ATTR_MAX, duet_attr_policy);
	return err < 0 ? nlerr_to_errno(err) : 0;
}

struct duet_nl_call {
	duet_nl_parse_fn parse;
	void *arg;
	int err;	/* first error: the kernel's errno or the parser's */
	int done;
};

static int duet_nl_on_valid(struct nl_msg *msg, void *data)
{
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct duet_nl_call *call = data;
	int err;

	err = duet_nl_parse(nlmsg_hdr(msg), tb);
	if (!err && call->parse)
		err = call->parse(tb, call->arg);
	if (err && !call->err)
		call->err = err;
	return NL_OK;
}

static int duet_nl_on_error(struct sockaddr_nl *who, struct nlmsgerr *e,
			    void *data)
{
	struct duet_nl_call *call = data;

	(void)who;
	if (!call->err)
		call->err = e->error ? e->error : -EIO;
	call->done = 1;
	return NL_STOP;
}

static int duet_nl_on_finish(struct nl_msg *msg, void *data)
{
	struct duet_nl_call *call = data;

	(void)msg;
	call->done = 1;
	return NL_STOP;
}

static int duet_nl_on_ack(struct nl_msg *msg, void *data)
{
	return duet_nl_on_finish(msg, data);
}

static int duet_nl_send(struct duet_nl *nl, uint8_t cmd, int flags,
			duet_nl_fill_fn fill, void *arg)
{
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 flags | NLM_F_ACK, cmd, DUET_GENL_VERSION)) {
		err = -EMSGSIZE;
		goto out;
	}
	err = fill ? fill(msg, arg) : 0;
	if (err)
		goto out;
	err = nl_send_auto(nl->sock, msg);
	err = err < 0 ? nlerr_to_errno(err) : 0;
out:
	nlmsg_free(msg);
	return err;
}

int duet_nl_call(struct duet_nl *nl, uint8_t cmd, int flags,
		 duet_nl_fill_fn fill, duet_nl_parse_fn parse, void *arg)
{
	struct duet_nl_call call = { .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int err;

	err = duet_nl_send(nl, cmd, flags, fill, arg);
	if (err)
		return err;

	cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, duet_nl_on_valid, &call);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, duet_nl_on_finish, &call);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, duet_nl_on_ack, &call);
	nl_cb_err(cb, NL_CB_CUSTOM, duet_nl_on_error, &call);

	while (!call.done) {
		err = nl_recvmsgs(nl->sock, cb);
		if (err < 0 && !call.err)
			call.err = nlerr_to_errno(err);
		if (err < 0)
			break;
	}
	nl_cb_put(cb);
	return call.err;
}
