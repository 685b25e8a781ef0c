/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What duet-broker speaks over AF_DUET (Documentation/broker.md, "The
 * broker protocol"): messages of a 4-byte header (type, 0, be16 body
 * length) and a body. Blobs in it are sealed by a kernel; nothing here is
 * secret, and the AF_DUET session under it authenticates both ends.
 */
#ifndef DUET_BROKER_PROTO_H
#define DUET_BROKER_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <linux/duet.h>

enum bk_type {
	BK_HELLO = 1,		/* party: flags, chain[8], be32 gen */
	BK_WELCOME,		/* broker: the link is good */
	BK_REAUTH,		/* broker: no such link here; a full handshake */
	BK_REQUEST,		/* party: be32 req, be32 lifetime, be64 bytes, IDs */
	BK_ADD,			/* party: be32 req, SA id, ID */
	BK_SA,			/* broker: be32 tag, blob (an SA for you) */
	BK_SA_ACK,		/* party: be32 tag, be32 errno */
	BK_RESULT,		/* broker: be32 req, be32 errno, [blob: yours] */
	BK_ENDED,		/* party: SA id, a session on it closed */
	BK_LINK,		/* broker: blob, the next link key */
	BK_LINK_ACK,		/* party: be32 gen installed */
	BK_FORWARD,		/* broker to broker: be32 tag, ID, blob */
	__BK_MAX
};

enum {
	BK_HDR_LEN = 4,
	BK_MAX_BODY = 1024,
	BK_HELLO_NEW_LINK = 0x01,	/* we just made a link key (DUET_LINK) */
	BK_HELLO_BROKER = 0x02,		/* we are a broker of another domain */
};

struct bk_msg {
	uint8_t type;
	uint16_t len;
	uint8_t body[BK_MAX_BODY];
};

/* Blocking, whole messages; -errno on failure, -EPIPE at the end. */
int bk_send(int fd, uint8_t type, const void *body, size_t len);
int bk_recv(int fd, struct bk_msg *m);

/* Body helpers: big-endian at p. */
void bk_put32(uint8_t *p, uint32_t v);
void bk_put64(uint8_t *p, uint64_t v);
uint32_t bk_get32(const uint8_t *p);
uint64_t bk_get64(const uint8_t *p);

/* The AF_DUET peer's ID (DUET_PEER_ID); -errno. */
int bk_peer_id(int fd, uint8_t id[DUET_ID_LEN]);

/* The local control socket of a party's agent (abstract, per netns). */
#define BK_AGENT_SOCKET "duet-broker-agent"

#endif /* DUET_BROKER_PROTO_H */
