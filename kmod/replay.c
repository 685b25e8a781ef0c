// SPDX-License-Identifier: GPL-2.0
/*
 * The M1 replay cache: a hash of nonces (keyed with a per-namespace random
 * seed, so peers cannot aim at one bucket) and a FIFO that expires them
 * once their M1 could no longer pass the timestamp window.
 */

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/slab.h>

#include "netns.h"
#include "replay.h"
#include "wire.h"

struct duet_replay_entry {
	struct hlist_node hnode;
	struct list_head fifo;
	time64_t expires;
	u8 nonce[DUET_NONCE_LEN];
};

static void duet_replay_drop(struct duet_net *dn, struct duet_replay_entry *e)
{
	hlist_del(&e->hnode);
	list_del(&e->fifo);
	dn->replay_n--;
	kfree(e);
}

static void duet_replay_expire(struct net *net, struct duet_net *dn,
			       time64_t now)
{
	struct duet_replay_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &dn->replay_fifo, fifo) {
		if (e->expires > now)
			break;
		duet_replay_drop(dn, e);
		duet_stat_dec(net, DUET_STAT_REPLAY_ENTRIES);
	}
}

int duet_replay_check(struct net *net, const u8 *nonce, time64_t now)
{
	struct duet_net *dn = duet_net(net);
	struct duet_replay_entry *e, *new;
	struct hlist_head *head;
	int err = 0;

	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	memcpy(new->nonce, nonce, DUET_NONCE_LEN);
	/* An M1 is fresh for DUET_TIME_WINDOW either side of its stamp. */
	new->expires = now + 2 * DUET_TIME_WINDOW + 1;
	head = &dn->replay_hash[jhash(nonce, DUET_NONCE_LEN, dn->replay_seed) >>
				(32 - DUET_REPLAY_BITS)];

	spin_lock_bh(&dn->replay_lock);
	duet_replay_expire(net, dn, now);
	hlist_for_each_entry(e, head, hnode) {
		if (!memcmp(e->nonce, nonce, DUET_NONCE_LEN)) {
			err = -ESTALE;
			goto out;
		}
	}
	if (dn->replay_n >= DUET_REPLAY_MAX) {
		err = -ESTALE;
		goto out;
	}
	hlist_add_head(&new->hnode, head);
	list_add_tail(&new->fifo, &dn->replay_fifo);
	dn->replay_n++;
	duet_stat_inc(net, DUET_STAT_REPLAY_ENTRIES);
	new = NULL;
out:
	spin_unlock_bh(&dn->replay_lock);
	kfree(new);
	return err;
}

void duet_replay_flush(struct net *net)
{
	struct duet_net *dn = duet_net(net);
	struct duet_replay_entry *e, *tmp;

	spin_lock_bh(&dn->replay_lock);
	list_for_each_entry_safe(e, tmp, &dn->replay_fifo, fifo)
		duet_replay_drop(dn, e);
	spin_unlock_bh(&dn->replay_lock);
}
