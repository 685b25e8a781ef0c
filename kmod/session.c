// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace's list of established sessions (session.h). A socket is
 * on it from the end of its handshake to the start of its teardown; the
 * list's lock is a spinlock, so walking it never sleeps and closing a
 * revoked session is left to the socket's own work item.
 */

#include <linux/net.h>

#include "netlink.h"
#include "netns.h"
#include "session.h"
#include "sock.h"

void duet_session_add(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_net *dn = duet_net(net);
	int len;

	len = kernel_getpeername(dsk->tcp, (struct sockaddr *)&dsk->peer_addr);
	dsk->peer_addr_len = len > 0 ? len : 0;
	spin_lock_bh(&dn->sess_lock);
	list_add_tail(&dsk->sess_node, &dn->sessions);
	spin_unlock_bh(&dn->sess_lock);
	duet_stat_inc(net, DUET_STAT_SESSIONS_ACTIVE);
}

void duet_session_del(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_net *dn = duet_net(net);
	bool was_on;

	spin_lock_bh(&dn->sess_lock);
	was_on = !list_empty(&dsk->sess_node);
	list_del_init(&dsk->sess_node);
	spin_unlock_bh(&dn->sess_lock);
	if (was_on)
		duet_stat_dec(net, DUET_STAT_SESSIONS_ACTIVE);
}

int duet_sessions_revoke(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_sock *dsk;
	int n = 0;

	spin_lock_bh(&dn->sess_lock);
	list_for_each_entry(dsk, &dn->sessions, sess_node) {
		if ((dsk->auth != DUET_AUTH_CERT && dsk->auth != DUET_AUTH_BROKER) ||
		    memcmp(dsk->peer_id, id, DUET_ID_LEN))
			continue;
		WRITE_ONCE(dsk->revoked, true);
		duet_queue_work(dsk, &dsk->work);
		n++;
	}
	spin_unlock_bh(&dn->sess_lock);
	return n;
}

/* The peer's certificate is revoked: tell it why, then end the session. */
void duet_session_close_revoked(struct duet_sock *dsk)
{
	if (dsk->fatal || !dsk->tcp)
		return;
	duet_send_alert(dsk, DUET_ALERT_KEY_REVOKED, true);
	duet_fail(dsk, EKEYREVOKED);
	kernel_sock_shutdown(dsk->tcp, SHUT_RDWR);
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_SESSIONS_REVOKED);
}

static int duet_session_fill(struct sk_buff *skb, const struct duet_sock *dsk)
{
	if (nla_put_u32(skb, DUET_ATTR_SUITE, dsk->suite ? dsk->suite->id : 0) ||
	    nla_put_u32(skb, DUET_ATTR_ROLE, dsk->role) ||
	    nla_put_u32(skb, DUET_ATTR_AUTH, dsk->auth) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_TX_BYTES, READ_ONCE(dsk->tx_bytes),
			      DUET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_RX_BYTES, READ_ONCE(dsk->rx_bytes),
			      DUET_ATTR_PAD))
		return -EMSGSIZE;
	if (dsk->auth == DUET_AUTH_CERT &&
	    nla_put(skb, DUET_ATTR_ID, DUET_ID_LEN, dsk->peer_id))
		return -EMSGSIZE;
	if (dsk->auth == DUET_AUTH_PSK &&
	    nla_put(skb, DUET_ATTR_PSK_ID, dsk->psk_id_len, dsk->psk_id))
		return -EMSGSIZE;
	if (dsk->peer_addr_len &&
	    nla_put(skb, DUET_ATTR_PEER_ADDR, dsk->peer_addr_len, &dsk->peer_addr))
		return -EMSGSIZE;
	return 0;
}

/* One message per session; cb->args[0] counts those sent. */
int duet_sessions_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	struct duet_sock *dsk;
	long i = 0;
	void *hdr;

	spin_lock_bh(&dn->sess_lock);
	list_for_each_entry(dsk, &dn->sessions, sess_node) {
		if (i++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &duet_genl_family,
				  NLM_F_MULTI, DUET_CMD_SESSIONS_GET);
		if (!hdr)
			break;
		if (duet_session_fill(skb, dsk)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	spin_unlock_bh(&dn->sess_lock);
	return skb->len;
}

void duet_session_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);

	spin_lock_init(&dn->sess_lock);
	INIT_LIST_HEAD(&dn->sessions);
}
