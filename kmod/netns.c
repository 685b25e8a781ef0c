// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: created zeroed by the pernet core when a
 * namespace comes up, checked empty when it goes away. Every AF_DUET socket
 * holds a reference on its namespace, so the exit hook runs after the last
 * of them is gone.
 */

#include "netns.h"

unsigned int duet_net_id __read_mostly;

static void __net_exit duet_net_exit(struct net *net)
{
	WARN_ON_ONCE(duet_stat_read(net, DUET_STAT_SOCKETS_ACTIVE));
}

static struct pernet_operations duet_net_ops = {
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
