/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state. Everything duet keeps (helper registration,
 * keys, caches, sessions, counters) hangs off struct duet_net, so two
 * namespaces joined by a veth pair behave as two hosts.
 */
#ifndef _DUET_NETNS_H
#define _DUET_NETNS_H

#include <linux/atomic.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <uapi/linux/duet.h>

struct duet_net {
	atomic64_t stats[__DUET_STAT_MAX];
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
