// SPDX-License-Identifier: GPL-2.0
/*
 * The key table (keytab.h): link keys and security associations, per
 * namespace, under one spinlock. Crypto never runs under it: a step copies
 * what it needs out, seals or opens, then takes the lock again and checks
 * nothing moved before it commits (a sequence number, a generation).
 */

#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/sock.h>

#include "ident.h"
#include "keytab.h"
#include "netlink.h"
#include "netns.h"
#include "wrap.h"

struct duet_link {
	struct list_head node;
	u8 peer[DUET_ID_LEN];
	u8 role;			/* enum duet_link_role */
	bool pending;			/* broker: key is new, prev not yet erased */
	u8 chain[DUET_CHAIN_LEN];
	u32 gen;
	u64 seq;			/* broker: last sealed; party: last taken */
	u8 key[DUET_LINK_KEY_LEN];
	u8 prev[DUET_LINK_KEY_LEN];	/* broker, pending: the party's key */
	time64_t born, refreshed;
};

struct duet_sa {
	struct list_head node;
	u8 id[DUET_SA_ID_LEN];
	u8 role;			/* enum duet_sa_role */
	u8 n_members;
	u16 suite;
	u8 broker[DUET_ID_LEN];		/* held: the broker that sealed it */
	u8 members[DUET_MAX_SA_MEMBERS][DUET_ID_LEN];
	u8 key[DUET_SA_KEY_LEN];
	time64_t not_after, soft_after;
	u64 bytes_hard, bytes_soft;
	u64 hits;
};

static struct duet_link *duet_link_find(struct duet_net *dn, const u8 *peer,
					u8 role)
{
	struct duet_link *l;

	list_for_each_entry(l, &dn->links, node)
		if (l->role == role && !memcmp(l->peer, peer, DUET_ID_LEN))
			return l;
	return NULL;
}

static struct duet_sa *duet_sa_find(struct duet_net *dn, const u8 *id, int role)
{
	struct duet_sa *sa;

	list_for_each_entry(sa, &dn->sas, node)
		if ((role < 0 || sa->role == role) &&
		    !memcmp(sa->id, id, DUET_SA_ID_LEN))
			return sa;
	return NULL;
}

static int duet_sa_member(const struct duet_sa *sa, const u8 *id)
{
	int i;

	for (i = 0; i < sa->n_members; i++)
		if (!memcmp(sa->members[i], id, DUET_ID_LEN))
			return i;
	return -1;
}

/* Unlinks; the caller frees (outside the lock) with duet_free_list(). */
static void duet_link_unlink(struct net *net, struct duet_link *l,
			     struct list_head *dead)
{
	list_move(&l->node, dead);
	duet_net(net)->n_links--;
	duet_stat_dec(net, DUET_STAT_LINK_ENTRIES);
}

static void duet_sa_unlink(struct net *net, struct duet_sa *sa,
			   struct list_head *dead)
{
	list_move(&sa->node, dead);
	duet_net(net)->n_sas--;
	duet_stat_dec(net, DUET_STAT_SA_ENTRIES);
}

/* Both structs start with their list node, and hold keys: zeroed. */
static void duet_free_list(struct list_head *dead)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, dead) {
		list_del(p);
		kfree_sensitive(p);
	}
}

/* Held SAs that a broker's old link brought: a new chain makes them stale. */
static void duet_sa_drop_from(struct net *net, const u8 *broker,
			      struct list_head *dead)
{
	struct duet_sa *sa, *n;

	list_for_each_entry_safe(sa, n, &duet_net(net)->sas, node)
		if (sa->role == DUET_SA_HELD &&
		    !memcmp(sa->broker, broker, DUET_ID_LEN))
			duet_sa_unlink(net, sa, dead);
}

static void duet_sa_gc(struct net *net, time64_t now, struct list_head *dead)
{
	struct duet_sa *sa, *n;

	list_for_each_entry_safe(sa, n, &duet_net(net)->sas, node)
		if (now >= sa->not_after + DUET_SA_GRACE)
			duet_sa_unlink(net, sa, dead);
}

int duet_link_install(struct net *net, u8 role, const u8 *peer,
		      const u8 *exp, const struct duet_suite_info *suite)
{
	struct duet_net *dn = duet_net(net);
	struct duet_link *l, *old;
	LIST_HEAD(dead);
	int err;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	err = duet_link_derive(suite, exp, l->key, l->chain);
	if (err) {
		kfree_sensitive(l);
		return err;
	}
	memcpy(l->peer, peer, DUET_ID_LEN);
	l->role = role;
	l->born = l->refreshed = ktime_get_real_seconds();

	spin_lock_bh(&dn->kt_lock);
	old = duet_link_find(dn, peer, role);
	if (old) {
		duet_link_unlink(net, old, &dead);
		if (role == DUET_LINK_PARTY)
			duet_sa_drop_from(net, peer, &dead);
	} else if (dn->n_links >= DUET_MAX_LINKS) {
		spin_unlock_bh(&dn->kt_lock);
		kfree_sensitive(l);
		return -ENOSPC;
	}
	list_add_tail(&l->node, &dn->links);
	dn->n_links++;
	duet_stat_inc(net, DUET_STAT_LINK_ENTRIES);
	spin_unlock_bh(&dn->kt_lock);
	duet_free_list(&dead);
	return 0;
}

/* ---- broker --------------------------------------------------------- */

static bool duet_members_ok(const u8 *m, unsigned int n)
{
	unsigned int i, j;

	if (n < 2 || n > DUET_MAX_SA_MEMBERS)
		return false;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!memcmp(m + i * DUET_ID_LEN, m + j * DUET_ID_LEN,
				    DUET_ID_LEN))
				return false;
	return true;
}

int duet_sa_create(struct net *net, const u8 *members, unsigned int n,
		   u16 suite, const struct duet_sa_limits *lim, u8 *id)
{
	const struct duet_suite_info *s = duet_suite_find(suite);
	time64_t now = ktime_get_real_seconds();
	struct duet_net *dn = duet_net(net);
	struct duet_sa *sa;
	LIST_HEAD(dead);

	if (!s || s->kx != DUET_KX_PSK || !duet_members_ok(members, n) ||
	    !lim->lifetime || lim->soft > lim->lifetime ||
	    (lim->bytes_hard && lim->bytes_soft > lim->bytes_hard))
		return -EINVAL;
	sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	if (!sa)
		return -ENOMEM;
	get_random_bytes(sa->id, DUET_SA_ID_LEN);
	get_random_bytes(sa->key, DUET_SA_KEY_LEN);
	sa->role = DUET_SA_ISSUED;
	sa->suite = suite;
	sa->n_members = n;
	memcpy(sa->members, members, n * DUET_ID_LEN);
	sa->not_after = now + lim->lifetime;
	sa->soft_after = lim->soft ? now + lim->soft : 0;
	sa->bytes_hard = lim->bytes_hard;
	sa->bytes_soft = lim->bytes_soft;

	spin_lock_bh(&dn->kt_lock);
	duet_sa_gc(net, now, &dead);
	if (dn->n_sas >= DUET_MAX_SAS) {
		spin_unlock_bh(&dn->kt_lock);
		kfree_sensitive(sa);
		duet_free_list(&dead);
		return -ENOSPC;
	}
	list_add_tail(&sa->node, &dn->sas);
	dn->n_sas++;
	duet_stat_inc(net, DUET_STAT_SA_ENTRIES);
	memcpy(id, sa->id, DUET_SA_ID_LEN);
	spin_unlock_bh(&dn->kt_lock);
	duet_free_list(&dead);
	return 0;
}

int duet_sa_member_add(struct net *net, const u8 *id, const u8 *member)
{
	struct duet_net *dn = duet_net(net);
	struct duet_sa *sa;
	int err = 0;

	spin_lock_bh(&dn->kt_lock);
	sa = duet_sa_find(dn, id, DUET_SA_ISSUED);
	if (!sa)
		err = -ENOENT;
	else if (duet_sa_member(sa, member) >= 0)
		err = -EEXIST;
	else if (sa->n_members >= DUET_MAX_SA_MEMBERS)
		err = -ENOSPC;
	else
		memcpy(sa->members[sa->n_members++], member, DUET_ID_LEN);
	spin_unlock_bh(&dn->kt_lock);
	return err;
}

/* Seal d (SA fields filled) and key for our party, under our link with it. */
static int duet_seal_for(struct net *net, struct duet_dist *d, const u8 *key,
			 const u8 *party, u8 *blob)
{
	struct duet_net *dn = duet_net(net);
	u8 link[DUET_LINK_KEY_LEN];
	struct duet_ident *self;
	struct duet_link *l;
	int ret;

	self = duet_self_get(net);
	if (!self)
		return -ENOKEY;
	memcpy(d->sender, self->id, DUET_ID_LEN);
	duet_ident_put(self);
	memcpy(d->recipient, party, DUET_ID_LEN);

	spin_lock_bh(&dn->kt_lock);
	l = duet_link_find(dn, party, DUET_LINK_BROKER);
	if (!l) {
		spin_unlock_bh(&dn->kt_lock);
		return -ENOKEY;
	}
	memcpy(d->chain, l->chain, DUET_CHAIN_LEN);
	d->gen = l->gen;
	d->seq = ++l->seq;
	memcpy(link, l->key, sizeof(link));
	spin_unlock_bh(&dn->kt_lock);

	ret = duet_wrap_seal(link, d, key, blob);
	memzero_explicit(link, sizeof(link));
	return ret;
}

static void duet_sa_to_dist(const struct duet_sa *sa, struct duet_dist *d)
{
	d->type = DUET_DIST_SA;
	d->n_members = sa->n_members;
	memcpy(d->members, sa->members, sa->n_members * DUET_ID_LEN);
	memcpy(d->sa_id, sa->id, DUET_SA_ID_LEN);
	d->suite = sa->suite;
	d->not_after = sa->not_after;
	d->soft_after = sa->soft_after;
	d->bytes_hard = sa->bytes_hard;
	d->bytes_soft = sa->bytes_soft;
}

/*
 * For a member, or for a broker of another domain that rewraps it for
 * one (a party that is no member cannot install it).
 */
int duet_sa_wrap(struct net *net, const u8 *id, const u8 *party, u8 *blob)
{
	struct duet_net *dn = duet_net(net);
	u8 key[DUET_SA_KEY_LEN];
	struct duet_dist d = { 0 };
	struct duet_sa *sa;
	int ret = 0;

	spin_lock_bh(&dn->kt_lock);
	sa = duet_sa_find(dn, id, DUET_SA_ISSUED);
	if (!sa)
		ret = -ENOENT;
	else if (ktime_get_real_seconds() >= sa->not_after)
		ret = -EKEYEXPIRED;
	if (!ret) {
		duet_sa_to_dist(sa, &d);
		memcpy(key, sa->key, sizeof(key));
	}
	spin_unlock_bh(&dn->kt_lock);
	if (!ret)
		ret = duet_seal_for(net, &d, key, party, blob);
	memzero_explicit(key, sizeof(key));
	return ret;
}

int duet_link_next(struct net *net, const u8 *party, u8 *blob, u32 *gen)
{
	u8 key[DUET_LINK_KEY_LEN], link[DUET_LINK_KEY_LEN];
	struct duet_net *dn = duet_net(net);
	struct duet_dist d = { .type = DUET_DIST_LINK };
	struct duet_ident *self;
	struct duet_link *l;
	int ret;

	self = duet_self_get(net);
	if (!self)
		return -ENOKEY;
	memcpy(d.sender, self->id, DUET_ID_LEN);
	duet_ident_put(self);
	memcpy(d.recipient, party, DUET_ID_LEN);

	spin_lock_bh(&dn->kt_lock);
	l = duet_link_find(dn, party, DUET_LINK_BROKER);
	if (!l) {
		spin_unlock_bh(&dn->kt_lock);
		return -ENOKEY;
	}
	if (!l->pending) {	/* made once; sealed again until confirmed */
		memcpy(l->prev, l->key, sizeof(l->prev));
		get_random_bytes(l->key, sizeof(l->key));
		l->gen++;
		l->pending = true;
		l->refreshed = ktime_get_real_seconds();
	}
	memcpy(d.chain, l->chain, DUET_CHAIN_LEN);
	d.gen = l->gen - 1;
	d.seq = ++l->seq;
	*gen = l->gen;
	memcpy(key, l->key, sizeof(key));
	memcpy(link, l->prev, sizeof(link));
	spin_unlock_bh(&dn->kt_lock);

	ret = duet_wrap_seal(link, &d, key, blob);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(link, sizeof(link));
	return ret;
}

int duet_link_commit(struct net *net, const u8 *party, u32 gen)
{
	struct duet_net *dn = duet_net(net);
	struct duet_link *l;
	int err = 0;

	spin_lock_bh(&dn->kt_lock);
	l = duet_link_find(dn, party, DUET_LINK_BROKER);
	if (!l) {
		err = -ENOKEY;
	} else if (!l->pending || l->gen != gen) {
		err = -ESTALE;
	} else {
		memzero_explicit(l->prev, sizeof(l->prev));
		l->pending = false;
	}
	spin_unlock_bh(&dn->kt_lock);
	return err;
}

/* ---- party ---------------------------------------------------------- */

/* Is l (still) the link d was sealed under, and d not a replay? */
static int duet_dist_check(const struct duet_link *l, const struct duet_dist *d)
{
	if (!l || memcmp(l->chain, d->chain, DUET_CHAIN_LEN) || d->gen > l->gen)
		return -ENOKEY;
	if (d->gen < l->gen || d->seq <= l->seq)
		return -ESTALE;
	return 0;
}

/*
 * Open a blob sealed for us by a broker we are a party of: its header in
 * d, its key in key. The link's sequence number moves on; a DUET_DIST_LINK
 * becomes the link's key at once (the old one overwritten).
 */
static int duet_dist_open(struct net *net, const u8 *blob, unsigned int len,
			  struct duet_dist *d, u8 *key)
{
	struct duet_net *dn = duet_net(net);
	u8 link[DUET_LINK_KEY_LEN];
	struct duet_ident *self;
	struct duet_link *l;
	int aad, err;

	aad = duet_dist_decode(d, blob, len);
	if (aad < 0)
		return aad;
	self = duet_self_get(net);
	if (!self)
		return -ENOKEY;
	err = memcmp(d->recipient, self->id, DUET_ID_LEN) ? -ENOKEY : 0;
	duet_ident_put(self);
	if (err)
		return err;

	spin_lock_bh(&dn->kt_lock);
	l = duet_link_find(dn, d->sender, DUET_LINK_PARTY);
	err = duet_dist_check(l, d);
	if (!err)
		memcpy(link, l->key, sizeof(link));
	spin_unlock_bh(&dn->kt_lock);
	if (err)
		return err;
	err = duet_wrap_open(link, blob, aad, d->seq, key);
	memzero_explicit(link, sizeof(link));
	if (err)
		return err;

	spin_lock_bh(&dn->kt_lock);
	l = duet_link_find(dn, d->sender, DUET_LINK_PARTY);
	err = duet_dist_check(l, d);
	if (!err) {
		l->seq = d->seq;
		if (d->type == DUET_DIST_LINK) {
			memcpy(l->key, key, sizeof(l->key));
			l->gen++;
			l->refreshed = ktime_get_real_seconds();
		}
	}
	spin_unlock_bh(&dn->kt_lock);
	return err;
}

static bool duet_dist_member(const struct duet_dist *d, const u8 *id)
{
	unsigned int i;

	for (i = 0; i < d->n_members; i++)
		if (!memcmp(d->members[i], id, DUET_ID_LEN))
			return true;
	return false;
}

static int duet_sa_keep(struct net *net, const struct duet_dist *d,
			const u8 *key)
{
	struct duet_net *dn = duet_net(net);
	struct duet_sa *sa, *old;
	LIST_HEAD(dead);

	sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	if (!sa)
		return -ENOMEM;
	memcpy(sa->id, d->sa_id, DUET_SA_ID_LEN);
	sa->role = DUET_SA_HELD;
	sa->suite = d->suite;
	sa->n_members = d->n_members;
	memcpy(sa->members, d->members, d->n_members * DUET_ID_LEN);
	memcpy(sa->broker, d->sender, DUET_ID_LEN);
	memcpy(sa->key, key, DUET_SA_KEY_LEN);
	sa->not_after = d->not_after;
	sa->soft_after = d->soft_after;
	sa->bytes_hard = d->bytes_hard;
	sa->bytes_soft = d->bytes_soft;

	spin_lock_bh(&dn->kt_lock);
	duet_sa_gc(net, ktime_get_real_seconds(), &dead);
	old = duet_sa_find(dn, sa->id, DUET_SA_HELD);
	if (old) {		/* sent again: a member joined */
		sa->hits = old->hits;
		duet_sa_unlink(net, old, &dead);
	} else if (dn->n_sas >= DUET_MAX_SAS) {
		spin_unlock_bh(&dn->kt_lock);
		kfree_sensitive(sa);
		duet_free_list(&dead);
		return -ENOSPC;
	}
	list_add_tail(&sa->node, &dn->sas);
	dn->n_sas++;
	duet_stat_inc(net, DUET_STAT_SA_ENTRIES);
	spin_unlock_bh(&dn->kt_lock);
	duet_free_list(&dead);
	return 0;
}

int duet_dist_install(struct net *net, const u8 *blob, unsigned int len,
		      u8 *id, u32 *gen)
{
	struct duet_net *dn = duet_net(net);
	u8 key[DUET_LINK_KEY_LEN];
	struct duet_dist d;
	struct duet_link *l;
	int err;

	err = duet_dist_open(net, blob, len, &d, key);
	if (err)
		goto out;
	if (d.type == DUET_DIST_LINK) {
		spin_lock_bh(&dn->kt_lock);
		l = duet_link_find(dn, d.sender, DUET_LINK_PARTY);
		*gen = l ? l->gen : d.gen + 1;
		spin_unlock_bh(&dn->kt_lock);
		goto out;
	}
	memcpy(id, d.sa_id, DUET_SA_ID_LEN);
	err = duet_dist_member(&d, d.recipient) ? duet_sa_keep(net, &d, key) : -EINVAL;
out:
	memzero_explicit(key, sizeof(key));
	if (err)
		duet_stat_inc(net, DUET_STAT_UNWRAP_FAILED);
	return err;
}

int duet_sa_rewrap(struct net *net, const u8 *in, unsigned int len,
		   const u8 *party, u8 *blob)
{
	u8 key[DUET_SA_KEY_LEN];
	struct duet_dist d;
	int ret;

	ret = duet_dist_decode(&d, in, len);
	if (ret >= 0 && d.type != DUET_DIST_SA)
		ret = -EINVAL;
	if (ret >= 0)
		ret = duet_dist_open(net, in, len, &d, key);
	if (ret < 0) {
		duet_stat_inc(net, DUET_STAT_UNWRAP_FAILED);
		goto out;
	}
	ret = duet_dist_member(&d, party) ?
	      duet_seal_for(net, &d, key, party, blob) : -EINVAL;
out:
	memzero_explicit(key, sizeof(key));
	return ret;
}

/* ---- handshakes ------------------------------------------------------ */

static void duet_sa_use_fill(const struct duet_sa *sa, int self, int peer,
			     struct duet_sa_use *u)
{
	memcpy(u->id, sa->id, DUET_SA_ID_LEN);
	memcpy(u->broker, sa->broker, DUET_ID_LEN);
	memcpy(u->key, sa->key, DUET_SA_KEY_LEN);
	if (peer < 0 && sa->n_members == 2)
		peer = !self;
	if (peer >= 0)
		memcpy(u->peer, sa->members[peer], DUET_ID_LEN);
	u->suite = sa->suite;
	u->not_after = sa->not_after;
	u->soft_after = sa->soft_after;
	u->bytes_hard = sa->bytes_hard;
	u->bytes_soft = sa->bytes_soft;
}

int duet_sa_take(struct net *net, const u8 *id, const u8 *self,
		 const u8 *peer, struct duet_sa_use *u)
{
	struct duet_net *dn = duet_net(net);
	int me, them = -1, err = 0;
	struct duet_sa *sa;

	spin_lock_bh(&dn->kt_lock);
	sa = duet_sa_find(dn, id, DUET_SA_HELD);
	me = sa ? duet_sa_member(sa, self) : -1;
	if (sa && peer)
		them = duet_sa_member(sa, peer);
	if (me < 0 || (peer && (them < 0 || them == me)))
		err = -ENOKEY;
	else if (ktime_get_real_seconds() >= sa->not_after)
		err = -EKEYEXPIRED;
	if (!err) {
		sa->hits++;
		duet_sa_use_fill(sa, me, them, u);
	}
	spin_unlock_bh(&dn->kt_lock);
	return err;
}

/* ---- administration ------------------------------------------------- */

int duet_sa_del(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_sa *sa;
	LIST_HEAD(dead);

	spin_lock_bh(&dn->kt_lock);
	while ((sa = duet_sa_find(dn, id, -1)))
		duet_sa_unlink(net, sa, &dead);
	spin_unlock_bh(&dn->kt_lock);
	if (list_empty(&dead))
		return -ENOENT;
	duet_free_list(&dead);
	return 0;
}

unsigned int duet_links_flush(struct net *net, int role)
{
	struct duet_net *dn = duet_net(net);
	struct duet_link *l, *ln;
	struct duet_sa *sa, *sn;
	unsigned int n = 0;
	LIST_HEAD(dead);

	spin_lock_bh(&dn->kt_lock);
	list_for_each_entry_safe(l, ln, &dn->links, node) {
		if (role && l->role != role)
			continue;
		duet_link_unlink(net, l, &dead);
		n++;
	}
	list_for_each_entry_safe(sa, sn, &dn->sas, node) {
		if (!role || (role == DUET_LINK_PARTY) == (sa->role == DUET_SA_HELD))
			duet_sa_unlink(net, sa, &dead);
	}
	spin_unlock_bh(&dn->kt_lock);
	duet_free_list(&dead);
	return n;
}

/* A revoked identity: its links, what it brought, the SAs it is in. */
void duet_keytab_revoke(struct net *net, const u8 *id)
{
	struct duet_net *dn = duet_net(net);
	struct duet_link *l, *ln;
	struct duet_sa *sa, *sn;
	LIST_HEAD(dead);

	spin_lock_bh(&dn->kt_lock);
	list_for_each_entry_safe(l, ln, &dn->links, node)
		if (!memcmp(l->peer, id, DUET_ID_LEN))
			duet_link_unlink(net, l, &dead);
	list_for_each_entry_safe(sa, sn, &dn->sas, node)
		if (duet_sa_member(sa, id) >= 0 ||
		    (sa->role == DUET_SA_HELD && !memcmp(sa->broker, id, DUET_ID_LEN)))
			duet_sa_unlink(net, sa, &dead);
	spin_unlock_bh(&dn->kt_lock);
	duet_free_list(&dead);
}

/* ---- dumps ---------------------------------------------------------- */

static void *duet_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb,
			   u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &duet_genl_family, NLM_F_MULTI, cmd);
}

static int duet_link_put(struct sk_buff *skb, struct netlink_callback *cb,
			 const struct duet_link *l, time64_t now)
{
	void *hdr = duet_dump_hdr(skb, cb, DUET_CMD_LINKS_GET);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put(skb, DUET_ATTR_ID, DUET_ID_LEN, l->peer) ||
	    nla_put_u32(skb, DUET_ATTR_ROLE, l->role) ||
	    nla_put(skb, DUET_ATTR_CHAIN, DUET_CHAIN_LEN, l->chain) ||
	    nla_put_u32(skb, DUET_ATTR_GEN, l->gen) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_SEQ, l->seq, DUET_ATTR_PAD) ||
	    (l->pending && nla_put_flag(skb, DUET_ATTR_PENDING)) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_AGE, now - l->born, DUET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_REFRESHED, now - l->refreshed,
			      DUET_ATTR_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int duet_links_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	time64_t now = ktime_get_real_seconds();
	struct duet_link *l;
	long i = 0;

	spin_lock_bh(&dn->kt_lock);
	list_for_each_entry(l, &dn->links, node) {
		if (i++ < cb->args[0])
			continue;
		if (duet_link_put(skb, cb, l, now))
			break;
		cb->args[0] = i;
	}
	spin_unlock_bh(&dn->kt_lock);
	return skb->len;
}

static u64 duet_left(time64_t t, time64_t now)
{
	return t > now ? t - now : 0;
}

static int duet_sa_put(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct duet_sa *sa, time64_t now)
{
	void *hdr = duet_dump_hdr(skb, cb, DUET_CMD_SA_GET);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put(skb, DUET_ATTR_SA_ID, DUET_SA_ID_LEN, sa->id) ||
	    nla_put_u32(skb, DUET_ATTR_ROLE, sa->role) ||
	    (sa->role == DUET_SA_HELD &&
	     nla_put(skb, DUET_ATTR_ID, DUET_ID_LEN, sa->broker)) ||
	    nla_put_u32(skb, DUET_ATTR_SUITE, sa->suite) ||
	    nla_put(skb, DUET_ATTR_MEMBERS, sa->n_members * DUET_ID_LEN,
		    sa->members) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_EXPIRES, duet_left(sa->not_after, now),
			      DUET_ATTR_PAD) ||
	    (sa->soft_after &&
	     nla_put_u32(skb, DUET_ATTR_SOFT_LIFETIME, duet_left(sa->soft_after, now))) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_BYTES_HARD, sa->bytes_hard, DUET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_BYTES_SOFT, sa->bytes_soft, DUET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, DUET_ATTR_HITS, sa->hits, DUET_ATTR_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int duet_sas_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct duet_net *dn = duet_net(sock_net(skb->sk));
	time64_t now = ktime_get_real_seconds();
	struct duet_sa *sa;
	long i = 0;

	spin_lock_bh(&dn->kt_lock);
	list_for_each_entry(sa, &dn->sas, node) {
		if (i++ < cb->args[0])
			continue;
		if (duet_sa_put(skb, cb, sa, now))
			break;
		cb->args[0] = i;
	}
	spin_unlock_bh(&dn->kt_lock);
	return skb->len;
}

void duet_keytab_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);

	/* duet_free_list() frees either through its list node */
	BUILD_BUG_ON(offsetof(struct duet_link, node) ||
		     offsetof(struct duet_sa, node));
	spin_lock_init(&dn->kt_lock);
	INIT_LIST_HEAD(&dn->links);
	INIT_LIST_HEAD(&dn->sas);
}

void duet_keytab_net_exit(struct net *net)
{
	duet_links_flush(net, 0);
}
