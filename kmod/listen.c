// SPDX-License-Identifier: GPL-2.0
/*
 * bind(), listen(), accept(). The listener's work takes each new TCP
 * connection as a child AF_DUET socket and runs its handshake on its own
 * work item, so a slow or hostile client never holds up the others.
 * accept() returns children whose handshake completed (and, with
 * DUET_ACCEPT_FAILURES, one errno per failed handshake).
 *
 * A child belongs to its listener's lists (acc_lock) until accept() takes
 * it, its failure is discarded, or the listener closes; whoever removes it
 * under acc_lock owns its teardown. It holds a reference on the listener
 * while listed.
 */

#include <net/sock.h>

#include "netns.h"
#include "sock.h"

int duet_bind(struct socket *sock, struct sockaddr *addr, int len)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	int err;

	err = duet_addr_check(addr, len);
	if (err)
		return err;
	lock_sock(sk);
	if (dsk->tcp || dsk->state != DUET_STATE_CLOSED) {
		err = -EINVAL;
		goto out;
	}
	err = duet_tcp_create(dsk, addr->sa_family);
	if (err)
		goto out;
	if (sk->sk_reuse)
		sock_set_reuseaddr(dsk->tcp->sk);
	if (sk->sk_reuseport)
		sock_set_reuseport(dsk->tcp->sk);
	err = kernel_bind(dsk->tcp, addr, len);
	if (err)
		duet_tcp_release(dsk);
out:
	release_sock(sk);
	return err;
}

int duet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	int err = 0;

	lock_sock(sk);
	if (dsk->state != DUET_STATE_CLOSED && dsk->state != DUET_STATE_LISTEN) {
		err = -EINVAL;
		goto out;
	}
	if (dsk->hs_used) {
		err = -EINVAL;
		goto out;
	}
	if (!dsk->tcp)
		err = duet_tcp_create(dsk, AF_INET);
	if (!err)
		err = kernel_listen(dsk->tcp, backlog);
	if (err)
		goto out;
	WRITE_ONCE(sk->sk_max_ack_backlog, max(backlog, 1));
	dsk->state = DUET_STATE_LISTEN;
out:
	release_sock(sk);
	return err;
}

static struct duet_sock *duet_child_new(struct duet_sock *lsk,
					struct socket *tcp)
{
	struct duet_sock *child;

	child = duet_sock_alloc(sock_net(&lsk->sk), NULL, 0);
	if (!child)
		return NULL;
	memcpy(child->suites, lsk->suites, sizeof(child->suites));
	child->n_suites = lsk->n_suites;
	child->hs_timeout_ms = lsk->hs_timeout_ms;
	child->role = DUET_RESPONDER;
	if (duet_hs_start(child)) {
		duet_sock_discard(child);
		return NULL;
	}
	child->tcp = tcp;
	child->tcp_data_ready = lsk->tcp_data_ready;
	child->tcp_write_space = lsk->tcp_write_space;
	child->tcp_state_change = lsk->tcp_state_change;
	child->listener = lsk;
	sock_hold(&lsk->sk);
	spin_lock_bh(&lsk->acc_lock);
	list_add_tail(&child->acc_node, &lsk->acc_pending);
	lsk->acc_n++;
	spin_unlock_bh(&lsk->acc_lock);
	duet_tcp_attach(child);
	duet_queue_work(child, &child->work);	/* M1 may be in already */
	return child;
}

/* Listener work, lock held: take every new TCP connection. */
void duet_listener_accept_tcp(struct duet_sock *lsk)
{
	struct net *net = sock_net(&lsk->sk);
	struct socket *tcp;
	bool full;

	while (kernel_accept(lsk->tcp, &tcp, O_NONBLOCK) == 0) {
		spin_lock_bh(&lsk->acc_lock);
		full = lsk->acc_n >= READ_ONCE(lsk->sk.sk_max_ack_backlog);
		spin_unlock_bh(&lsk->acc_lock);
		if (full) {
			duet_stat_inc(net, DUET_STAT_HANDSHAKES_DROPPED);
			sock_release(tcp);
			continue;
		}
		if (!duet_child_new(lsk, tcp)) {
			duet_stat_inc(net, DUET_STAT_FAIL_OTHER);
			sock_release(tcp);
		}
	}
}

void duet_child_free_work(struct work_struct *work)
{
	struct duet_sock *child = container_of(work, struct duet_sock, free_work);

	duet_sock_teardown(child);
	sock_put(&child->sk);
}

/*
 * The child's handshake ended (its work, lock not held): queue or drop it.
 * lsk is the listener the work saw: while the child is on acc_pending its
 * reference holds, and the listener's close waits for this work.
 */
void duet_child_done(struct duet_sock *child, struct duet_sock *lsk)
{
	bool ok = child->state == DUET_STATE_ESTABLISHED;

	spin_lock_bh(&lsk->acc_lock);
	if (lsk->acc_closing) {
		spin_unlock_bh(&lsk->acc_lock);	/* the listener's close has it */
		return;
	}
	if (ok || lsk->accept_failures) {
		child->acc_err = ok ? 0 : child->fatal;
		list_move_tail(&child->acc_node, &lsk->acc_ready);
		/*
		 * Once the lock is dropped, accept() may take the child and
		 * drop its reference, and the listener close: our own one
		 * keeps it for the wake-up.
		 */
		sock_hold(&lsk->sk);
		spin_unlock_bh(&lsk->acc_lock);
		lsk->sk.sk_data_ready(&lsk->sk);
		sock_put(&lsk->sk);
		return;
	}
	list_del_init(&child->acc_node);
	lsk->acc_n--;
	WRITE_ONCE(child->listener, NULL);
	spin_unlock_bh(&lsk->acc_lock);
	sock_put(&lsk->sk);
	queue_work(duet_wq, &child->free_work);	/* takes the child's own ref */
}

static struct duet_sock *duet_accept_pop(struct duet_sock *lsk)
{
	struct duet_sock *child;

	spin_lock_bh(&lsk->acc_lock);
	child = list_first_entry_or_null(&lsk->acc_ready, struct duet_sock,
					 acc_node);
	if (child) {
		list_del_init(&child->acc_node);
		lsk->acc_n--;
		WRITE_ONCE(child->listener, NULL);
	}
	spin_unlock_bh(&lsk->acc_lock);
	return child;
}

static int duet_accept_wait(struct duet_sock *lsk, long timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = &lsk->sk;
	int err = 0;

	add_wait_queue(sk_sleep(sk), &wait);
	while (list_empty_careful(&lsk->acc_ready)) {
		if (!timeo) {
			err = -EAGAIN;
			break;
		}
		release_sock(sk);
		timeo = wait_woken(&wait, TASK_INTERRUPTIBLE, timeo);
		lock_sock(sk);
		if (signal_pending(current)) {
			err = sock_intr_errno(timeo);
			break;
		}
		if (lsk->state != DUET_STATE_LISTEN) {
			err = -EINVAL;
			break;
		}
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return err;
}

/* A child popped for accept(): its failure reported, or grafted on newsock. */
static int duet_accept_child(struct duet_sock *child, struct socket *newsock)
{
	int err = child->acc_err;

	if (err) {
		duet_sock_teardown(child);
		sock_put(&child->sk);
		return -err;
	}
	lock_sock(&child->sk);
	sock_graft(&child->sk, newsock);
	newsock->state = SS_CONNECTED;
	release_sock(&child->sk);
	return 0;
}

/*
 * The listener's lock is released before the child's is taken: both are
 * AF_DUET socket locks, and nothing needs them held together.
 */
int duet_accept(struct socket *sock, struct socket *newsock, int flags,
		bool kern)
{
	struct sock *sk = sock->sk;
	struct duet_sock *lsk = duet_sk(sk), *child;
	int err;

	lock_sock(sk);
	if (lsk->state != DUET_STATE_LISTEN) {
		err = -EINVAL;
		goto out;
	}
	err = duet_accept_wait(lsk, sock_rcvtimeo(sk, flags & O_NONBLOCK));
	if (err)
		goto out;
	child = duet_accept_pop(lsk);
	release_sock(sk);
	if (WARN_ON_ONCE(!child))
		return -EAGAIN;
	sock_put(sk);	/* the child's reference on us */
	return duet_accept_child(child, newsock);
out:
	release_sock(sk);
	return err;
}

/* The listener is going: tear down every child still in its lists. */
void duet_listener_close(struct duet_sock *lsk)
{
	struct duet_sock *child, *tmp;
	LIST_HEAD(children);

	spin_lock_bh(&lsk->acc_lock);
	lsk->acc_closing = true;
	list_splice_init(&lsk->acc_pending, &children);
	list_splice_init(&lsk->acc_ready, &children);
	lsk->acc_n = 0;
	spin_unlock_bh(&lsk->acc_lock);

	list_for_each_entry_safe(child, tmp, &children, acc_node) {
		list_del_init(&child->acc_node);
		WRITE_ONCE(child->listener, NULL);
		duet_sock_teardown(child);
		sock_put(&lsk->sk);
		sock_put(&child->sk);
	}
}
