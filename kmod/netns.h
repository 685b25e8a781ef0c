/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state. Everything duet keeps (keys, caches,
 * sessions, counters) hangs off struct duet_net, so two namespaces joined
 * by a veth pair behave as two hosts.
 */
#ifndef _DUET_NETNS_H
#define _DUET_NETNS_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <uapi/linux/duet.h>

#define DUET_REPLAY_BITS 10
#define DUET_CACHE_BUCKETS 256
#define DUET_TK_BUCKETS 256
#define DUET_FLOOD_BITS 8
#define DUET_FLOOD_SOURCES 4096	/* sources with a rate bucket, at most */

struct duet_ident;

struct duet_net {
	atomic64_t stats[__DUET_STAT_MAX];

	struct mutex psk_lock;		/* writers of psks */
	struct list_head psks;		/* struct duet_psk, RCU for readers */
	unsigned int n_psks;

	spinlock_t replay_lock;		/* the M1 replay cache */
	struct hlist_head replay_hash[1 << DUET_REPLAY_BITS];
	struct list_head replay_fifo;	/* oldest first */
	unsigned int replay_n;
	u32 replay_seed;

	spinlock_t up_lock;		/* the helper and its upcalls */
	u32 helper_portid;		/* 0: no helper */
	struct list_head upcalls;	/* struct duet_upcall in flight */
	unsigned int n_upcalls;
	u64 up_next_id;

	spinlock_t cache_lock;		/* identities: ours, peers', revoked */
	struct duet_ident __rcu *self;
	struct hlist_head cache_hash[DUET_CACHE_BUCKETS];
	struct list_head cache_age;	/* struct duet_cert, oldest first */
	unsigned int cache_n;
	struct list_head revoked;	/* struct duet_revoked */
	unsigned int n_revoked;

	spinlock_t sess_lock;
	struct list_head sessions;	/* established struct duet_sock */

	spinlock_t tk_lock;		/* tickets, [enum duet_ticket_role] */
	struct hlist_head tk_hash[2][DUET_TK_BUCKETS];
	struct list_head tk_lru[2];	/* least recently used first */
	unsigned int tk_n[2];
	u32 tk_seed;
	u32 tk_lifetime;		/* what new tickets get */
	u32 tk_uses;

	spinlock_t kt_lock;		/* the key table: links and SAs */
	struct list_head links;		/* struct duet_link */
	struct list_head sas;		/* struct duet_sa */
	unsigned int n_links;
	unsigned int n_sas;

	atomic_t hs_pending;		/* responder handshakes in progress */
	siphash_key_t flood_key;	/* cookies */
	spinlock_t flood_lock;		/* per-source rate buckets */
	struct hlist_head flood_hash[1 << DUET_FLOOD_BITS];
	unsigned int flood_n;
	u32 flood_seed;
};

extern unsigned int duet_net_id;

static inline struct duet_net *duet_net(const struct net *net)
{
	return net_generic(net, duet_net_id);
}

static inline void duet_stat_inc(const struct net *net, enum duet_stat stat)
{
	atomic64_inc(&duet_net(net)->stats[stat]);
}

static inline void duet_stat_add(const struct net *net, enum duet_stat stat,
				 s64 n)
{
	atomic64_add(n, &duet_net(net)->stats[stat]);
}

static inline void duet_stat_dec(const struct net *net, enum duet_stat stat)
{
	atomic64_dec(&duet_net(net)->stats[stat]);
}

static inline u64 duet_stat_read(const struct net *net, enum duet_stat stat)
{
	return atomic64_read(&duet_net(net)->stats[stat]);
}

int duet_netns_init(void);
void duet_netns_exit(void);

#endif /* _DUET_NETNS_H */
