/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key table of a network namespace (Documentation/broker.md): link
 * keys shared with a broker or with a broker's parties, and the security
 * associations (SAs) brokers hand out. In kernel memory only: what leaves
 * it is sealed under a link key (a blob) or is metadata.
 *
 * A link key is generation 0 of a chain when a full handshake makes it
 * (DUET_LINK); each session a broker sees end moves it on one generation,
 * the next key sent sealed under the current one, the old one erased.
 * An SA is what two or more parties (its members) need to confirm a
 * session with each other without public-key work: an id, a PSK suite,
 * a key, hard and soft limits in time and bytes.
 */
#ifndef _DUET_KEYTAB_H
#define _DUET_KEYTAB_H

#include <linux/types.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "wire.h"

#define DUET_MAX_LINKS		4096
#define DUET_MAX_SAS		16384
#define DUET_SA_GRACE		300	/* s an expired SA still says so */

enum duet_sa_role { DUET_SA_HELD, DUET_SA_ISSUED };

/* What a handshake takes of an SA, and a session keeps of it. */
struct duet_sa_use {
	u8 id[DUET_SA_ID_LEN];
	u8 broker[DUET_ID_LEN];
	u8 key[DUET_SA_KEY_LEN];
	u8 peer[DUET_ID_LEN];		/* zero: a group, which one unknown */
	u16 suite;
	time64_t not_after, soft_after;
	u64 bytes_hard, bytes_soft;
};

/* Limits of a new SA (SA_CREATE). */
struct duet_sa_limits {
	u32 lifetime, soft;		/* seconds from now; soft 0: none */
	u64 bytes_hard, bytes_soft;	/* 0: none */
};

/* DUET_LINK: a full handshake's exporter secret becomes a link key. */
int duet_link_install(struct net *net, u8 role, const u8 *peer,
		      const u8 *exp, const struct duet_suite_info *suite);

int duet_sa_create(struct net *net, const u8 *members, unsigned int n,
		   u16 suite, const struct duet_sa_limits *lim, u8 *id);
int duet_sa_member_add(struct net *net, const u8 *id, const u8 *member);
int duet_sa_wrap(struct net *net, const u8 *id, const u8 *party, u8 *blob);
int duet_sa_rewrap(struct net *net, const u8 *in, unsigned int len,
		   const u8 *party, u8 *blob);
/* Party: an SA (*gen untouched, id set) or the next link key (*gen). */
int duet_dist_install(struct net *net, const u8 *blob, unsigned int len,
		      u8 *id, u32 *gen);
int duet_sa_del(struct net *net, const u8 *id);
int duet_link_next(struct net *net, const u8 *party, u8 *blob, u32 *gen);
int duet_link_commit(struct net *net, const u8 *party, u32 gen);
unsigned int duet_links_flush(struct net *net, int role);	/* 0: all */
void duet_keytab_revoke(struct net *net, const u8 *id);

/*
 * A handshake: the held SA id for self, with peer (NULL: the initiator,
 * any other member). -ENOKEY (none, or not members), -EKEYEXPIRED.
 */
int duet_sa_take(struct net *net, const u8 *id, const u8 *self,
		 const u8 *peer, struct duet_sa_use *u);

int duet_links_dump(struct sk_buff *skb, struct netlink_callback *cb);
int duet_sas_dump(struct sk_buff *skb, struct netlink_callback *cb);

void duet_keytab_net_init(struct net *net);
void duet_keytab_net_exit(struct net *net);

#endif /* _DUET_KEYTAB_H */
