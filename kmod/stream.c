// SPDX-License-Identifier: GPL-2.0
/*
 * The record streams of an established session. Sending seals at most
 * DUET_MAX_PLAINTEXT bytes per DATA record into tx_buf and hands it to TCP;
 * a record TCP could not take whole stays there, committed, until the
 * next send or the TCP socket's write space pushes it. Receiving reads one
 * record at a time into rx_buf, opens it in place, and delivers its
 * plaintext from there. Nothing unauthenticated reaches the application.
 */

#include <crypto/algapi.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/uio.h>
#include <net/sock.h>

#include "fault.h"
#include "handshake.h"
#include "netns.h"
#include "sock.h"

/* Update a direction's key after this many records (AES-GCM usage limit). */
unsigned long duet_rekey_records = 1UL << 24;
module_param_named(rekey_records, duet_rekey_records, ulong, 0644);
MODULE_PARM_DESC(rekey_records, "records per key before a key update (default 2^24)");

/*
 * How long M3 waits for the initiator's first data, to share its TCP
 * segment. A read sends it at once.
 */
#define DUET_M3_HOLD_MS 50

/* Longest a close may wait to hand its last records to TCP. */
#define DUET_CLOSE_TIMEOUT (5 * HZ)

int duet_stream_init(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	bool init = dsk->role == DUET_INITIATOR;

	dsk->rx_have = 0;
	return duet_keys_init(&dsk->tx, dsk->suite, init ? hs->c_ts : hs->s_ts) ?:
	       duet_keys_init(&dsk->rx, dsk->suite, init ? hs->s_ts : hs->c_ts);
}

/*
 * Early data at the end of the handshake. Responder: what it took with
 * M1 is the first to read (it is in rx_buf), and M3 is checked by the
 * first read after it. Initiator: counted if taken, else sealed after M3
 * to go at once, before anything sent later.
 */
int duet_stream_early(struct duet_sock *dsk)
{
	struct duet_hs *hs = dsk->hs;
	unsigned int n = dsk->early_len;
	u8 *rec;
	int err;

	if (dsk->role == DUET_RESPONDER) {
		if (!hs->early_ok)
			return 0;
		dsk->rx_off = 0;
		dsk->rx_len = hs->early_len;
		dsk->rx_bytes += hs->early_len;
		dsk->rx_records++;
		dsk->m3_pending = true;
		memcpy(dsk->m3_fin, hs->fin_a, dsk->suite->hash_len);
		return 0;
	}
	if (!n)
		return 0;
	dsk->tx_bytes += n;
	dsk->tx_records++;
	if (hs->early_ok)
		return 0;
	if (hs->early_refused || hs->early_sent) {
		dsk->early_state = DUET_EARLY_RESENT;
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_EARLY_REJECTED);
	}
	rec = dsk->tx_buf + dsk->tx_len;	/* after M3 */
	memcpy(rec + DUET_REC_HDR_LEN, dsk->early, n);
	duet_rec_hdr_encode(rec, DUET_REC_DATA, n + DUET_TAG_LEN);
	err = duet_seal(&dsk->tx, rec, n);
	if (err)
		return err;
	WRITE_ONCE(dsk->tx_len, dsk->tx_len + DUET_REC_HDR_LEN + n + DUET_TAG_LEN);
	WRITE_ONCE(dsk->m3_held, false);
	return 0;
}

/* The session is over: remember why, tell everyone waiting. */
void duet_fail(struct duet_sock *dsk, int err)
{
	struct sock *sk = &dsk->sk;

	if (!dsk->fatal) {
		WRITE_ONCE(dsk->fatal, err);
		WRITE_ONCE(sk->sk_err, err);
		sk_error_report(sk);
	}
}

/* ---- sending --------------------------------------------------------- */

/* Push what is left of the sealed record in tx_buf. tx_lock held. */
static int duet_tx_flush(struct duet_sock *dsk, int flags)
{
	int n;

	while (dsk->tx_off < dsk->tx_len) {
		n = duet_tcp_send(dsk, dsk->tx_buf + dsk->tx_off,
				  dsk->tx_len - dsk->tx_off,
				  flags & (MSG_DONTWAIT | MSG_MORE));
		if (n < 0) {
			if (n != -EAGAIN && n != -EINTR && n != -ERESTARTSYS)
				duet_fail(dsk, -n);
			return n;
		}
		WRITE_ONCE(dsk->tx_off, dsk->tx_off + n);
	}
	WRITE_ONCE(dsk->tx_off, 0);
	WRITE_ONCE(dsk->tx_len, 0);
	WRITE_ONCE(dsk->m3_held, false);
	return 0;
}

/*
 * M3 waits in tx_buf: the first data goes in the same segment. Lock held.
 * Its clock starts once the session is established (duet_m3_clock()).
 */
int duet_hold_m3(struct duet_sock *dsk, const u8 *rec, unsigned int len)
{
	memcpy(dsk->tx_buf, rec, len);
	dsk->tx_off = 0;
	WRITE_ONCE(dsk->tx_len, len);
	WRITE_ONCE(dsk->m3_held, true);
	return 0;
}

void duet_m3_clock(struct duet_sock *dsk)
{
	if (dsk->m3_held)
		mod_timer(&dsk->tx_timer, jiffies + msecs_to_jiffies(DUET_M3_HOLD_MS));
}

void duet_tx_timer(struct timer_list *t)
{
	struct duet_sock *dsk = from_timer(dsk, t, tx_timer);

	duet_queue_work(dsk, &dsk->tx_work);
}

static void duet_tx_release_m3(struct duet_sock *dsk)
{
	mutex_lock(&dsk->tx_lock);
	if (dsk->m3_held)
		duet_tx_flush(dsk, MSG_DONTWAIT);
	mutex_unlock(&dsk->tx_lock);
}

/* Seal len bytes already in tx_buf as a record of type. tx_lock held. */
static int duet_tx_seal(struct duet_sock *dsk, u8 type, unsigned int len)
{
	int err;

	duet_rec_hdr_encode(dsk->tx_buf, type, len + DUET_TAG_LEN);
	err = duet_seal(&dsk->tx, dsk->tx_buf, len);
	if (err) {
		duet_fail(dsk, EIO);
		return err;
	}
	dsk->tx_off = 0;
	WRITE_ONCE(dsk->tx_len, DUET_REC_HDR_LEN + len + DUET_TAG_LEN);
	dsk->tx_records++;
	return 0;
}

/* A control record (empty tx_buf): seal and push it. tx_lock held. */
static int duet_tx_control(struct duet_sock *dsk, u8 type, const u8 *body,
			   unsigned int len, int flags)
{
	memcpy(dsk->tx_buf + DUET_REC_HDR_LEN, body, len);
	return duet_tx_seal(dsk, type, len) ?: duet_tx_flush(dsk, flags);
}

/* tx_lock held: send KEY_UPDATE under the old key, then switch keys. */
int duet_key_update(struct duet_sock *dsk, bool request)
{
	u8 body = request ? DUET_KU_REQUESTED : DUET_KU_NOT_REQUESTED;
	int err;

	if (dsk->fatal)
		return -dsk->fatal;
	err = duet_tx_flush(dsk, 0) ?:
	      duet_tx_control(dsk, DUET_REC_KEY_UPDATE, &body, 1, 0) ?:
	      duet_keys_update(&dsk->tx);
	if (err)
		return err;
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_KEY_UPDATES);
	return 0;
}

/*
 * A broker session's SA limits, checked at each send and receive call:
 * past the hard one (time or bytes, both ways) the session ends with
 * EKEYEXPIRED, the peer told; past the soft one, keys update once.
 * tx_lock held.
 */
static int duet_sa_limits(struct duet_sock *dsk)
{
	u64 bytes = dsk->tx_bytes + READ_ONCE(dsk->rx_bytes);
	time64_t now = ktime_get_real_seconds();
	u8 alert = DUET_ALERT_KEY_EXPIRED;

	if (dsk->auth != DUET_AUTH_BROKER)
		return 0;
	if (now >= dsk->sa_lim.not_after ||
	    (dsk->sa_lim.bytes_hard && bytes >= dsk->sa_lim.bytes_hard)) {
		if (!dsk->fatal) {
			duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_SA_EXPIRED);
			duet_tx_flush(dsk, MSG_DONTWAIT);
			duet_tx_control(dsk, DUET_REC_ALERT, &alert, 1, MSG_DONTWAIT);
		}
		duet_fail(dsk, EKEYEXPIRED);
		return -EKEYEXPIRED;
	}
	if (!dsk->sa_lim.soft_done &&
	    ((dsk->sa_lim.soft_after && now >= dsk->sa_lim.soft_after) ||
	     (dsk->sa_lim.bytes_soft && bytes >= dsk->sa_lim.bytes_soft))) {
		dsk->sa_lim.soft_done = true;
		return duet_key_update(dsk, true);
	}
	return 0;
}

static int duet_sa_limits_rx(struct duet_sock *dsk)
{
	int err;

	if (dsk->auth != DUET_AUTH_BROKER)
		return 0;
	if (mutex_lock_interruptible(&dsk->tx_lock))
		return -ERESTARTSYS;
	err = duet_sa_limits(dsk);
	mutex_unlock(&dsk->tx_lock);
	return err;
}

/* Best effort, never blocking: the peer may be gone. */
int duet_send_alert(struct duet_sock *dsk, u8 alert, bool sealed)
{
	u8 rec[DUET_REC_HDR_LEN + DUET_ALERT_LEN];
	int err;

	if (!dsk->tcp)
		return -ENOTCONN;
	if (!sealed) {
		duet_rec_hdr_encode(rec, DUET_REC_ALERT, DUET_ALERT_LEN);
		rec[DUET_REC_HDR_LEN] = alert;
		err = duet_tcp_send(dsk, rec, sizeof(rec), MSG_DONTWAIT);
		return err < 0 ? err : 0;
	}
	mutex_lock(&dsk->tx_lock);
	err = duet_tx_flush(dsk, MSG_DONTWAIT) ?:
	      duet_tx_control(dsk, DUET_REC_ALERT, &alert, 1, MSG_DONTWAIT);
	mutex_unlock(&dsk->tx_lock);
	return err;
}

/* End our stream: a CLOSE record, then TCP's FIN. */
int duet_send_close(struct duet_sock *dsk)
{
	int err = 0;

	mutex_lock(&dsk->tx_lock);
	if (!dsk->tx_shut && !dsk->fatal)
		err = duet_tx_flush(dsk, 0) ?:
		      duet_tx_control(dsk, DUET_REC_CLOSE, NULL, 0, 0);
	dsk->tx_shut = true;
	if (dsk->tcp)
		kernel_sock_shutdown(dsk->tcp, SHUT_WR);
	mutex_unlock(&dsk->tx_lock);
	return err;
}

void duet_tx_work(struct work_struct *work)
{
	struct duet_sock *dsk = container_of(work, struct duet_sock, tx_work);
	unsigned int fault = duet_fault_enter();

	mutex_lock(&dsk->tx_lock);
	if (dsk->state == DUET_STATE_ESTABLISHED && dsk->tcp)
		duet_tx_flush(dsk, MSG_DONTWAIT);
	mutex_unlock(&dsk->tx_lock);
	duet_fault_exit(fault);
	dsk->sk.sk_write_space(&dsk->sk);
	sock_put(&dsk->sk);
}

/* Block (as the socket's timeouts say) until the handshake is over. */
static int duet_wait_established(struct duet_sock *dsk, bool nonblock)
{
	struct sock *sk = &dsk->sk;
	long timeo = sock_sndtimeo(sk, nonblock);
	int err = 0;

	if (READ_ONCE(dsk->state) == DUET_STATE_ESTABLISHED)
		return 0;
	lock_sock(sk);
	if (dsk->state == DUET_STATE_HANDSHAKE)
		err = duet_wait_handshake(dsk, &timeo);
	if (!err && dsk->state != DUET_STATE_ESTABLISHED)
		err = dsk->fatal ? -dsk->fatal : -ENOTCONN;
	release_sock(sk);
	return err;
}

static int duet_send_data(struct duet_sock *dsk, struct msghdr *msg,
			  size_t len, int flags, size_t *copied)
{
	size_t n;
	int err;

	while (*copied < len) {
		if (dsk->fatal)
			return -dsk->fatal;
		if (dsk->tx.seq >= READ_ONCE(duet_rekey_records)) {
			err = duet_key_update(dsk, false);
			if (err)
				return err;
		}
		n = min_t(size_t, len - *copied, DUET_MAX_PLAINTEXT);
		if (!copy_from_iter_full(dsk->tx_buf + DUET_REC_HDR_LEN, n,
					 &msg->msg_iter))
			return -EFAULT;
		err = duet_tx_seal(dsk, DUET_REC_DATA, n);
		if (err)
			return err;
		*copied += n;	/* sealed: committed, even if TCP is full */
		dsk->tx_bytes += n;
		err = duet_tx_flush(dsk, flags);
		if (err)
			return err;
	}
	return 0;
}

/* sendto(MSG_FASTOPEN): connect, the first bytes riding M1 if they may. */
static int duet_sendmsg_fastopen(struct socket *sock, struct msghdr *msg,
				 size_t len)
{
	size_t n = min_t(size_t, len, DUET_MAX_EARLY);
	int flags = 0, err;
	u8 *buf;

	if ((msg->msg_flags & MSG_DONTWAIT) ||
	    (sock->file && (sock->file->f_flags & O_NONBLOCK)))
		flags = O_NONBLOCK;
	if (!n)
		return duet_connect(sock, msg->msg_name, msg->msg_namelen, flags);
	buf = kmalloc(n, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (!copy_from_iter_full(buf, n, &msg->msg_iter)) {
		kfree(buf);
		return -EFAULT;
	}
	err = duet_connect_early(sock, msg->msg_name, msg->msg_namelen, flags,
				 buf, n);
	return err && err != -EINPROGRESS ? err : n;
}

int duet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct duet_sock *dsk = duet_sk(sock->sk);
	int flags = msg->msg_flags;
	size_t copied = 0;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if ((flags & MSG_FASTOPEN) && msg->msg_name)
		return duet_sendmsg_fastopen(sock, msg, len);
	err = duet_wait_established(dsk, flags & MSG_DONTWAIT);
	if (err)
		return err;
	if (mutex_lock_interruptible(&dsk->tx_lock))
		return -ERESTARTSYS;
	if (dsk->tx_shut || (sock->sk->sk_shutdown & SEND_SHUTDOWN))
		err = -EPIPE;
	else
		err = duet_sa_limits(dsk) ?:
		      duet_tx_flush(dsk, dsk->m3_held ? flags | MSG_MORE : flags) ?:
		      duet_send_data(dsk, msg, len, flags, &copied);
	mutex_unlock(&dsk->tx_lock);

	if (copied)
		return copied;
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return err;
}

/* ---- receiving ------------------------------------------------------- */

/*
 * Read until rx_buf holds one whole record: 1 when it does, 0 on end of
 * stream at a record boundary, -EBADMSG for a stream that ends inside a
 * record, -EPROTO for a bad header, else TCP's error (-EAGAIN ...).
 */
int duet_rx_fill(struct duet_sock *dsk, int flags)
{
	unsigned int need;
	u16 flen;
	u8 type;
	int n;

	for (;;) {
		need = DUET_REC_HDR_LEN;
		if (dsk->rx_have >= DUET_REC_HDR_LEN) {
			if (duet_rec_hdr_decode(dsk->rx_buf, &type, &flen))
				return -EPROTO;
			need += flen;
		}
		if (dsk->rx_have >= need)
			return 1;
		n = duet_tcp_recv(dsk, dsk->rx_buf + dsk->rx_have,
				  need - dsk->rx_have, flags);
		if (n == 0)
			return dsk->rx_have ? -EBADMSG : 0;
		if (n < 0)
			return n;
		dsk->rx_have += n;
	}
}

static int duet_rx_control(struct duet_sock *dsk, u8 type, const u8 *body,
			   int len)
{
	int err;

	switch (type) {
	case DUET_REC_ALERT:
		if (len != DUET_ALERT_LEN)
			return -EPROTO;
		duet_fail(dsk, duet_alert_errno(body[0]));
		return -dsk->fatal;
	case DUET_REC_KEY_UPDATE:
		if (len != DUET_KEY_UPDATE_LEN || body[0] > DUET_KU_REQUESTED)
			return -EPROTO;
		err = duet_keys_update(&dsk->rx);
		if (err)
			return err;
		duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_KEY_UPDATES);
		if (body[0] == DUET_KU_REQUESTED) {
			mutex_lock(&dsk->tx_lock);
			err = duet_key_update(dsk, false);
			mutex_unlock(&dsk->tx_lock);
		}
		return err;
	case DUET_REC_CLOSE:
		if (len)
			return -EPROTO;
		WRITE_ONCE(dsk->rx_eof, true);
		return 0;
	default:
		return -EPROTO;	/* no handshake once established */
	}
}

/* The responder took early data: the record after it must be a good M3. */
static int duet_rx_m3(struct duet_sock *dsk, u8 type, const u8 *body, u16 len)
{
	unsigned int h = dsk->suite->hash_len;
	struct duet_msg m;

	if (type == DUET_REC_ALERT && len == DUET_ALERT_LEN)
		return -duet_alert_errno(body[0]);	/* A refused M2 */
	if (type != DUET_REC_HANDSHAKE || duet_msg_decode(&m, body, len) ||
	    m.type != DUET_MSG_FINISHED || m.tlv[DUET_T_FINISHED].len != h)
		return -EPROTO;
	if (crypto_memneq(m.tlv[DUET_T_FINISHED].data, dsk->m3_fin, h))
		return -EKEYREJECTED;
	dsk->m3_pending = false;
	memzero_explicit(dsk->m3_fin, sizeof(dsk->m3_fin));
	return 0;
}

/* Read and open the next record. rx_lock held. */
static int duet_rx_next(struct duet_sock *dsk, int flags)
{
	u8 *body = dsk->rx_buf + DUET_REC_HDR_LEN;
	u16 flen;
	u8 type;
	int n;

	n = duet_rx_fill(dsk, flags);
	if (n == -EAGAIN || n == -EINTR || n == -ERESTARTSYS)
		return n;
	if (n == -EPROTO)
		n = -EBADMSG;	/* a header tampered with */
	if (n <= 0)
		goto fail;	/* 0: the stream ended without a CLOSE */
	duet_rec_hdr_decode(dsk->rx_buf, &type, &flen);
	if (dsk->m3_pending) {
		n = duet_rx_m3(dsk, type, body, flen);
		dsk->rx_have = 0;
		if (n)
			goto fail;
		return 0;
	}
	n = type == DUET_REC_HANDSHAKE ? -EBADMSG :
					 duet_open(&dsk->rx, dsk->rx_buf, flen);
	if (n < 0) {	/* or our own failure (-ENOMEM): not the record's */
		if (n == -EBADMSG)
			duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_BAD_RECORDS);
		goto fail;
	}
	dsk->rx_records++;
	if (type == DUET_REC_DATA) {
		dsk->rx_off = 0;
		WRITE_ONCE(dsk->rx_len, n);
		dsk->rx_bytes += n;
		if (!n)
			dsk->rx_have = 0;
		return 0;
	}
	dsk->rx_have = 0;
	n = duet_rx_control(dsk, type, body, n);
	if (!n || dsk->fatal)
		return n;
fail:
	/* The cause first: the alert's own send may fail on a dead peer. */
	duet_fail(dsk, n ? -n : ECONNRESET);
	if (n == -EPROTO || n == -EBADMSG)
		duet_send_alert(dsk, duet_errno_alert(n), true);
	return -dsk->fatal;
}

/* Copy out of the current record; consumes it unless peeking. */
static int duet_rx_copy(struct duet_sock *dsk, struct msghdr *msg,
			size_t want, bool peek)
{
	size_t n = min_t(size_t, want, dsk->rx_len - dsk->rx_off);

	if (copy_to_iter(dsk->rx_buf + DUET_REC_HDR_LEN + dsk->rx_off, n,
			 &msg->msg_iter) != n)
		return -EFAULT;
	if (!peek) {
		dsk->rx_off += n;
		if (dsk->rx_off == dsk->rx_len) {
			dsk->rx_have = 0;
			dsk->rx_off = 0;
			WRITE_ONCE(dsk->rx_len, 0);
		}
	}
	return n;
}

int duet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		 int flags)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	bool peek = flags & MSG_PEEK;
	size_t copied = 0, target;
	int err = 0, n;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = duet_wait_established(dsk, flags & MSG_DONTWAIT);
	if (err)
		return err;
	if (READ_ONCE(dsk->m3_held))
		duet_tx_release_m3(dsk);	/* reading first: nothing to wait for */
	err = duet_sa_limits_rx(dsk);
	if (err)
		return err;
	if (mutex_lock_interruptible(&dsk->rx_lock))
		return -ERESTARTSYS;
	target = sock_rcvlowat(sk, flags & MSG_WAITALL, len);
	while (copied < len) {
		if (dsk->rx_off < dsk->rx_len) {
			n = duet_rx_copy(dsk, msg, len - copied, peek);
			if (n < 0) {
				err = n;
				break;
			}
			copied += n;
			if (peek)
				break;
			continue;
		}
		if (copied >= target || dsk->rx_eof ||
		    (sk->sk_shutdown & RCV_SHUTDOWN))
			break;
		if (dsk->fatal) {
			err = -dsk->fatal;
			break;
		}
		err = duet_rx_next(dsk, flags & MSG_DONTWAIT);
		if (err)
			break;
	}
	mutex_unlock(&dsk->rx_lock);
	return copied ? copied : err;
}

int duet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	int err = 0;

	how++;	/* SHUT_RD..SHUT_RDWR -> RCV_SHUTDOWN|SEND_SHUTDOWN bits */
	if (how & ~SHUTDOWN_MASK || !how)
		return -EINVAL;
	lock_sock(sk);
	if (dsk->state != DUET_STATE_ESTABLISHED) {
		err = -ENOTCONN;
		goto out;
	}
	if (how & SEND_SHUTDOWN)
		err = duet_send_close(dsk);
	sk->sk_shutdown |= how;
	sk->sk_state_change(sk);
out:
	release_sock(sk);
	return err;
}

__poll_t duet_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	struct duet_sock *dsk = duet_sk(sk);
	__poll_t mask = 0, tcp;

	sock_poll_wait(file, sock, wait);
	switch (READ_ONCE(dsk->state)) {
	case DUET_STATE_LISTEN:
		if (!list_empty_careful(&dsk->acc_ready))
			mask |= EPOLLIN | EPOLLRDNORM;
		return mask;
	case DUET_STATE_HANDSHAKE:
		return 0;
	case DUET_STATE_CLOSED:
		return READ_ONCE(dsk->fatal) ? EPOLLERR | EPOLLHUP | EPOLLIN :
					       EPOLLOUT | EPOLLHUP;
	}

	tcp = dsk->tcp->ops->poll(file, dsk->tcp, NULL);
	if (READ_ONCE(dsk->rx_off) < READ_ONCE(dsk->rx_len) ||
	    READ_ONCE(dsk->rx_eof) || (tcp & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (!READ_ONCE(dsk->tx_shut) &&
	    (READ_ONCE(dsk->tx_len) == 0 || READ_ONCE(dsk->m3_held)) &&
	    (tcp & EPOLLOUT))
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (READ_ONCE(dsk->fatal) || (tcp & EPOLLERR))
		mask |= EPOLLERR;
	if (READ_ONCE(dsk->rx_eof) || (sk->sk_shutdown & RCV_SHUTDOWN))
		mask |= EPOLLRDHUP;
	if ((tcp & EPOLLHUP) || sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	return mask;
}
