/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_HANDSHAKE_H
#define _DUET_HANDSHAKE_H

#include "ident.h"
#include "keytab.h"
#include "sock.h"
#include "ticket.h"
#include "upcall.h"
#include "wire.h"

/*
 * The handshake's messages and key schedule, apart from any socket I/O:
 * each step reads the peer's message and writes ours into a buffer.
 * Errors name the failure: -EPROTO (malformed, unexpected),
 * -EPROTONOSUPPORT (version), -ENOPROTOOPT (no common suite), -ESTALE
 * (timestamp out of window, replayed M1), -ENOKEY (unknown key or
 * identity), -EKEYREJECTED (a Finished or certificate that does not
 * verify), -EKEYEXPIRED, -EKEYREVOKED, -ETIMEDOUT (the helper). In
 * certificate mode a step may return -EINPROGRESS: it waits for the
 * helper, whose answer queues the socket's work to call it again.
 */
#define DUET_IKM_MAX (4 * 32)		/* ee || es || se || ss */

struct duet_hs {
	u8 step;			/* conn.c's enum duet_hs_step */
	u8 phase;			/* cerths.c's, certificate mode */
	u8 kx;				/* enum duet_kx of the mode in use */
	u8 nonce_a[DUET_NONCE_LEN];
	u8 nonce_b[DUET_NONCE_LEN];
	u8 ikm[DUET_IKM_MAX];		/* PSK, ECDH outputs or pre-master */
	u8 ikm_len;
	u8 fin_a[DUET_MAX_HASH_LEN];	/* responder: the M3 it expects */
	u8 c_ts[DUET_MAX_HASH_LEN];	/* traffic secrets once derived */
	u8 s_ts[DUET_MAX_HASH_LEN];
	u8 *m1;
	unsigned int m1_len;

	/* certificate mode */
	struct duet_ident *self;
	struct duet_ident *peer;
	u8 peer_id[DUET_ID_LEN];
	struct duet_upcall *up;		/* in flight */
	u32 up_op;
	struct crypto_kpp *kpp;		/* our ephemeral key */
	u8 eph[DUET_P256_POINT_LEN];	/* its public point */
	u8 peer_eph[DUET_P256_POINT_LEN];
	u8 digest[DUET_MAX_HASH_LEN];	/* RSA: transcript to sign */
	u8 *m2;				/* initiator: M2 as received */
	unsigned int m2_len;
	struct duet_wbuf out;		/* responder: M2 being built */
	u8 *out_rec;			/* out.data - DUET_REC_HDR_LEN */
	bool peer_knows_us;		/* M1's KNOWN_PEER is our ID: no CERT */

	/* resumption (resume.c) */
	u8 res[DUET_MAX_HASH_LEN];	/* a full handshake's resumption secret */
	bool resumed;			/* M1 redeems a ticket (tk) */
	bool tk_refused;		/* responder: it will not be honoured */
	bool retried;			/* RETRY sent or received: full from here */
	bool early_sent;		/* M1 said an EARLY record follows */
	bool early_ok;			/* ... and the responder took it */
	bool early_refused;		/* initiator: sent, then RETRY */
	bool skip_early;		/* responder: discard the next EARLY */
	bool new_tk_set;		/* NEW_TICKET sent or received */
	u8 new_tk[DUET_NEW_TICKET_LEN];
	unsigned int early_len;		/* responder: early plaintext in rx_buf */
	struct duet_resume tk;
	struct sockaddr_storage addr;	/* initiator: the responder's address */

	/* broker sessions (sa.c) */
	bool sa_mode;			/* M1 confirms an SA (sa) */
	struct duet_sa_use sa;
	u8 exp[DUET_MAX_HASH_LEN];	/* exporter secret */

	/* flood protection (flood.c) */
	bool counted;			/* responder: in the namespace's load */
	bool cookie_set;		/* initiator: M1 echoes cookie */
	bool cookie_sent;		/* responder: a COOKIE went out */
	bool cookie_asked;		/* responder: M1 is answered with one */
	u8 cookie[DUET_COOKIE_LEN];
};

/* Enough for M1, M3 and a PSK M2 (M1 is the largest: ~250 bytes). */
#define DUET_HS_BUF 512

struct duet_hs *duet_hs_alloc(void);
void duet_hs_free(struct duet_hs *hs);

/* At connect(): the key to use, so a missing one fails at once (ENOKEY). */
int duet_hs_client_key(struct duet_sock *dsk);
int duet_hs_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1);
int duet_hs_client_again(struct duet_sock *dsk, const u8 *msg, unsigned int len);
int duet_hs_client_reply(struct duet_sock *dsk, const u8 *m2,
			 unsigned int len, struct duet_wbuf *m3);
int duet_hs_server_hello(struct duet_sock *dsk, const u8 *m1,
			 unsigned int len, struct duet_wbuf *m2);
int duet_hs_server_finished(struct duet_sock *dsk, const u8 *m3,
			    unsigned int len);

/* Shared with cerths.c */
struct duet_sched {
	struct crypto_shash *hmac;
	u8 prk[DUET_MAX_HASH_LEN];
};

int duet_hash2(const struct duet_suite_info *s, const u8 *a, unsigned int a_len,
	       const u8 *b, unsigned int b_len, u8 *out);
int duet_sched_b(struct duet_sock *dsk, struct duet_sched *sc, const u8 *m2,
		 unsigned int fin_off, u8 *fin_b);
int duet_sched_a(struct duet_sock *dsk, struct duet_sched *sc, const u8 *m2,
		 unsigned int m2_len, u8 *fin_a);
void duet_sched_free(struct duet_sched *sc);
bool duet_suite_offered(const struct duet_sock *dsk, u16 id);
const struct duet_suite_info *duet_pick_suite(const struct duet_sock *dsk,
					      const struct duet_tlv *offer,
					      u8 key_type);
int duet_hs_finish_m2(struct duet_sock *dsk, struct duet_wbuf *m2);
int duet_hs_client_verify(struct duet_sock *dsk, const u8 *m2, unsigned int len,
			  unsigned int fin_off, const u8 *fin, struct duet_wbuf *m3);

/* cerths.c: certificate mode */
int duet_cert_client_key(struct duet_sock *dsk);
void duet_cert_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1);
int duet_cert_check_hello(struct duet_sock *dsk, const struct duet_msg *m);
int duet_cert_server(struct duet_sock *dsk);
int duet_cert_continue(struct duet_sock *dsk, struct duet_wbuf *m3);
int duet_cert_client(struct duet_sock *dsk, const u8 *m2, unsigned int len,
		     struct duet_wbuf *m3);
void duet_cert_free(struct duet_hs *hs);
int duet_cert_client_kx_init(struct duet_sock *dsk);

/* resume.c: resumption and early data */
int duet_resume_client_key(struct duet_sock *dsk);
void duet_resume_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1);
int duet_resume_early_record(struct duet_sock *dsk, u8 **rec, unsigned int *len);
int duet_resume_client_reply(struct duet_sock *dsk, const struct duet_msg *m,
			     const u8 *m2, unsigned int len, struct duet_wbuf *m3);
int duet_resume_client_retry(struct duet_sock *dsk);
void duet_resume_server_reset(struct duet_sock *dsk);
int duet_resume_check_hello(struct duet_sock *dsk, const struct duet_msg *m);
int duet_resume_server(struct duet_sock *dsk, const struct duet_msg *m,
		       struct duet_wbuf *m2);
int duet_resume_early_open(struct duet_sock *dsk, u8 *rec, unsigned int flen);
void duet_resume_put_new_ticket(struct duet_sock *dsk, struct duet_wbuf *m2);
void duet_resume_established(struct duet_sock *dsk);

/* sa.c: sessions confirming a broker's security association */
int duet_sa_client_key(struct duet_sock *dsk);
void duet_sa_client_hello(struct duet_sock *dsk, struct duet_wbuf *m1);
int duet_sa_check_hello(struct duet_sock *dsk, const struct duet_msg *m);
void duet_sa_established(struct duet_sock *dsk);
int duet_sa_link(struct duet_sock *dsk, int role);
void duet_sa_closed(struct duet_sock *dsk);

#endif /* _DUET_HANDSHAKE_H */
