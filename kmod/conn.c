// SPDX-License-Identifier: GPL-2.0
/*
 * connect() and the handshake driver. The handshake runs in the socket's
 * work item, one non-blocking step at a time, whenever the TCP socket
 * underneath has news (connected, data, closed) or the handshake timer
 * fires. connect() starts it and, unless non-blocking, waits for the
 * state to leave DUET_STATE_HANDSHAKE.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <net/ipv6.h>
#include <net/tcp_states.h>

#include "fault.h"
#include "flood.h"
#include "handshake.h"
#include "netns.h"
#include "session.h"
#include "sock.h"

enum duet_hs_step {
	DUET_HS_SEND_M1,	/* initiator: TCP connecting */
	DUET_HS_WAIT_M2,
	DUET_HS_CHECK_M2,	/* M2 in, the helper's answers awaited */
	DUET_HS_WAIT_M1,	/* responder */
	DUET_HS_MAKE_M2,	/* M1 in, the helper's answers awaited */
	DUET_HS_WAIT_EARLY,	/* resumed: the EARLY record after M1 */
	DUET_HS_WAIT_M3,
};

static void duet_hs_count_failure(struct net *net, int err)
{
	enum duet_stat stat;

	switch (-err) {
	case EPROTO:
	case EPROTONOSUPPORT:
	case ENOPROTOOPT:
		stat = DUET_STAT_FAIL_PROTO;
		break;
	case ESTALE:
		stat = DUET_STAT_FAIL_STALE;
		break;
	case ENOKEY:
		stat = DUET_STAT_FAIL_UNKNOWN_KEY;
		break;
	case EKEYREJECTED:
		stat = DUET_STAT_FAIL_KEY_REJECTED;
		break;
	case EKEYEXPIRED:
		stat = DUET_STAT_FAIL_EXPIRED;
		break;
	case EKEYREVOKED:
		stat = DUET_STAT_FAIL_REVOKED;
		break;
	case ETIMEDOUT:
		stat = DUET_STAT_FAIL_TIMEOUT;
		break;
	case EBUSY:
		stat = DUET_STAT_RATE_LIMITED;
		break;
	default:
		stat = DUET_STAT_FAIL_OTHER;
	}
	duet_stat_inc(net, stat);
}

/* What the application sees: the peer's refusals as the errno they mean. */
static int duet_hs_app_errno(int err)
{
	switch (-err) {
	case ESTALE:
	case EPROTONOSUPPORT:
	case ENOPROTOOPT:
		return EPROTO;
	default:
		return -err;
	}
}

/* Allocate what a handshake needs and start its clock. */
int duet_hs_start(struct duet_sock *dsk)
{
	dsk->hs = duet_hs_alloc();
	dsk->rx_buf = kmalloc(DUET_REC_HDR_LEN + DUET_MAX_FRAGMENT, GFP_KERNEL);
	/* room for M3 and, after it, early data sent again */
	dsk->tx_buf = kmalloc(DUET_HS_BUF + DUET_REC_HDR_LEN + DUET_MAX_FRAGMENT,
			      GFP_KERNEL);
	if (!dsk->hs || !dsk->rx_buf || !dsk->tx_buf)
		return -ENOMEM;
	dsk->hs->step = dsk->role == DUET_INITIATOR ? DUET_HS_SEND_M1 :
						      DUET_HS_WAIT_M1;
	dsk->state = DUET_STATE_HANDSHAKE;
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_HANDSHAKES_STARTED);
	mod_timer(&dsk->hs_timer, jiffies + msecs_to_jiffies(dsk->hs_timeout_ms));
	return 0;
}

void duet_hs_timer(struct timer_list *t)
{
	struct duet_sock *dsk = from_timer(dsk, t, hs_timer);

	WRITE_ONCE(dsk->hs_expired, true);
	duet_queue_work(dsk, &dsk->work);
}

/* Send one record whole, without waiting. */
static int duet_hs_send_rec(struct duet_sock *dsk, const u8 *rec,
			    unsigned int len, int flags)
{
	int n = duet_tcp_send(dsk, rec, len, MSG_DONTWAIT | flags);

	if (n < 0)
		return n;
	/*
	 * A few hundred bytes on a fresh connection always fit; so does
	 * early data, which is only sent when there is room for it.
	 */
	return n == len ? 0 : -EIO;
}

/* Send one handshake message, already encoded after a record header. */
static int duet_hs_send(struct duet_sock *dsk, u8 *rec, const struct duet_wbuf *b)
{
	duet_rec_hdr_encode(rec, DUET_REC_HANDSHAKE, b->len);
	return duet_hs_send_rec(dsk, rec, DUET_REC_HDR_LEN + b->len, 0);
}

/* M1, and the EARLY record in the same flight when it goes too. */
static int duet_hs_send_m1(struct duet_sock *dsk, u8 *rec, const struct duet_wbuf *b)
{
	unsigned int len;
	u8 *early;
	int err;

	if (!dsk->hs->early_sent)
		return duet_hs_send(dsk, rec, b);
	err = duet_resume_early_record(dsk, &early, &len);
	if (err)
		return err;
	duet_rec_hdr_encode(rec, DUET_REC_HANDSHAKE, b->len);
	err = duet_hs_send_rec(dsk, rec, DUET_REC_HDR_LEN + b->len, MSG_MORE) ?:
	      duet_hs_send_rec(dsk, early, len, 0);
	kfree_sensitive(early);
	return err;
}

/*
 * The next handshake message, when it has arrived whole: 1 and msg/len
 * set; 0 when more must arrive; < 0 on failure, *alerted when the peer
 * said why in an alert (no alert goes back then).
 */
static int duet_hs_read(struct duet_sock *dsk, u8 want, const u8 **msg,
			unsigned int *len, bool *alerted)
{
	u8 type;
	u16 flen;
	int err;

	err = duet_rx_fill(dsk, MSG_DONTWAIT);
	if (err == -EAGAIN)
		return 0;
	if (err == 0)
		return -ECONNRESET;	/* closed before the handshake ended */
	if (err < 0)
		return err;
	duet_rec_hdr_decode(dsk->rx_buf, &type, &flen);
	dsk->rx_have = 0;	/* the message stays in rx_buf until the next read */
	if (type == DUET_REC_ALERT && flen == DUET_ALERT_LEN) {
		*alerted = true;
		return -duet_alert_errno(dsk->rx_buf[DUET_REC_HDR_LEN]);
	}
	if (type != want)
		return -EPROTO;
	*msg = dsk->rx_buf + DUET_REC_HDR_LEN;
	*len = flen;
	return 1;
}

static int duet_hs_initiator(struct duet_sock *dsk, u8 *rec, bool *alerted)
{
	struct duet_wbuf b = { .data = rec + DUET_REC_HDR_LEN,
			       .cap = DUET_HS_BUF - DUET_REC_HDR_LEN };
	struct sock *tsk = dsk->tcp->sk;
	struct duet_hs *hs = dsk->hs;
	const u8 *msg;
	unsigned int len;
	int err;

again:
	if (hs->step == DUET_HS_SEND_M1) {
		if (tsk->sk_state != TCP_ESTABLISHED)
			return tsk->sk_state == TCP_CLOSE ? -ECONNREFUSED : 0;
		err = duet_hs_client_hello(dsk, &b) ?: duet_hs_send_m1(dsk, rec, &b);
		if (err)
			return err;
		hs->step = DUET_HS_WAIT_M2;
		b.len = 0;
	}
	if (hs->step == DUET_HS_WAIT_M2) {
		err = duet_hs_read(dsk, DUET_REC_HANDSHAKE, &msg, &len, alerted);
		if (err <= 0)
			return err;
		if (msg[0] == DUET_MSG_RETRY || msg[0] == DUET_MSG_COOKIE) {
			err = duet_hs_client_again(dsk, msg, len);
			if (err)
				return err;
			hs->step = DUET_HS_SEND_M1;
			goto again;
		}
		hs->step = DUET_HS_CHECK_M2;
		err = duet_hs_client_reply(dsk, msg, len, &b);
	} else {
		err = duet_cert_continue(dsk, &b);
	}
	if (err == -EINPROGRESS)
		return 0;	/* the helper's answer queues us again */
	if (err)
		return err;
	duet_rec_hdr_encode(rec, DUET_REC_HANDSHAKE, b.len);
	return duet_hold_m3(dsk, rec, DUET_REC_HDR_LEN + b.len) ?: 1;
}

static int duet_hs_responder(struct duet_sock *dsk, u8 *rec, bool *alerted)
{
	struct duet_wbuf b = { .data = rec + DUET_REC_HDR_LEN,
			       .cap = DUET_HS_BUF - DUET_REC_HDR_LEN };
	struct duet_hs *hs = dsk->hs;
	const u8 *msg;
	unsigned int len;
	int err = 0;

again:
	if (hs->step == DUET_HS_WAIT_M1) {
		if (hs->skip_early) {	/* the EARLY record of a refused ticket */
			err = duet_hs_read(dsk, DUET_REC_EARLY, &msg, &len, alerted);
			if (err <= 0)
				return err;
			hs->skip_early = false;
			duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_EARLY_REJECTED);
		}
		err = duet_hs_read(dsk, DUET_REC_HANDSHAKE, &msg, &len, alerted);
		if (err <= 0)
			return err;
		hs->step = DUET_HS_MAKE_M2;
		err = duet_hs_server_hello(dsk, msg, len, &b);
	} else if (hs->step == DUET_HS_MAKE_M2) {
		err = duet_cert_continue(dsk, NULL);
	}
	if (hs->step == DUET_HS_MAKE_M2) {
		if (err == -EINPROGRESS)
			return 0;
		if (!err && hs->out_rec)
			err = duet_hs_send(dsk, hs->out_rec, &hs->out);
		else if (!err)
			err = duet_hs_send(dsk, rec, &b);
		if (err)
			return err;
		if (hs->tk_refused || hs->cookie_asked) {
			/* RETRY sent: a full M1 next; COOKIE: M1 with it */
			if (hs->tk_refused)
				duet_resume_server_reset(dsk);
			hs->cookie_asked = false;
			hs->step = DUET_HS_WAIT_M1;
			b.len = 0;
			goto again;
		}
		hs->step = hs->early_sent ? DUET_HS_WAIT_EARLY : DUET_HS_WAIT_M3;
	}
	if (hs->step == DUET_HS_WAIT_EARLY) {
		err = duet_hs_read(dsk, DUET_REC_EARLY, &msg, &len, alerted);
		if (err <= 0)
			return err;
		hs->step = DUET_HS_WAIT_M3;
		/* taken: established now, M3 checked by the first read */
		if (hs->early_ok)
			return duet_resume_early_open(dsk, dsk->rx_buf, len) ?: 1;
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_EARLY_REJECTED);
	}
	err = duet_hs_read(dsk, DUET_REC_HANDSHAKE, &msg, &len, alerted);
	if (err <= 0)
		return err;
	return duet_hs_server_finished(dsk, msg, len) ?: 1;
}

/* 1: established; 0: waiting for the peer; < 0: failed. */
static int duet_hs_step(struct duet_sock *dsk, bool *alerted)
{
	u8 rec[DUET_HS_BUF];
	int err;

	if (READ_ONCE(dsk->hs_expired))
		return -ETIMEDOUT;
	err = sock_error(dsk->tcp->sk);
	if (err)
		return err;
	if (dsk->role == DUET_INITIATOR)
		err = duet_hs_initiator(dsk, rec, alerted);
	else
		err = duet_hs_responder(dsk, rec, alerted);
	memzero_explicit(rec, sizeof(rec));
	return err;
}

static void duet_hs_end(struct duet_sock *dsk)
{
	del_timer(&dsk->hs_timer);
	duet_flood_hs_end(dsk);
	duet_hs_free(dsk->hs);
	dsk->hs = NULL;
	kfree_sensitive(dsk->early);
	dsk->early = NULL;
	dsk->early_len = 0;
}

static void duet_hs_failed(struct duet_sock *dsk, int err, bool alerted)
{
	struct sock *sk = &dsk->sk;

	duet_hs_count_failure(sock_net(sk), err);
	if (!alerted && err != -ECONNREFUSED && err != -ECONNRESET)
		duet_send_alert(dsk, duet_errno_alert(err), false);
	duet_hs_end(dsk);
	dsk->fatal = duet_hs_app_errno(err);
	dsk->state = DUET_STATE_CLOSED;
	if (sk->sk_socket)
		sk->sk_socket->state = SS_UNCONNECTED;
	sk->sk_err = dsk->fatal;
	sk_error_report(sk);
}

static void duet_hs_succeeded(struct duet_sock *dsk)
{
	struct sock *sk = &dsk->sk;
	int err;

	err = duet_stream_init(dsk) ?: duet_stream_early(dsk);
	if (err) {
		duet_hs_failed(dsk, err, false);
		return;
	}
	if (dsk->hs->sa_mode) {
		duet_sa_established(dsk);
	} else if (dsk->hs->resumed || dsk->hs->kx != DUET_KX_PSK) {
		dsk->auth = DUET_AUTH_CERT;
		memcpy(dsk->peer_id, dsk->hs->peer_id, DUET_ID_LEN);
		if (!dsk->hs->resumed) {	/* DUET_LINK may use it */
			memcpy(dsk->exp, dsk->hs->exp, sizeof(dsk->exp));
			dsk->exp_set = true;
		}
	} else {
		dsk->auth = DUET_AUTH_PSK;
	}
	duet_resume_established(dsk);
	duet_hs_end(dsk);
	dsk->state = DUET_STATE_ESTABLISHED;
	if (sk->sk_socket)
		sk->sk_socket->state = SS_CONNECTED;
	duet_session_add(dsk);
	duet_m3_clock(dsk);
	if (READ_ONCE(dsk->tx_len) && !dsk->m3_held)
		duet_queue_work(dsk, &dsk->tx_work);	/* M3, early data again */
	duet_stat_inc(sock_net(sk), DUET_STAT_HANDSHAKES_DONE);
	sk->sk_state_change(sk);
	sk->sk_write_space(sk);
}

/* One run of the socket's work, lock held: true if its handshake ended. */
static bool duet_work_locked(struct duet_sock *dsk)
{
	bool alerted = false;
	int ret;

	if (dsk->dying)		/* teardown has it: nothing may start now */
		return false;
	if (dsk->state == DUET_STATE_LISTEN) {
		duet_listener_accept_tcp(dsk);
	} else if (dsk->state == DUET_STATE_ESTABLISHED) {
		if (READ_ONCE(dsk->revoked))
			duet_session_close_revoked(dsk);
	} else if (dsk->state == DUET_STATE_HANDSHAKE && dsk->tcp) {
		ret = duet_hs_step(dsk, &alerted);
		if (ret < 0)
			duet_hs_failed(dsk, ret, alerted);
		else if (ret > 0)
			duet_hs_succeeded(dsk);
		return ret != 0;
	}
	return false;
}

void duet_work(struct work_struct *work)
{
	struct duet_sock *dsk = container_of(work, struct duet_sock, work);
	struct sock *sk = &dsk->sk;
	unsigned int fault = duet_fault_enter();
	struct duet_sock *lsk;
	bool ended;

	lock_sock(sk);
	ended = duet_work_locked(dsk);
	release_sock(sk);
	duet_fault_exit(fault);
	lsk = READ_ONCE(dsk->listener);
	if (ended && lsk)
		duet_child_done(dsk, lsk);
	sock_put(sk);
}

int duet_addr_check(const struct sockaddr *addr, int len)
{
	if (len < (int)sizeof(addr->sa_family))
		return -EINVAL;
	switch (addr->sa_family) {
	case AF_INET:
		return len < (int)sizeof(struct sockaddr_in) ? -EINVAL : 0;
	case AF_INET6:
		return len < SIN6_LEN_RFC2133 ? -EINVAL : 0;
	default:
		return -EAFNOSUPPORT;
	}
}

/* Wait, lock held, until the handshake ends or *timeo runs out. */
int duet_wait_handshake(struct duet_sock *dsk, long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = &dsk->sk;
	int err = 0;

	add_wait_queue(sk_sleep(sk), &wait);
	while (dsk->state == DUET_STATE_HANDSHAKE) {
		if (!*timeo) {
			err = -EAGAIN;
			break;
		}
		release_sock(sk);
		*timeo = wait_woken(&wait, TASK_INTERRUPTIBLE, *timeo);
		lock_sock(sk);
		if (signal_pending(current)) {
			err = sock_intr_errno(*timeo);
			break;
		}
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return err;
}

static int duet_connect_start(struct duet_sock *dsk, struct sockaddr *addr,
			      int len)
{
	int err;

	if (!dsk->tcp) {
		err = duet_tcp_create(dsk, addr->sa_family);
		if (err)
			return err;
	}
	dsk->role = DUET_INITIATOR;
	err = duet_hs_start(dsk);
	if (err)
		return err;
	memcpy(&dsk->hs->addr, addr, min_t(int, len, sizeof(dsk->hs->addr)));
	if (dsk->early_len) {	/* room for M1 and the early data at once */
		int sndbuf = 4 * DUET_MAX_FRAGMENT;

		sock_setsockopt(dsk->tcp, SOL_SOCKET, SO_SNDBUF,
				KERNEL_SOCKPTR(&sndbuf), sizeof(sndbuf));
	}
	err = duet_hs_client_key(dsk);
	if (err)
		return err;
	err = kernel_connect(dsk->tcp, addr, len, O_NONBLOCK);
	if (err && err != -EINPROGRESS)
		return err;
	duet_queue_work(dsk, &dsk->work);	/* it may be connected already */
	return 0;
}

/*
 * connect(), and sendto(MSG_FASTOPEN)'s (early: its data, which the
 * socket owns from here whatever happens).
 */
int duet_connect_early(struct socket *sock, struct sockaddr *addr, int len,
		       int flags, u8 *early, unsigned int early_len)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	long timeo;
	int err;

	err = duet_addr_check(addr, len);
	if (err) {
		kfree_sensitive(early);
		return err;
	}
	lock_sock(sk);
	if (early) {
		if (dsk->state != DUET_STATE_CLOSED || dsk->hs_used) {
			kfree_sensitive(early);
			err = dsk->state == DUET_STATE_LISTEN ? -EINVAL : -EISCONN;
			goto out;
		}
		dsk->early = early;
		dsk->early_len = early_len;
	}
	switch (dsk->state) {
	case DUET_STATE_ESTABLISHED:
		err = -EISCONN;
		goto out;
	case DUET_STATE_LISTEN:
		err = -EINVAL;
		goto out;
	case DUET_STATE_HANDSHAKE:
		if (dsk->role != DUET_INITIATOR || (flags & O_NONBLOCK)) {
			err = -EALREADY;
			goto out;
		}
		break;
	case DUET_STATE_CLOSED:
		if (dsk->fatal || dsk->hs_used) {	/* one connection per socket */
			err = dsk->fatal ? -dsk->fatal : -EISCONN;
			goto out;
		}
		dsk->hs_used = true;
		sock->state = SS_CONNECTING;
		err = duet_connect_start(dsk, addr, len);
		if (err) {
			duet_hs_failed(dsk, err, true);
			err = -dsk->fatal;
			goto out;
		}
		if (flags & O_NONBLOCK) {
			err = -EINPROGRESS;
			goto out;
		}
		break;
	}

	timeo = sock_sndtimeo(sk, false);
	err = duet_wait_handshake(dsk, &timeo);
	if (err == -EAGAIN)
		err = -EINPROGRESS;	/* as TCP says when SO_SNDTIMEO runs out */
	else if (!err && dsk->state != DUET_STATE_ESTABLISHED)
		err = -dsk->fatal;
out:
	release_sock(sk);
	return err;
}

int duet_connect(struct socket *sock, struct sockaddr *addr, int len,
		 int flags)
{
	return duet_connect_early(sock, addr, len, flags, NULL, 0);
}
