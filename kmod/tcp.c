// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP socket under each AF_DUET socket: created and owned by us, its
 * callbacks pointed at us so its events drive the handshake work and wake
 * our own waiters (after TCP's own callbacks, which wake our blocking
 * reads and writes on it). Our pointer in its sk_user_data is marked no-copy: a
 * child TCP socket cloned from a listener must not inherit it.
 */

#include <linux/net.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "sock.h"

/* Queue work on dsk, holding a reference until the work has run. */
void duet_queue_work(struct duet_sock *dsk, struct work_struct *work)
{
	sock_hold(&dsk->sk);
	if (!queue_work(duet_wq, work))
		sock_put(&dsk->sk);
}

static struct duet_sock *duet_tcp_owner(struct sock *tsk)
{
	return __locked_read_sk_user_data_with_flags(tsk, 0);
}

static void duet_tcp_data_ready(struct sock *tsk)
{
	struct duet_sock *dsk;

	read_lock_bh(&tsk->sk_callback_lock);
	dsk = duet_tcp_owner(tsk);
	if (dsk) {
		dsk->tcp_data_ready(tsk);	/* our own blocking reads wait there */
		if (READ_ONCE(dsk->state) != DUET_STATE_ESTABLISHED)
			duet_queue_work(dsk, &dsk->work);
		dsk->sk.sk_data_ready(&dsk->sk);
	}
	read_unlock_bh(&tsk->sk_callback_lock);
}

static void duet_tcp_write_space(struct sock *tsk)
{
	struct duet_sock *dsk;

	read_lock_bh(&tsk->sk_callback_lock);
	dsk = duet_tcp_owner(tsk);
	if (dsk) {
		dsk->tcp_write_space(tsk);
		if (READ_ONCE(dsk->tx_off) < READ_ONCE(dsk->tx_len))
			duet_queue_work(dsk, &dsk->tx_work);
		dsk->sk.sk_write_space(&dsk->sk);
	}
	read_unlock_bh(&tsk->sk_callback_lock);
}

static void duet_tcp_state_change(struct sock *tsk)
{
	struct duet_sock *dsk;

	read_lock_bh(&tsk->sk_callback_lock);
	dsk = duet_tcp_owner(tsk);
	if (dsk) {
		dsk->tcp_state_change(tsk);
		if (READ_ONCE(dsk->state) != DUET_STATE_ESTABLISHED)
			duet_queue_work(dsk, &dsk->work);
		dsk->sk.sk_state_change(&dsk->sk);
	}
	read_unlock_bh(&tsk->sk_callback_lock);
}

/*
 * Point the TCP socket's callbacks at us. A child accepted from our
 * listener carries our callbacks already (cloned): its originals are the
 * ones the caller copied from the listener.
 */
void duet_tcp_attach(struct duet_sock *dsk)
{
	struct sock *tsk = dsk->tcp->sk;

	write_lock_bh(&tsk->sk_callback_lock);
	if (tsk->sk_data_ready != duet_tcp_data_ready) {
		dsk->tcp_data_ready = tsk->sk_data_ready;
		dsk->tcp_write_space = tsk->sk_write_space;
		dsk->tcp_state_change = tsk->sk_state_change;
	}
	__rcu_assign_sk_user_data_with_flags(tsk, dsk, SK_USER_DATA_NOCOPY);
	tsk->sk_data_ready = duet_tcp_data_ready;
	tsk->sk_write_space = duet_tcp_write_space;
	tsk->sk_state_change = duet_tcp_state_change;
	write_unlock_bh(&tsk->sk_callback_lock);
}

/* After this no callback of the TCP socket reaches dsk. */
void duet_tcp_detach(struct duet_sock *dsk)
{
	struct sock *tsk;

	if (!dsk->tcp)
		return;
	tsk = dsk->tcp->sk;
	write_lock_bh(&tsk->sk_callback_lock);
	if (duet_tcp_owner(tsk) == dsk) {
		rcu_assign_sk_user_data(tsk, NULL);
		tsk->sk_data_ready = dsk->tcp_data_ready;
		tsk->sk_write_space = dsk->tcp_write_space;
		tsk->sk_state_change = dsk->tcp_state_change;
	}
	write_unlock_bh(&tsk->sk_callback_lock);
}

int duet_tcp_create(struct duet_sock *dsk, int family)
{
	int err;

	err = sock_create_kern(sock_net(&dsk->sk), family, SOCK_STREAM,
			       IPPROTO_TCP, &dsk->tcp);
	if (err)
		return err;
	dsk->tcp->sk->sk_allocation = GFP_KERNEL;
	duet_tcp_attach(dsk);
	return 0;
}

void duet_tcp_release(struct duet_sock *dsk)
{
	if (!dsk->tcp)
		return;
	duet_tcp_detach(dsk);
	sock_release(dsk->tcp);
	dsk->tcp = NULL;
}

/*
 * Hand len bytes to TCP. Blocks as our socket's send timeout says unless
 * flags has MSG_DONTWAIT. Returns the bytes taken (maybe fewer when
 * interrupted or out of time) or an error when none were.
 */
int duet_tcp_send(struct duet_sock *dsk, const void *buf, size_t len,
		  int flags)
{
	struct msghdr msg = { .msg_flags = flags | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	int n;

	if (!dsk->tcp)
		return -ENOTCONN;
	dsk->tcp->sk->sk_sndtimeo = READ_ONCE(dsk->sk.sk_sndtimeo);
	n = kernel_sendmsg(dsk->tcp, &msg, &iov, 1, len);
	return n;
}

/* One read of at most len bytes; 0 is end of stream. */
int duet_tcp_recv(struct duet_sock *dsk, void *buf, size_t len, int flags)
{
	struct msghdr msg = { .msg_flags = flags };
	struct kvec iov = { .iov_base = buf, .iov_len = len };

	if (!dsk->tcp)
		return -ENOTCONN;
	dsk->tcp->sk->sk_rcvtimeo = READ_ONCE(dsk->sk.sk_rcvtimeo);
	return kernel_recvmsg(dsk->tcp, &msg, &iov, 1, len, flags);
}
