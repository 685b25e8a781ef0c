/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The certificate cache: peer identities the helper verified, per network
 * namespace, keyed by ID. Bounded (cert_cache_max, oldest out first); an
 * entry lives until its certificate's not-after or cert_cache_ttl seconds,
 * whichever comes first. Revoked IDs are remembered apart (bounded too)
 * and refused whatever the helper says.
 */
#ifndef _DUET_CERTCACHE_H
#define _DUET_CERTCACHE_H

#include "ident.h"

#define DUET_MAX_REVOKED 4096

/* A reference, NULL on a miss, or ERR_PTR(-EKEYREVOKED). */
struct duet_ident *duet_cache_get(struct net *net, const u8 *id);
/* Adds (a reference of) ident: 0, -EKEYREVOKED or -EKEYEXPIRED. */
int duet_cache_add(struct net *net, struct duet_ident *ident);
bool duet_cache_revoked(struct net *net, const u8 *id);
/* Removes id's entry, or all with id NULL; how many. */
unsigned int duet_cache_flush(struct net *net, const u8 *id);
/* Revokes id: remembered, purged, its sessions closed; how many, or < 0. */
int duet_revoke(struct net *net, const u8 *id);
int duet_cache_dump(struct sk_buff *skb, struct netlink_callback *cb);

void duet_cache_net_init(struct net *net);
void duet_cache_net_exit(struct net *net);

#endif /* _DUET_CERTCACHE_H */
