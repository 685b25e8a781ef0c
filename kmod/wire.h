/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The duet wire format: every constant, size and limit that crosses the
 * link, and the codec for records and handshake messages. wire.c compiles
 * in the kernel and in userspace (unit tests, fuzzing, tools); nothing
 * here allocates, sleeps or touches a key. Documentation/protocol.md
 * describes the same bytes.
 */
#ifndef _DUET_WIRE_H
#define _DUET_WIRE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <uapi/linux/duet.h>
#else
#include "kcompat.h"
#include <linux/duet.h>
#endif

/* ---- records ---------------------------------------------------------- */

enum duet_rec_type {
	DUET_REC_HANDSHAKE = 1,	/* plaintext, one handshake message */
	DUET_REC_ALERT = 2,	/* plaintext before keys, sealed after */
	DUET_REC_DATA = 3,	/* sealed */
	DUET_REC_KEY_UPDATE = 4,/* sealed, body: DUET_KU_* */
	DUET_REC_CLOSE = 5,	/* sealed, empty body: end of stream */
	DUET_REC_EARLY = 6,	/* sealed with the early key: right after M1 */
	__DUET_REC_MAX
};

enum {
	DUET_REC_HDR_LEN = 4,		/* type, flags (0), be16 length */
	DUET_MAX_PLAINTEXT = 16384,	/* per record */
	DUET_TAG_LEN = 16,		/* AEAD tag */
	DUET_MAX_FRAGMENT = DUET_MAX_PLAINTEXT + DUET_TAG_LEN,
	DUET_MAX_HANDSHAKE = DUET_MAX_PLAINTEXT,
	DUET_ALERT_LEN = 1,
	DUET_KEY_UPDATE_LEN = 1,
	DUET_IV_LEN = 12,		/* nonce = iv ^ be64 seq in its last 8 bytes */
};

enum { DUET_KU_NOT_REQUESTED = 0, DUET_KU_REQUESTED = 1 };

/* ---- alerts: one byte, each with the errno it means ------------------- */

enum duet_alert {
	DUET_ALERT_NONE = 0,
	DUET_ALERT_DECODE_ERROR = 1,	/* EPROTO: malformed message */
	DUET_ALERT_BAD_RECORD = 2,	/* EBADMSG: record failed to open */
	DUET_ALERT_VERSION = 3,		/* EPROTO: no common version */
	DUET_ALERT_NO_SUITE = 4,	/* EPROTO: no common suite */
	DUET_ALERT_STALE = 5,		/* EPROTO: timestamp out of window, replay */
	DUET_ALERT_UNKNOWN_KEY = 6,	/* ENOKEY: unknown PSK or identity */
	DUET_ALERT_KEY_REJECTED = 7,	/* EKEYREJECTED: bad Finished, untrusted */
	DUET_ALERT_KEY_EXPIRED = 8,	/* EKEYEXPIRED */
	DUET_ALERT_KEY_REVOKED = 9,	/* EKEYREVOKED */
	DUET_ALERT_TIMEOUT = 10,	/* ETIMEDOUT: helper or peer too slow */
	DUET_ALERT_INTERNAL = 11,	/* EIO: the peer failed on its own */
	DUET_ALERT_UNEXPECTED = 12,	/* EPROTO: message out of order */
	DUET_ALERT_BUSY = 13,		/* EBUSY: under load, over its source's rate */
	__DUET_ALERT_MAX
};

/* ---- handshake messages ---------------------------------------------- */

enum duet_msg_type {
	DUET_MSG_HELLO = 1,	/* M1, initiator -> responder */
	DUET_MSG_REPLY = 2,	/* M2, responder -> initiator */
	DUET_MSG_FINISHED = 3,	/* M3, initiator -> responder */
	DUET_MSG_RETRY = 4,	/* M2', no TLVs: ticket refused, send a full M1 */
	DUET_MSG_COOKIE = 5,	/* M2', COOKIE: under load, send M1 again with it */
	__DUET_MSG_MAX
};

enum {
	DUET_MSG_HDR_LEN = 2,		/* type, version */
	DUET_TLV_HDR_LEN = 3,		/* tag, be16 length */
	DUET_WIRE_VERSION = DUET_PROTOCOL_VERSION,
};

/*
 * TLV tags. Every tag but FINISHED appears in increasing order (so none
 * repeats); FINISHED, when present, is always last, so the transcript a
 * Finished covers ends where it begins.
 */
enum duet_tag {
	DUET_T_SUITES = 1,	/* be16 list, 1..DUET_MAX_SUITES, preference order */
	DUET_T_SUITE = 2,	/* be16, the responder's choice */
	DUET_T_NONCE = 3,	/* DUET_NONCE_LEN random bytes */
	DUET_T_TIMESTAMP = 4,	/* be64, seconds since the epoch */
	DUET_T_PSK_ID = 5,	/* 1..DUET_MAX_PSK_ID bytes */
	DUET_T_FINISHED = 6,	/* HMAC, hash length of the suite; last */
	DUET_T_IDENTITY = 7,	/* DUET_ID_LEN: the sender's ID */
	DUET_T_KNOWN_PEER = 8,	/* DUET_ID_LEN: M1, the responder ID A holds */
	DUET_T_KEY_SHARE = 9,	/* DUET_POINT_LEN: an ephemeral P-256 key */
	DUET_T_CERT = 10,	/* DER certificates, leaf first */
	DUET_T_WRAPPED = 11,	/* RSA-OAEP ciphertext of the pre-master */
	DUET_T_SIGNATURE = 12,	/* RSA-PSS over the transcript */
	DUET_T_TICKET = 13,	/* ticket id || be32 use: M1 redeems, M2 echoes */
	DUET_T_NEW_TICKET = 14,	/* M2: id || be32 lifetime || be32 uses || flags */
	DUET_T_EARLY = 15,	/* 1 byte, 1: M1 early data follows; M2 accepted */
	DUET_T_SA = 16,		/* M1: SA id || the initiator's ID */
	DUET_T_COOKIE = 17,	/* DUET_COOKIE_LEN: COOKIE sends it, M1 echoes it */
	__DUET_T_MAX
};
#define DUET_T_MAX (__DUET_T_MAX - 1)
#define DUET_T_BIT(t) (1u << (t))

enum {
	DUET_NONCE_LEN = 32,
	DUET_TIME_WINDOW = 30,		/* seconds either side of the responder's clock */
	DUET_MAX_SUITES = 16,
	DUET_MAX_PSK_ID = DUET_MAX_PSK_ID_LEN,
	DUET_MAX_HASH_LEN = 48,		/* SHA-384 */
	DUET_MAX_KEY_LEN = 32,		/* AES-256 */
	DUET_POINT_LEN = 65,		/* 0x04 || x || y, uncompressed */
	DUET_PREMASTER_LEN = 48,	/* RSA key transport */
	DUET_MIN_RSA_LEN = 256,		/* 2048-bit modulus */
	DUET_TICKET_LEN = DUET_TICKET_ID_LEN + 4,
	DUET_NEW_TICKET_LEN = DUET_TICKET_ID_LEN + 4 + 4 + 1,
	DUET_TICKET_EARLY = 0x01,	/* NEW_TICKET flag: early data allowed */
	DUET_MAX_EARLY = DUET_MAX_PLAINTEXT,	/* one EARLY record */
	DUET_SA_LEN = DUET_SA_ID_LEN + DUET_ID_LEN,
	DUET_COOKIE_LEN = 8,		/* SipHash-2-4 of address and period */
	DUET_COOKIE_PERIOD = 64,	/* seconds; a cookie is good for 1-2 */
};

/* ---- key distribution: what a broker seals for a party ---------------
 *
 * A blob travels from a broker's kernel to a party's inside their duet
 * session (so through both userspaces, sealed). All of it but the key is
 * associated data, readable and authenticated:
 *
 *   0   type (DUET_DIST_*)      1   version        2  members  3  flags (0)
 *   4   sender ID (the broker)  36  recipient ID   68 chain id (8)
 *   76  be32 generation of the link key sealing it
 *   80  be64 sequence number (per link, increasing; the AEAD nonce)
 *   88  SA id (16)              104 be16 suite     106 be16 0
 *   108 be64 hard expiry (s since the epoch)       116 be64 soft expiry
 *   124 be64 hard byte limit    132 be64 soft byte limit (0: none)
 *   140 member IDs (32 each), then the sealed key (32) and its tag (16)
 *
 * DUET_DIST_LINK carries the next link key: SA fields all zero.
 */
enum duet_dist_type { DUET_DIST_SA = 1, DUET_DIST_LINK = 2, __DUET_DIST_MAX };

enum {
	DUET_CHAIN_LEN = 8,
	DUET_LINK_KEY_LEN = 32,
	DUET_SA_KEY_LEN = 32,
	DUET_DIST_HDR_LEN = 140,
	DUET_DIST_SEALED_LEN = 32 + DUET_TAG_LEN,
	DUET_DIST_MAX_LEN = DUET_DIST_HDR_LEN + DUET_MAX_SA_MEMBERS * DUET_ID_LEN +
			    DUET_DIST_SEALED_LEN,
};

struct duet_dist {
	u8 type;
	u8 n_members;
	u8 sender[DUET_ID_LEN];
	u8 recipient[DUET_ID_LEN];
	u8 chain[DUET_CHAIN_LEN];
	u32 gen;
	u64 seq;
	u8 sa_id[DUET_SA_ID_LEN];
	u16 suite;
	u64 not_after, soft_after;
	u64 bytes_hard, bytes_soft;
	u8 members[DUET_MAX_SA_MEMBERS][DUET_ID_LEN];
};

/* The associated data of d into buf (DUET_DIST_MAX_LEN); its length. */
size_t duet_dist_encode(const struct duet_dist *d, u8 *buf);
/* A whole blob: its header into d; the length of the associated data. */
int duet_dist_decode(struct duet_dist *d, const u8 *buf, size_t len);

/* ---- suites (DUET_SUITE_* in uapi/linux/duet.h) ------------------------ */

enum duet_kx {
	DUET_KX_PSK,		/* pre-shared key */
	DUET_KX_ECDHE,		/* ee, es, se, ss P-256 ECDH */
	DUET_KX_RSA,		/* RSA-OAEP key transport, RSA-PSS signed */
};

struct duet_suite_info {
	u16 id;
	u8 kx;			/* enum duet_kx */
	u8 key_type;		/* enum duet_key_type of both identities */
	u8 key_len;		/* AES key bytes */
	u8 hash_len;		/* SHA-256: 32, SHA-384: 48 */
	const char *hash;	/* kernel crypto API names */
	const char *hmac;
	const char *name;
};

/* Suites in default preference order. */
extern const struct duet_suite_info duet_suites[];
extern const unsigned int duet_n_suites;

const struct duet_suite_info *duet_suite_find(u16 id);

/* ---- decoded forms --------------------------------------------------- */

struct duet_tlv {
	const u8 *data;
	u16 len;
};

struct duet_msg {
	u8 type;
	u8 version;
	u32 present;			/* DUET_T_BIT() of each tag seen */
	struct duet_tlv tlv[__DUET_T_MAX];
	size_t finished_off;		/* where FINISHED's TLV starts */
	size_t signature_off;		/* where SIGNATURE's TLV starts */
};

int duet_rec_hdr_decode(const u8 *hdr, u8 *type, u16 *len);
void duet_rec_hdr_encode(u8 *hdr, u8 type, u16 len);

int duet_msg_decode(struct duet_msg *m, const u8 *buf, size_t len);
u16 duet_tlv_be16(const struct duet_tlv *t, unsigned int i);
u64 duet_tlv_be64(const struct duet_tlv *t);

/* Encoding into a caller's buffer; the first failure sticks in ->err. */
struct duet_wbuf {
	u8 *data;
	size_t len;
	size_t cap;
	int err;
};

void duet_put_msg_hdr(struct duet_wbuf *b, u8 type);
void duet_put_tlv(struct duet_wbuf *b, u8 tag, const void *data, size_t len);
void duet_put_tlv_be16(struct duet_wbuf *b, u8 tag, u16 v);
void duet_put_tlv_be64(struct duet_wbuf *b, u8 tag, u64 v);

int duet_alert_errno(u8 alert);
u8 duet_errno_alert(int err);

#endif /* _DUET_WIRE_H */
