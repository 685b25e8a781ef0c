// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: set up when a namespace comes up, emptied
 * when it goes away. Every AF_DUET socket holds a reference on its
 * namespace, so the exit hook runs after the last of them is gone.
 */

#include <linux/random.h>

#include "certcache.h"
#include "flood.h"
#include "keytab.h"
#include "netns.h"
#include "psk.h"
#include "replay.h"
#include "session.h"
#include "ticket.h"
#include "upcall.h"

unsigned int duet_net_id __read_mostly;

static int __net_init duet_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);

	mutex_init(&dn->psk_lock);
	INIT_LIST_HEAD(&dn->psks);
	spin_lock_init(&dn->replay_lock);
	INIT_LIST_HEAD(&dn->replay_fifo);
	dn->replay_seed = get_random_u32();
	spin_lock_init(&dn->up_lock);
	INIT_LIST_HEAD(&dn->upcalls);
	duet_cache_net_init(net);
	duet_session_net_init(net);
	duet_ticket_net_init(net);
	duet_keytab_net_init(net);
	duet_flood_net_init(net);
	return 0;
}

static void __net_exit duet_net_exit(struct net *net)
{
	WARN_ON_ONCE(duet_stat_read(net, DUET_STAT_SOCKETS_ACTIVE));
	duet_psk_flush(net);
	duet_replay_flush(net);
	duet_upcall_net_exit(net);
	duet_cache_net_exit(net);
	duet_ticket_net_exit(net);
	duet_keytab_net_exit(net);
	duet_flood_net_exit(net);
	WARN_ON_ONCE(!list_empty(&duet_net(net)->sessions));
}

static struct pernet_operations duet_net_ops = {
	.init = duet_net_init,
	.exit = duet_net_exit,
	.id = &duet_net_id,
	.size = sizeof(struct duet_net),
};

int __init duet_netns_init(void)
{
	return register_pernet_subsys(&duet_net_ops);
}

void duet_netns_exit(void)
{
	unregister_pernet_subsys(&duet_net_ops);
}
