// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_DUET socket family: creation, teardown, socket options, names,
 * and the proto_ops table that routes to connect/listen/stream code.
 *
 * The family number is the module parameter "family". Every socket pins
 * the module (through its proto and its ops) and its network namespace,
 * and is counted in that namespace's statistics.
 */

#include <linux/in.h>
#include <linux/module.h>
#include <linux/net.h>
#include <net/sock.h>

#include "af_duet.h"
#include "flood.h"
#include "handshake.h"
#include "netns.h"
#include "session.h"
#include "sock.h"

static int duet_family_nr = DUET_FAMILY_DEFAULT;
module_param_named(family, duet_family_nr, int, 0444);
MODULE_PARM_DESC(family, "address family number of AF_DUET (default 13)");

#define DUET_HS_TIMEOUT_MS 10000
#define DUET_HS_TIMEOUT_MAX_MS 600000

struct workqueue_struct *duet_wq;

struct proto duet_proto = {
	.name = "DUET",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct duet_sock),
};

int duet_af(void)
{
	return duet_family_nr;
}

static void duet_sk_destruct(struct sock *sk)
{
	duet_stat_dec(sock_net(sk), DUET_STAT_SOCKETS_ACTIVE);
}

struct duet_sock *duet_sock_alloc(struct net *net, struct socket *sock,
				  int kern)
{
	struct duet_sock *dsk;
	struct sock *sk;
	unsigned int i;

	sk = sk_alloc(net, duet_family_nr, GFP_KERNEL, &duet_proto, kern);
	if (!sk)
		return NULL;
	sock_init_data(sock, sk);
	sk->sk_type = SOCK_STREAM;
	sk->sk_destruct = duet_sk_destruct;

	dsk = duet_sk(sk);
	mutex_init(&dsk->rx_lock);
	mutex_init(&dsk->tx_lock);
	INIT_WORK(&dsk->work, duet_work);
	INIT_WORK(&dsk->tx_work, duet_tx_work);
	INIT_WORK(&dsk->free_work, duet_child_free_work);
	timer_setup(&dsk->hs_timer, duet_hs_timer, 0);
	timer_setup(&dsk->tx_timer, duet_tx_timer, 0);
	INIT_LIST_HEAD(&dsk->sess_node);
	spin_lock_init(&dsk->acc_lock);
	INIT_LIST_HEAD(&dsk->acc_pending);
	INIT_LIST_HEAD(&dsk->acc_ready);
	INIT_LIST_HEAD(&dsk->acc_node);
	for (i = 0; i < duet_n_suites; i++)
		dsk->suites[i] = duet_suites[i].id;
	dsk->n_suites = duet_n_suites;
	dsk->hs_timeout_ms = DUET_HS_TIMEOUT_MS;

	duet_stat_inc(net, DUET_STAT_SOCKETS_CREATED);
	duet_stat_inc(net, DUET_STAT_SOCKETS_ACTIVE);
	return dsk;
}

/*
 * A socket nothing else has seen (a child whose handshake could not
 * start): no lock, no timer, no work, no TCP socket to stop, only what
 * duet_hs_start() allocated to free. The listener's lock is held here, and
 * taking the child's under it would nest two AF_DUET socket locks.
 */
void duet_sock_discard(struct duet_sock *dsk)
{
	duet_hs_free(dsk->hs);
	dsk->hs = NULL;
	kfree_sensitive(dsk->rx_buf);
	kfree_sensitive(dsk->tx_buf);
	dsk->rx_buf = NULL;
	dsk->tx_buf = NULL;
	sock_put(&dsk->sk);
}

/*
 * Stop everything that could still reach dsk (TCP callbacks, timer, work),
 * say goodbye to the peer if we still can, and free every secret. The
 * caller drops the last reference. Never called from dsk's own work.
 */
void duet_sock_teardown(struct duet_sock *dsk)
{
	struct sock *sk = &dsk->sk;
	bool abort = sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime;

	/*
	 * From here the work does nothing but drop its reference, whoever
	 * queues it (a late helper answer may): a handshake step now could
	 * put us back on the session list or start the M3 clock.
	 */
	lock_sock(sk);
	dsk->dying = true;
	release_sock(sk);
	duet_session_del(dsk);
	duet_sa_closed(dsk);
	duet_tcp_detach(dsk);
	del_timer_sync(&dsk->hs_timer);
	if (cancel_work_sync(&dsk->work))
		sock_put(sk);		/* the reference it was queued with */
	del_timer_sync(&dsk->tx_timer);
	if (cancel_work_sync(&dsk->tx_work))
		sock_put(sk);
	if (dsk->state == DUET_STATE_LISTEN)
		duet_listener_close(dsk);

	lock_sock(sk);
	if (dsk->state == DUET_STATE_ESTABLISHED && !abort) {
		sk->sk_sndtimeo = min_t(long, sk->sk_sndtimeo, 5 * HZ);
		duet_send_close(dsk);
	}
	/*
	 * A broken session: what the peer still sent us is discarded first,
	 * so TCP closes with a FIN after our alert, not a reset that would
	 * throw the alert away. Bounded: 1 MiB.
	 */
	if (dsk->tcp && dsk->fatal && !abort && dsk->rx_buf) {
		int n, left = 1 << 20;

		while (left > 0 && (n = duet_tcp_recv(dsk, dsk->rx_buf,
						      DUET_MAX_FRAGMENT, MSG_DONTWAIT)) > 0)
			left -= n;
	}
	if (dsk->tcp && abort) {
		sock_set_flag(dsk->tcp->sk, SOCK_LINGER);
		dsk->tcp->sk->sk_lingertime = 0;	/* close with a reset */
	}
	duet_tcp_release(dsk);
	duet_flood_hs_end(dsk);
	duet_hs_free(dsk->hs);
	dsk->hs = NULL;
	kfree_sensitive(dsk->early);
	dsk->early = NULL;
	memzero_explicit(dsk->m3_fin, sizeof(dsk->m3_fin));
	duet_keys_free(&dsk->rx);
	duet_keys_free(&dsk->tx);
	kfree_sensitive(dsk->rx_buf);
	kfree_sensitive(dsk->tx_buf);
	dsk->rx_buf = NULL;
	dsk->tx_buf = NULL;
	dsk->state = DUET_STATE_CLOSED;
	release_sock(sk);
}

static int duet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	duet_sock_teardown(duet_sk(sk));
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static int duet_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct duet_sock *dsk = duet_sk(sock->sk);
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;
	int ret;

	lock_sock(&dsk->sk);
	if (dsk->tcp) {
		ret = dsk->tcp->ops->getname(dsk->tcp, addr, peer);
	} else if (peer) {
		ret = -ENOTCONN;
	} else {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		ret = sizeof(*sin);
	}
	release_sock(&dsk->sk);
	return ret;
}

static int duet_set_suites(struct duet_sock *dsk, sockptr_t optval,
			   unsigned int optlen)
{
	u16 suites[DUET_MAX_SUITES];
	unsigned int i, n = optlen / sizeof(u16);

	if (!n || optlen % sizeof(u16) || optlen > sizeof(suites))
		return -EINVAL;
	if (copy_from_sockptr(suites, optval, optlen))
		return -EFAULT;
	for (i = 0; i < n; i++)
		if (!duet_suite_find(suites[i]))
			return -EINVAL;
	memcpy(dsk->suites, suites, optlen);
	dsk->n_suites = n;
	return 0;
}

static int duet_setsockopt_locked(struct duet_sock *dsk, int optname,
				  sockptr_t optval, unsigned int optlen)
{
	bool fresh = dsk->state == DUET_STATE_CLOSED && !dsk->hs_used;
	int val = 0;

	if (optname == DUET_PSK_ID || optname == DUET_SUITES ||
	    optname == DUET_PEER_ID || optname == DUET_SA_ID) {
		if (!fresh && dsk->state != DUET_STATE_LISTEN)
			return -EISCONN;
		if (optname == DUET_SA_ID) {
			if (optlen != DUET_SA_ID_LEN)
				return -EINVAL;
			if (copy_from_sockptr(dsk->sa_id, optval, optlen))
				return -EFAULT;
			dsk->sa_set = true;
			return 0;
		}
		if (optname == DUET_SUITES)
			return duet_set_suites(dsk, optval, optlen);
		if (optname == DUET_PEER_ID) {
			if (optlen != DUET_ID_LEN)
				return -EINVAL;
			if (copy_from_sockptr(dsk->peer_id, optval, optlen))
				return -EFAULT;
			dsk->peer_id_set = true;
			return 0;
		}
		if (!optlen || optlen > sizeof(dsk->psk_id))
			return -EINVAL;
		if (copy_from_sockptr(dsk->psk_id, optval, optlen))
			return -EFAULT;
		dsk->psk_id_len = optlen;
		return 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	switch (optname) {
	case DUET_ACCEPT_FAILURES:
		dsk->accept_failures = !!val;
		return 0;
	case DUET_HANDSHAKE_TIMEOUT:
		if (val <= 0 || val > DUET_HS_TIMEOUT_MAX_MS)
			return -EINVAL;
		dsk->hs_timeout_ms = val;
		return 0;
	case DUET_RESUME:
		dsk->no_resume = !val;
		return 0;
	case DUET_LINK:
		return duet_sa_link(dsk, val);
	default:
		return -ENOPROTOOPT;
	}
}

static int duet_key_update_opt(struct duet_sock *dsk, sockptr_t optval,
			       unsigned int optlen)
{
	int val, err;

	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	if (READ_ONCE(dsk->state) != DUET_STATE_ESTABLISHED)
		return -ENOTCONN;
	if (mutex_lock_interruptible(&dsk->tx_lock))
		return -ERESTARTSYS;
	err = duet_key_update(dsk, val);
	mutex_unlock(&dsk->tx_lock);
	return err;
}

static int duet_setsockopt(struct socket *sock, int level, int optname,
			   sockptr_t optval, unsigned int optlen)
{
	struct duet_sock *dsk = duet_sk(sock->sk);
	int err;

	if (level == SOL_DUET && optname == DUET_KEY_UPDATE)
		return duet_key_update_opt(dsk, optval, optlen);
	lock_sock(&dsk->sk);
	if (level == SOL_DUET)
		err = duet_setsockopt_locked(dsk, optname, optval, optlen);
	else if (dsk->tcp)	/* SOL_TCP, SOL_IP, SOL_IPV6: the TCP socket's */
		err = dsk->tcp->ops->setsockopt(dsk->tcp, level, optname,
						optval, optlen);
	else
		err = -ENOTCONN;
	release_sock(&dsk->sk);
	return err;
}

static void duet_fill_info(struct duet_sock *dsk, struct duet_info *info)
{
	memset(info, 0, sizeof(*info));
	info->state = dsk->state;
	info->suite = dsk->suite ? dsk->suite->id : 0;
	info->auth = dsk->auth;
	info->resumed = dsk->resumed;
	info->early = dsk->early_state;
	if (dsk->auth == DUET_AUTH_PSK) {
		info->psk_id_len = dsk->psk_id_len;
		memcpy(info->psk_id, dsk->psk_id, dsk->psk_id_len);
	} else if (dsk->auth == DUET_AUTH_CERT || dsk->auth == DUET_AUTH_BROKER) {
		memcpy(info->peer_id, dsk->peer_id, DUET_ID_LEN);
	}
	info->tx_key_gen = dsk->tx.gen;
	info->rx_key_gen = dsk->rx.gen;
	info->tx_records = dsk->tx_records;
	info->rx_records = dsk->rx_records;
	info->tx_bytes = dsk->tx_bytes;
	info->rx_bytes = dsk->rx_bytes;
}

static int duet_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct duet_sock *dsk = duet_sk(sock->sk);
	union {
		struct duet_info info;
		u16 suites[DUET_MAX_SUITES];
		u8 id[DUET_ID_LEN];
		u8 sa_id[DUET_SA_ID_LEN];
		int val;
	} u;
	int len, size, err = 0;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	lock_sock(&dsk->sk);
	if (level != SOL_DUET) {
		err = dsk->tcp ? dsk->tcp->ops->getsockopt(dsk->tcp, level, optname,
							   optval, optlen) : -ENOTCONN;
		goto out;
	}
	switch (optname) {
	case DUET_INFO:
		duet_fill_info(dsk, &u.info);
		size = sizeof(u.info);
		break;
	case DUET_SUITES:
		memcpy(u.suites, dsk->suites, sizeof(u.suites));
		size = dsk->n_suites * sizeof(u16);
		break;
	case DUET_PEER_ID:
		if (!dsk->peer_id_set && dsk->auth != DUET_AUTH_CERT) {
			err = -ENOENT;
			goto out;
		}
		memcpy(u.id, dsk->peer_id, DUET_ID_LEN);
		size = DUET_ID_LEN;
		break;
	case DUET_ACCEPT_FAILURES:
		u.val = dsk->accept_failures;
		size = sizeof(int);
		break;
	case DUET_SA_ID:
		if (!dsk->sa_set && dsk->auth != DUET_AUTH_BROKER) {
			err = -ENOENT;
			goto out;
		}
		memcpy(u.sa_id, dsk->sa_id, DUET_SA_ID_LEN);
		size = DUET_SA_ID_LEN;
		break;
	case DUET_RESUME:
		u.val = !dsk->no_resume;
		size = sizeof(int);
		break;
	case DUET_HANDSHAKE_TIMEOUT:
		u.val = dsk->hs_timeout_ms;
		size = sizeof(int);
		break;
	default:
		err = -ENOPROTOOPT;
		goto out;
	}
	len = min(len, size);
	if (copy_to_user(optval, &u, len) || put_user(len, optlen))
		err = -EFAULT;
out:
	release_sock(&dsk->sk);
	return err;
}

static struct proto_ops duet_stream_ops __ro_after_init = {
	.owner = THIS_MODULE,
	.release = duet_release,
	.bind = duet_bind,
	.connect = duet_connect,
	.socketpair = sock_no_socketpair,
	.accept = duet_accept,
	.getname = duet_getname,
	.poll = duet_poll,
	.listen = duet_listen,
	.shutdown = duet_shutdown,
	.setsockopt = duet_setsockopt,
	.getsockopt = duet_getsockopt,
	.sendmsg = duet_sendmsg,
	.recvmsg = duet_recvmsg,
	.mmap = sock_no_mmap,
	.sendpage = sock_no_sendpage,
};

static int duet_create(struct net *net, struct socket *sock, int protocol,
		       int kern)
{
	if (sock->type != SOCK_STREAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != DUET_PROTO_STREAM)
		return -EPROTONOSUPPORT;

	sock->ops = &duet_stream_ops;
	sock->state = SS_UNCONNECTED;
	return duet_sock_alloc(net, sock, kern) ? 0 : -ENOMEM;
}

static struct net_proto_family duet_family_ops __ro_after_init = {
	.create = duet_create,
	.owner = THIS_MODULE,
};

int __init duet_af_init(void)
{
	int err;

	if (duet_family_nr <= AF_UNSPEC || duet_family_nr >= NPROTO) {
		pr_err("family=%d is out of range (1..%d)\n",
		       duet_family_nr, NPROTO - 1);
		return -EINVAL;
	}
	duet_family_ops.family = duet_family_nr;
	duet_stream_ops.family = duet_family_nr;

	duet_wq = alloc_workqueue("duet", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!duet_wq)
		return -ENOMEM;
	err = proto_register(&duet_proto, 0);
	if (err)
		goto err_destroy_wq;
	err = sock_register(&duet_family_ops);
	if (err) {
		if (err == -EEXIST)
			pr_err("address family %d is taken: load with family=N\n",
			       duet_family_nr);
		goto err_unregister_proto;
	}
	return 0;

err_unregister_proto:
	proto_unregister(&duet_proto);
err_destroy_wq:
	destroy_workqueue(duet_wq);
	return err;
}

void duet_af_exit(void)
{
	sock_unregister(duet_family_nr);
	proto_unregister(&duet_proto);
	destroy_workqueue(duet_wq);
}
