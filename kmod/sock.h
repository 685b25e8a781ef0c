/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An AF_DUET socket: a TCP socket of its own underneath (never a user's
 * socket converted in place), the handshake that runs over it, then two
 * record streams keyed independently.
 *
 * Locking: lock_sock() serialises state changes (connect, listen, accept,
 * the handshake work, release). Once established, the receive and send
 * paths each take their own mutex, so a reader blocked on the network
 * never holds up a writer; the receive path may take tx_lock (to answer a
 * key update or send an alert), never the reverse.
 */
#ifndef _DUET_SOCK_H
#define _DUET_SOCK_H

#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "keys.h"
#include "wire.h"

struct duet_hs;

enum duet_role { DUET_INITIATOR, DUET_RESPONDER };

struct duet_sock {
	struct sock sk;			/* must be first */
	struct socket *tcp;		/* ours, created at bind/connect/accept */
	u8 state;			/* enum duet_sock_state */
	u8 role;			/* enum duet_role */
	bool hs_expired;		/* the handshake timer fired */
	bool hs_used;			/* connect() was called: one per socket */
	bool dying;			/* teardown began: the work stands down */
	int fatal;			/* errno that ended the session, > 0 */

	struct work_struct work;	/* handshake steps; listener: accept */
	struct work_struct tx_work;	/* push a pending record */
	struct work_struct free_work;	/* a failed child, not for accept() */
	struct timer_list hs_timer;
	struct duet_hs *hs;		/* during the handshake only */
	const struct duet_suite_info *suite;

	/* established */
	struct mutex rx_lock;
	struct mutex tx_lock;
	struct duet_keys rx, tx;
	bool rx_eof;			/* CLOSE received or SHUT_RD */
	bool tx_shut;			/* CLOSE sent */
	u8 *rx_buf;			/* one record: header + fragment */
	unsigned int rx_have;		/* bytes of it read */
	unsigned int rx_off, rx_len;	/* its plaintext not yet delivered */
	u8 *tx_buf;			/* one sealed record */
	unsigned int tx_off, tx_len;	/* part not yet handed to TCP */
	u64 tx_records, rx_records, tx_bytes, rx_bytes;
	bool m3_held;			/* initiator: tx_buf holds M3 */
	bool m3_pending;		/* responder, early data taken: M3 to check */
	u8 m3_fin[DUET_MAX_HASH_LEN];	/* ... the FINISHED_A it must carry */
	u8 *early;			/* initiator: early data, until established */
	unsigned int early_len;
	u8 early_state;			/* enum duet_early */
	bool resumed;
	struct timer_list tx_timer;	/* ... until the first data or this */

	/* who the peer is, once established; its place in the sessions */
	u8 auth;			/* enum duet_auth */
	bool revoked;			/* its certificate was revoked */
	u8 peer_id[DUET_ID_LEN];
	struct list_head sess_node;
	struct sockaddr_storage peer_addr;
	int peer_addr_len;

	/* broker sessions (sa.c) */
	bool sa_set;			/* DUET_SA_ID: connect() confirms it */
	bool exp_set;			/* exp: a full handshake's, for DUET_LINK */
	u8 sa_id[DUET_SA_ID_LEN];
	u8 sa_broker[DUET_ID_LEN];
	struct {
		time64_t not_after, soft_after;
		u64 bytes_hard, bytes_soft;
		bool soft_done;
	} sa_lim;
	u8 exp[DUET_MAX_HASH_LEN];

	/* settings */
	bool no_resume;			/* DUET_RESUME 0 */
	u16 suites[DUET_MAX_SUITES];
	u8 n_suites;
	u8 psk_id_len;
	u8 psk_id[DUET_MAX_PSK_ID_LEN];
	bool peer_id_set;		/* DUET_PEER_ID: peer_id is expected */
	bool accept_failures;
	unsigned int hs_timeout_ms;

	/* listener: handshakes in flight and finished ones for accept() */
	spinlock_t acc_lock;
	struct list_head acc_pending;
	struct list_head acc_ready;
	unsigned int acc_n;
	bool acc_closing;
	/* child: its place in the listener's lists */
	struct duet_sock *listener;
	struct list_head acc_node;
	int acc_err;			/* > 0: a failure to report via accept */

	/* the TCP socket's own callbacks, restored on detach */
	void (*tcp_data_ready)(struct sock *sk);
	void (*tcp_write_space)(struct sock *sk);
	void (*tcp_state_change)(struct sock *sk);
};

static inline struct duet_sock *duet_sk(const struct sock *sk)
{
	return (struct duet_sock *)sk;
}

extern struct proto duet_proto;
extern struct workqueue_struct *duet_wq;
extern unsigned long duet_rekey_records;

/* af_duet.c */
struct duet_sock *duet_sock_alloc(struct net *net, struct socket *sock,
				  int kern);
void duet_sock_teardown(struct duet_sock *dsk);
void duet_sock_discard(struct duet_sock *dsk);

/* tcp.c: the TCP socket underneath */
int duet_tcp_create(struct duet_sock *dsk, int family);
void duet_tcp_attach(struct duet_sock *dsk);
void duet_tcp_detach(struct duet_sock *dsk);
void duet_tcp_release(struct duet_sock *dsk);
int duet_tcp_send(struct duet_sock *dsk, const void *buf, size_t len,
		  int flags);
int duet_tcp_recv(struct duet_sock *dsk, void *buf, size_t len, int flags);
void duet_queue_work(struct duet_sock *dsk, struct work_struct *work);

/* conn.c: connect and the handshake driver */
int duet_addr_check(const struct sockaddr *addr, int len);
int duet_connect(struct socket *sock, struct sockaddr *addr, int len,
		 int flags);
int duet_connect_early(struct socket *sock, struct sockaddr *addr, int len,
		       int flags, u8 *early, unsigned int early_len);
int duet_wait_handshake(struct duet_sock *dsk, long *timeo);
void duet_work(struct work_struct *work);
void duet_hs_timer(struct timer_list *t);
int duet_hs_start(struct duet_sock *dsk);

/* listen.c */
int duet_bind(struct socket *sock, struct sockaddr *addr, int len);
int duet_listen(struct socket *sock, int backlog);
int duet_accept(struct socket *sock, struct socket *newsock, int flags,
		bool kern);
void duet_listener_accept_tcp(struct duet_sock *lsk);
void duet_listener_close(struct duet_sock *lsk);
void duet_child_done(struct duet_sock *child, struct duet_sock *lsk);
void duet_child_free_work(struct work_struct *work);

/* stream.c: records once established */
int duet_stream_init(struct duet_sock *dsk);
int duet_stream_early(struct duet_sock *dsk);
int duet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);
int duet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		 int flags);
int duet_shutdown(struct socket *sock, int how);
__poll_t duet_poll(struct file *file, struct socket *sock, poll_table *wait);
int duet_rx_fill(struct duet_sock *dsk, int flags);
int duet_send_alert(struct duet_sock *dsk, u8 alert, bool sealed);
int duet_send_close(struct duet_sock *dsk);
int duet_key_update(struct duet_sock *dsk, bool request);
void duet_tx_work(struct work_struct *work);
void duet_tx_timer(struct timer_list *t);
int duet_hold_m3(struct duet_sock *dsk, const u8 *rec, unsigned int len);
void duet_m3_clock(struct duet_sock *dsk);
void duet_fail(struct duet_sock *dsk, int err);

#endif /* _DUET_SOCK_H */
