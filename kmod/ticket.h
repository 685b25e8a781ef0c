/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resumption tickets, per network namespace, in kernel memory only.
 *
 * A responder keeps the tickets it issued, keyed by ticket id: the
 * resumption secret, whom it was issued to, uses left, expiry, and the
 * lowest use number that may still carry early data. An initiator keeps
 * the tickets it holds, keyed by the responder's address: the same, plus
 * the next use number to send. Both stores are bounded (ticket_max each,
 * least recently used out first, counted); nothing in them ever leaves
 * the kernel but ids, peers, counts and times.
 */
#ifndef _DUET_TICKET_H
#define _DUET_TICKET_H

#include <linux/socket.h>
#include <linux/types.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "wire.h"

#define DUET_TICKET_LIFETIME	86400	/* seconds, default */
#define DUET_TICKET_USES	100	/* default */
#define DUET_TICKET_MAX_USES	65535
#define DUET_TICKET_MAX_LIFETIME (30 * 86400)

enum duet_ticket_role { DUET_TK_HELD, DUET_TK_ISSUED };

/* What a handshake takes of a ticket, on either side. */
struct duet_resume {
	u8 id[DUET_TICKET_ID_LEN];
	u8 secret[DUET_MAX_HASH_LEN];
	u8 peer_id[DUET_ID_LEN];
	u16 suite;
	u32 use;			/* this use's number */
	bool early;			/* held: allowed; issued: accepted */
};

/* A new ticket, as the handshake that earned it describes it. */
struct duet_ticket_info {
	const u8 *id;
	const u8 *secret;		/* the suite's hash length */
	const u8 *peer_id;
	const u8 *self_id;
	u16 suite;
	u32 lifetime;			/* seconds */
	u32 uses;
	bool early;
	time64_t not_after;		/* the earliest of both certificates' */
	const struct sockaddr *addr;	/* held: the responder's address */
};

int duet_ticket_add(struct net *net, enum duet_ticket_role role,
		    const struct duet_ticket_info *ti);

/* Initiator: take one use of the ticket for addr (and peer_id, if given). */
int duet_ticket_take(struct net *net, const struct sockaddr *addr,
		     const u8 *peer_id, const u8 *self_id, struct duet_resume *r);
/* Initiator: the responder at addr refused ticket id; forget it. */
void duet_ticket_forget(struct net *net, const struct sockaddr *addr, const u8 *id);

/* Responder: is there such a ticket? (before the replay cache) */
bool duet_ticket_known(struct net *net, const u8 *id);
/*
 * Responder: redeem one use of r->id, atomically. r->use and r->early
 * (asked) in; r->early (granted: r->use is the highest so far), the
 * secret, peer and suite out. -ENOENT when the ticket is unknown,
 * expired, used up or not ours any more.
 */
int duet_ticket_redeem(struct net *net, const u8 *self_id, struct duet_resume *r);

unsigned int duet_ticket_flush(struct net *net, int role);	/* -1: both */
void duet_ticket_revoke(struct net *net, const u8 *peer_id);
int duet_tickets_dump(struct sk_buff *skb, struct netlink_callback *cb);

void duet_ticket_net_init(struct net *net);
void duet_ticket_net_exit(struct net *net);

#endif /* _DUET_TICKET_H */
