// SPDX-License-Identifier: GPL-2.0
/*
 * The certificate cache (certcache.h). One spinlock per namespace covers
 * the hash, the age list and the revoked list; entries are only touched
 * under it, and what leaves it is a reference to the identity.
 */

#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/sock.h>

#include "certcache.h"
#include "keytab.h"
#include "netlink.h"
#include "netns.h"
#include "session.h"
#include "ticket.h"

static unsigned int duet_cache_max = 1024;
module_param_named(cert_cache_max, duet_cache_max, uint, 0644);
MODULE_PARM_DESC(cert_cache_max, "certificates cached per namespace (0: none)");

static unsigned int duet_cache_ttl = 3600;
module_param_named(cert_cache_ttl, duet_cache_ttl, uint, 0644);
MODULE_PARM_DESC(cert_cache_ttl, "seconds a verified certificate stays cached at most");

struct duet_cert {
	struct hlist_node hnode;
	struct list_head age;		/* oldest first */
	struct duet_ident *ident;
	time64_t expires;
	u64 hits;
};

struct duet_revoked {
	struct list_head node;
	u8 id[DUET_ID_LEN];
};

static struct hlist_head *duet_cache_bucket(struct duet_net *dn, const u8 *id)
{
	/* IDs are SHA-256 outputs, but peers choose them: hash with a seed. */
	return &dn->cache_hash[jhash(id, DUET_ID_LEN, dn->replay_seed) &
			       (DUET_CACHE_BUCKETS - 1)];
}

static struct duet_cert *duet_cache_find(struct duet_net *dn, const u8 *id)
{
	struct duet_cert *c;

	hlist_for_each_entry(c, duet_cache_bucket(dn, id), hnode)
		if (!memcmp(c->ident->id, id, DUET_ID_LEN))
			return c;
	return NULL;
}

static void duet_cache_del(struct net *net, struct duet_cert *c)
{
	hlist_del(&c->hnode);
	list_del(&c->age);
	duet_net(net)->cache_n--;
	duet_stat_dec(net, DUET_STAT_CACHE_ENTRIES);
	duet_ident_put(c->ident);
	kfree(c);
}

static bool duet_revoked_locked(struct duet_net *dn, const u8 *id)
{
	struct duet_revoked *r;

	list_for_each_entry(r, &dn->revoked, node)
		if (!memcmp(r->id, id, DUET_ID_LEN))
			return true;
	return false;
}

bool duet_cache_revoked(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	bool revoked;

	spin_lock_bh(&dn->cache_lock);
	revoked = duet_revoked_locked(dn, id);
	spin_unlock_bh(&dn->cache_lock);
	return revoked;
}

struct duet_ident *duet_cache_get(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_ident *ident = NULL;
	struct duet_cert *c;

	spin_lock_bh(&dn->cache_lock);
	if (duet_revoked_locked(dn, id)) {
		ident = ERR_PTR(-EKEYREVOKED);
		goto out;
	}
	c = duet_cache_find(dn, id);
	if (c && c->expires <= ktime_get_real_seconds()) {
		duet_cache_del(net, c);
		c = NULL;
	}
	if (c) {
		c->hits++;
		ident = c->ident;
		refcount_inc(&ident->ref);
	}
out:
	spin_unlock_bh(&dn->cache_lock);
	duet_stat_inc(net, ident ? DUET_STAT_CACHE_HITS : DUET_STAT_CACHE_MISSES);
	return ident;
}

int duet_cache_add(struct net *net, struct duet_ident *ident)
{
	struct duet_net *dn = duet_net(net);
	time64_t now = ktime_get_real_seconds();
	struct duet_cert *c, *old;
	int err = 0;

	if (ident->not_after <= now)
		return -EKEYEXPIRED;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->ident = ident;
	c->expires = min_t(time64_t, ident->not_after, now + READ_ONCE(duet_cache_ttl));

	spin_lock_bh(&dn->cache_lock);
	if (duet_revoked_locked(dn, ident->id)) {
		err = -EKEYREVOKED;
		goto err_unlock;
	}
	if (!READ_ONCE(duet_cache_max))
		goto err_unlock;	/* caching off: not an error */
	old = duet_cache_find(dn, ident->id);
	if (old)
		duet_cache_del(net, old);
	while (dn->cache_n >= READ_ONCE(duet_cache_max))
		duet_cache_del(net, list_first_entry(&dn->cache_age,
						     struct duet_cert, age));
	refcount_inc(&ident->ref);
	hlist_add_head(&c->hnode, duet_cache_bucket(dn, ident->id));
	list_add_tail(&c->age, &dn->cache_age);
	dn->cache_n++;
	duet_stat_inc(net, DUET_STAT_CACHE_ENTRIES);
	spin_unlock_bh(&dn->cache_lock);
	return 0;

err_unlock:
	spin_unlock_bh(&dn->cache_lock);
	kfree(c);
	return err;
}

unsigned int duet_cache_flush(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_cert *c, *tmp;
	unsigned int n = 0;

	spin_lock_bh(&dn->cache_lock);
	list_for_each_entry_safe(c, tmp, &dn->cache_age, age) {
		if (id && memcmp(c->ident->id, id, DUET_ID_LEN))
			continue;
		duet_cache_del(net, c);
		n++;
	}
	spin_unlock_bh(&dn->cache_lock);
	return n;
}

int duet_revoke(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_revoked *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	memcpy(r->id, id, DUET_ID_LEN);
	spin_lock_bh(&dn->cache_lock);
	if (duet_revoked_locked(dn, id)) {
		kfree(r);
	} else if (dn->n_revoked >= DUET_MAX_REVOKED) {
		spin_unlock_bh(&dn->cache_lock);
		kfree(r);
		return -ENOSPC;
	} else {
		list_add_tail(&r->node, &dn->revoked);
		dn->n_revoked++;
	}
	spin_unlock_bh(&dn->cache_lock);
	duet_cache_flush(net, id);
	duet_ticket_revoke(net, id);
	duet_keytab_revoke(net, id);
	return duet_sessions_revoke(net, id);
}

static int duet_cache_put_entry(struct sk_buff *skb, struct netlink_callback *cb,
				const struct duet_cert *c, time64_t now)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &duet_genl_family, NLM_F_MULTI, DUET_CMD_CACHE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (duet_ident_fill(skb, c->ident) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_EXPIRES,
			      c->expires > now ? c->expires - now : 0, DUET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_HITS, c->hits, DUET_ATTR_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* One message per entry, oldest first; cb->args[0] counts those sent. */
int duet_cache_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	time64_t now = ktime_get_real_seconds();
	struct duet_cert *c;
	long i = 0;

	spin_lock_bh(&dn->cache_lock);
	list_for_each_entry(c, &dn->cache_age, age) {
		if (i++ < cb->args[0])
			continue;
		if (duet_cache_put_entry(skb, cb, c, now))
			break;
		cb->args[0] = i;
	}
	spin_unlock_bh(&dn->cache_lock);
	return skb->len;
}

void duet_cache_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);

	spin_lock_init(&dn->cache_lock);
	INIT_LIST_HEAD(&dn->cache_age);
	INIT_LIST_HEAD(&dn->revoked);
}

void duet_cache_net_exit(struct net *net)
{
	struct duet_net *dn = duet_net(net);
	struct duet_revoked *r, *tmp;

	duet_cache_flush(net, NULL);
	list_for_each_entry_safe(r, tmp, &dn->revoked, node)
		kfree(r);
	INIT_LIST_HEAD(&dn->revoked);
	duet_self_set(net, NULL);
}
