/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_HANDSHAKE_H
#define _DUET_HANDSHAKE_H

#include "sock.h"
#include "wire.h"

/*
 * The PSK handshake's messages and key schedule, apart from any socket
 * I/O: each step reads the peer's message and writes ours into a buffer.
 * Errors name the failure: -EPROTO (malformed, unexpected),
 * -EPROTONOSUPPORT (version), -ENOPROTOOPT (no common suite), -ESTALE
 * (timestamp out of window, replayed M1), -ENOKEY (unknown key),
 * -EKEYREJECTED (a Finished that does not verify).
 */
struct duet_hs {
	u8 step;			/* conn.c's enum duet_hs_step */
	u8 nonce_a[DUET_NONCE_LEN];
	u8 nonce_b[DUET_NONCE_LEN];
	u8 psk[DUET_MAX_PSK_LEN];
	u8 psk_len;
	u8 fin_a[DUET_MAX_HASH_LEN];	/* responder: the M3 it expects */
	u8 c_ts[DUET_MAX_HASH_LEN];	/* traffic secrets once derived */
	u8 s_ts[DUET_MAX_HASH_LEN];
	u8 *m1;
	unsigned int m1_len;
};

/* Enough for any PSK handshake message (M1 is the largest: ~160 bytes). */
#define DUET_HS_BUF 512

struct duet_hs *duet_hs_alloc(void);
void duet_hs_free(struct duet_hs *hs);

/* At connect(): the key to use, so a missing one fails at once (ENOKEY). */
int duet_hs_client_key(struct duet_sock *dsk);
int duet_hs_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1);
int duet_hs_client_reply(struct duet_sock *dsk, const u8 *m2,
			 unsigned int len, struct duet_wbuf *m3);
int duet_hs_server_hello(struct duet_sock *dsk, const u8 *m1,
			 unsigned int len, struct duet_wbuf *m2);
int duet_hs_server_finished(struct duet_sock *dsk, const u8 *m3,
			    unsigned int len);

#endif /* _DUET_HANDSHAKE_H */
