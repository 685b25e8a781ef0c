// SPDX-License-Identifier: GPL-2.0
/*
 * Resumption tickets (ticket.h). One spinlock per namespace guards both
 * stores; every operation is a hash lookup and a few list moves, so it
 * is taken with bottom halves off and never held across anything that
 * sleeps. Secrets are copied out under the lock and zeroed on removal.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/sock.h>

#include "netlink.h"
#include "netns.h"
#include "ticket.h"

static unsigned int duet_ticket_max = 4096;
module_param_named(ticket_max, duet_ticket_max, uint, 0644);
MODULE_PARM_DESC(ticket_max, "resumption tickets kept per namespace and role (default 4096)");

/* The responder's address as a held ticket's key: family, port, address. */
struct duet_tk_addr {
	u16 family;
	__be16 port;
	u8 addr[16];
};

struct duet_ticket {
	struct hlist_node hash;
	struct list_head lru;
	u8 role;			/* enum duet_ticket_role */
	bool early;
	u16 suite;
	u32 uses_left;
	u32 use;			/* held: next to send; issued: next early */
	time64_t expires;
	struct duet_tk_addr addr;	/* held */
	u8 id[DUET_TICKET_ID_LEN];
	u8 peer_id[DUET_ID_LEN];
	u8 self_id[DUET_ID_LEN];
	u8 secret[DUET_MAX_HASH_LEN];
};

static void duet_tk_addr(const struct sockaddr *sa, struct duet_tk_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = sa->sa_family;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)sa;

		a->port = sin->sin_port;
		memcpy(a->addr, &sin->sin_addr, sizeof(sin->sin_addr));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		a->port = sin6->sin6_port;
		memcpy(a->addr, &sin6->sin6_addr, sizeof(sin6->sin6_addr));
	}
}

static struct hlist_head *duet_tk_bucket(struct duet_net *dn, u8 role,
					 const void *key, unsigned int len)
{
	return &dn->tk_hash[role][jhash(key, len, dn->tk_seed) % DUET_TK_BUCKETS];
}

static struct hlist_head *duet_tk_bucket_of(struct duet_net *dn,
					    const struct duet_ticket *t)
{
	if (t->role == DUET_TK_HELD)
		return duet_tk_bucket(dn, t->role, &t->addr, sizeof(t->addr));
	return duet_tk_bucket(dn, t->role, t->id, DUET_TICKET_ID_LEN);
}

static void duet_tk_del(struct net *net, struct duet_ticket *t)
{
	struct duet_net *dn = duet_net(net);

	hlist_del(&t->hash);
	list_del(&t->lru);
	dn->tk_n[t->role]--;
	duet_stat_dec(net, DUET_STAT_TICKET_ENTRIES);
	kfree_sensitive(t);
}

static bool duet_tk_live(const struct duet_ticket *t, time64_t now)
{
	return t->uses_left && now < t->expires;
}

static void duet_tk_set(struct duet_ticket *t, enum duet_ticket_role role,
			const struct duet_ticket_info *ti, unsigned int hlen)
{
	time64_t now = ktime_get_real_seconds();

	t->role = role;
	t->early = ti->early;
	t->suite = ti->suite;
	t->uses_left = ti->uses;
	t->expires = min_t(time64_t, now + ti->lifetime, ti->not_after);
	if (ti->addr)
		duet_tk_addr(ti->addr, &t->addr);
	memcpy(t->id, ti->id, DUET_TICKET_ID_LEN);
	memcpy(t->peer_id, ti->peer_id, DUET_ID_LEN);
	memcpy(t->self_id, ti->self_id, DUET_ID_LEN);
	memcpy(t->secret, ti->secret, hlen);
}

/* A held ticket replaces the one held for the same address. */
int duet_ticket_add(struct net *net, enum duet_ticket_role role,
		    const struct duet_ticket_info *ti)
{
	const struct duet_suite_info *s = duet_suite_find(ti->suite);
	struct duet_net *dn = duet_net(net);
	struct duet_ticket *t, *old;
	struct hlist_head *head;

	if (!s || !ti->uses || (role == DUET_TK_HELD && !ti->addr))
		return -EINVAL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	duet_tk_set(t, role, ti, s->hash_len);
	/* a certificate about to expire, or ticket_max 0: no ticket */
	if (t->expires <= ktime_get_real_seconds() || !READ_ONCE(duet_ticket_max)) {
		kfree_sensitive(t);
		return 0;
	}
	head = duet_tk_bucket_of(dn, t);

	spin_lock_bh(&dn->tk_lock);
	if (role == DUET_TK_HELD) {
		hlist_for_each_entry(old, head, hash) {
			if (!memcmp(&old->addr, &t->addr, sizeof(t->addr))) {
				duet_tk_del(net, old);
				break;
			}
		}
	}
	while (dn->tk_n[role] && dn->tk_n[role] >= READ_ONCE(duet_ticket_max)) {
		old = list_first_entry(&dn->tk_lru[role], struct duet_ticket, lru);
		duet_tk_del(net, old);
		duet_stat_inc(net, DUET_STAT_TICKETS_EVICTED);
	}
	hlist_add_head(&t->hash, head);
	list_add_tail(&t->lru, &dn->tk_lru[role]);
	dn->tk_n[role]++;
	duet_stat_inc(net, DUET_STAT_TICKET_ENTRIES);
	spin_unlock_bh(&dn->tk_lock);
	return 0;
}

static void duet_tk_out(const struct duet_ticket *t, struct duet_resume *r)
{
	memcpy(r->id, t->id, DUET_TICKET_ID_LEN);
	memcpy(r->secret, t->secret, sizeof(r->secret));
	memcpy(r->peer_id, t->peer_id, DUET_ID_LEN);
	r->suite = t->suite;
}

/* One use; the ticket goes when it has none left. tk_lock held. */
static void duet_tk_use(struct net *net, struct duet_ticket *t)
{
	struct duet_net *dn = duet_net(net);

	if (!--t->uses_left)
		duet_tk_del(net, t);
	else
		list_move_tail(&t->lru, &dn->tk_lru[t->role]);
}

int duet_ticket_take(struct net *net, const struct sockaddr *addr,
		     const u8 *peer_id, const u8 *self_id, struct duet_resume *r)
{
	struct duet_net *dn = duet_net(net);
	time64_t now = ktime_get_real_seconds();
	struct duet_ticket *t, *found = NULL;
	struct duet_tk_addr a;
	struct hlist_head *head;

	duet_tk_addr(addr, &a);
	head = duet_tk_bucket(dn, DUET_TK_HELD, &a, sizeof(a));
	spin_lock_bh(&dn->tk_lock);
	hlist_for_each_entry(t, head, hash) {
		if (!memcmp(&t->addr, &a, sizeof(a))) {
			found = t;
			break;
		}
	}
	if (found && (!duet_tk_live(found, now) ||
		      memcmp(found->self_id, self_id, DUET_ID_LEN))) {
		duet_tk_del(net, found);	/* expired, or not ours any more */
		found = NULL;
	}
	if (found && peer_id && memcmp(found->peer_id, peer_id, DUET_ID_LEN))
		found = NULL;			/* another responder asked for */
	if (found) {
		duet_tk_out(found, r);
		r->use = found->use++;
		r->early = found->early;
		duet_tk_use(net, found);
	}
	spin_unlock_bh(&dn->tk_lock);
	return found ? 0 : -ENOENT;
}

static struct duet_ticket *duet_tk_find_issued(struct duet_net *dn, const u8 *id)
{
	struct hlist_head *head;
	struct duet_ticket *t;

	head = duet_tk_bucket(dn, DUET_TK_ISSUED, id, DUET_TICKET_ID_LEN);
	hlist_for_each_entry(t, head, hash)
		if (!memcmp(t->id, id, DUET_TICKET_ID_LEN))
			return t;
	return NULL;
}

void duet_ticket_forget(struct net *net, const struct sockaddr *addr, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct hlist_head *head;
	struct duet_ticket *t;
	struct duet_tk_addr a;

	duet_tk_addr(addr, &a);
	head = duet_tk_bucket(dn, DUET_TK_HELD, &a, sizeof(a));
	spin_lock_bh(&dn->tk_lock);
	hlist_for_each_entry(t, head, hash) {
		if (!memcmp(t->id, id, DUET_TICKET_ID_LEN)) {
			duet_tk_del(net, t);	/* one per address: done */
			break;
		}
	}
	spin_unlock_bh(&dn->tk_lock);
}

bool duet_ticket_known(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	bool known;

	spin_lock_bh(&dn->tk_lock);
	known = duet_tk_find_issued(dn, id);
	spin_unlock_bh(&dn->tk_lock);
	return known;
}

int duet_ticket_redeem(struct net *net, const u8 *self_id, struct duet_resume *r)
{
	struct duet_net *dn = duet_net(net);
	time64_t now = ktime_get_real_seconds();
	struct duet_ticket *t;
	int err = 0;

	spin_lock_bh(&dn->tk_lock);
	t = duet_tk_find_issued(dn, r->id);
	if (t && (!duet_tk_live(t, now) ||
		  memcmp(t->self_id, self_id, DUET_ID_LEN))) {
		duet_tk_del(net, t);
		t = NULL;
	}
	if (!t) {
		err = -ENOENT;
		goto out;
	}
	/* Early data only on a use number never seen before: single use. */
	r->early = r->early && t->early && r->use >= t->use;
	if (r->use >= t->use)
		t->use = r->use + 1;
	duet_tk_out(t, r);
	duet_tk_use(net, t);
out:
	spin_unlock_bh(&dn->tk_lock);
	return err;
}

unsigned int duet_ticket_flush(struct net *net, int role)
{
	struct duet_net *dn = duet_net(net);
	struct duet_ticket *t, *tmp;
	unsigned int n = 0;
	int r;

	spin_lock_bh(&dn->tk_lock);
	for (r = DUET_TK_HELD; r <= DUET_TK_ISSUED; r++) {
		if (role >= 0 && role != r)
			continue;
		list_for_each_entry_safe(t, tmp, &dn->tk_lru[r], lru) {
			duet_tk_del(net, t);
			n++;
		}
	}
	spin_unlock_bh(&dn->tk_lock);
	return n;
}

/* A revoked certificate: no ticket resting on it survives, either side. */
void duet_ticket_revoke(struct net *net, const u8 *peer_id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_ticket *t, *tmp;
	int r;

	spin_lock_bh(&dn->tk_lock);
	for (r = DUET_TK_HELD; r <= DUET_TK_ISSUED; r++)
		list_for_each_entry_safe(t, tmp, &dn->tk_lru[r], lru)
			if (!memcmp(t->peer_id, peer_id, DUET_ID_LEN) ||
			    !memcmp(t->self_id, peer_id, DUET_ID_LEN))
				duet_tk_del(net, t);
	spin_unlock_bh(&dn->tk_lock);
}

static int duet_tk_put_addr(struct sk_buff *skb, const struct duet_tk_addr *a)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_port = a->port };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = a->port };

	if (a->family == AF_INET) {
		memcpy(&sin.sin_addr, a->addr, sizeof(sin.sin_addr));
		return nla_put(skb, DUET_ATTR_PEER_ADDR, sizeof(sin), &sin);
	}
	memcpy(&sin6.sin6_addr, a->addr, sizeof(sin6.sin6_addr));
	return nla_put(skb, DUET_ATTR_PEER_ADDR, sizeof(sin6), &sin6);
}

static int duet_tk_put(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct duet_ticket *t, time64_t now)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &duet_genl_family, NLM_F_MULTI, DUET_CMD_TICKETS_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, DUET_ATTR_ROLE, t->role) ||
	    nla_put(skb, DUET_ATTR_TICKET, DUET_TICKET_ID_LEN, t->id) ||
	    nla_put(skb, DUET_ATTR_ID, DUET_ID_LEN, t->peer_id) ||
	    nla_put_u32(skb, DUET_ATTR_SUITE, t->suite) ||
	    nla_put_u32(skb, DUET_ATTR_USES_LEFT, t->uses_left) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_EXPIRES,
			      t->expires > now ? t->expires - now : 0, DUET_ATTR_PAD) ||
	    nla_put_u32(skb, DUET_ATTR_EARLY, t->early) ||
	    (t->role == DUET_TK_HELD && duet_tk_put_addr(skb, &t->addr))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Held tickets, then issued ones; cb->args[0] counts those sent. */
int duet_tickets_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	time64_t now = ktime_get_real_seconds();
	struct duet_ticket *t;
	long i = 0;
	int r;

	spin_lock_bh(&dn->tk_lock);
	for (r = DUET_TK_HELD; r <= DUET_TK_ISSUED; r++) {
		list_for_each_entry(t, &dn->tk_lru[r], lru) {
			if (i++ < cb->args[0])
				continue;
			if (duet_tk_put(skb, cb, t, now))
				goto out;
			cb->args[0] = i;
		}
	}
out:
	spin_unlock_bh(&dn->tk_lock);
	return skb->len;
}

void duet_ticket_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);
	int r, i;

	spin_lock_init(&dn->tk_lock);
	for (r = DUET_TK_HELD; r <= DUET_TK_ISSUED; r++) {
		INIT_LIST_HEAD(&dn->tk_lru[r]);
		for (i = 0; i < DUET_TK_BUCKETS; i++)
			INIT_HLIST_HEAD(&dn->tk_hash[r][i]);
	}
	dn->tk_seed = get_random_u32();
	dn->tk_lifetime = DUET_TICKET_LIFETIME;
	dn->tk_uses = DUET_TICKET_USES;
}

void duet_ticket_net_exit(struct net *net)
{
	duet_ticket_flush(net, -1);
}
