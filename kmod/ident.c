// SPDX-License-Identifier: GPL-2.0
/*
 * Identities from netlink attributes, checked once here: an ID of the
 * right length, a known key type with a public key of its shape, a chain
 * that fits in M2, a subject that is a string.
 */

#include <linux/slab.h>
#include <linux/string.h>

#include "ident.h"
#include "netns.h"

static bool duet_pub_ok(u8 key_type, int len)
{
	switch (key_type) {
	case DUET_KEY_EC_P256:
		return len == DUET_P256_POINT_LEN;
	case DUET_KEY_RSA:
		return len > 0 && len <= DUET_MAX_PUBKEY_LEN;
	default:
		return false;
	}
}

struct duet_ident *duet_ident_from_attrs(struct nlattr **attrs, bool chain,
					 const char **why)
{
	struct nlattr *id = attrs[DUET_ATTR_ID], *pub = attrs[DUET_ATTR_PUBKEY];
	struct nlattr *type = attrs[DUET_ATTR_KEY_TYPE];
	struct nlattr *cert = attrs[DUET_ATTR_CERT];
	struct duet_ident *ident;

	*why = "ID, key type, public key and not-after are required";
	if (!id || !pub || !type || !attrs[DUET_ATTR_NOT_AFTER] ||
	    (chain && !cert))
		return ERR_PTR(-EINVAL);
	*why = "malformed ID or public key";
	if (nla_len(id) != DUET_ID_LEN ||
	    !duet_pub_ok(nla_get_u32(type), nla_len(pub)))
		return ERR_PTR(-EINVAL);

	ident = kzalloc(struct_size(ident, pub, nla_len(pub)), GFP_KERNEL);
	if (!ident)
		return ERR_PTR(-ENOMEM);
	refcount_set(&ident->ref, 1);
	memcpy(ident->id, nla_data(id), DUET_ID_LEN);
	ident->key_type = nla_get_u32(type);
	ident->pub_len = nla_len(pub);
	memcpy(ident->pub, nla_data(pub), ident->pub_len);
	ident->not_after = nla_get_u64(attrs[DUET_ATTR_NOT_AFTER]);
	if (attrs[DUET_ATTR_SUBJECT])
		nla_strscpy(ident->subject, attrs[DUET_ATTR_SUBJECT],
			    sizeof(ident->subject));
	if (chain) {
		ident->chain = kmemdup(nla_data(cert), nla_len(cert), GFP_KERNEL);
		if (!ident->chain) {
			duet_ident_put(ident);
			return ERR_PTR(-ENOMEM);
		}
		ident->chain_len = nla_len(cert);
	}
	*why = NULL;
	return ident;
}

static void duet_ident_free_rcu(struct rcu_head *head)
{
	struct duet_ident *ident = container_of(head, struct duet_ident, rcu);

	kfree(ident->chain);
	kfree(ident);
}

void duet_ident_put(struct duet_ident *ident)
{
	if (ident && refcount_dec_and_test(&ident->ref))
		call_rcu(&ident->rcu, duet_ident_free_rcu);
}

int duet_ident_fill(struct sk_buff *msg, const struct duet_ident *ident)
{
	if (nla_put(msg, DUET_ATTR_ID, DUET_ID_LEN, ident->id) ||
	    nla_put_u32(msg, DUET_ATTR_KEY_TYPE, ident->key_type) ||
	    nla_put_string(msg, DUET_ATTR_SUBJECT, ident->subject) ||
	    nla_put_u64_64bit(msg, DUET_ATTR_NOT_AFTER, ident->not_after,
			      DUET_ATTR_PAD))
		return -EMSGSIZE;
	return 0;
}

struct duet_ident *duet_self_get(struct net *net)
{
	struct duet_ident *ident;

	rcu_read_lock();
	ident = rcu_dereference(duet_net(net)->self);
	if (ident && !refcount_inc_not_zero(&ident->ref))
		ident = NULL;
	rcu_read_unlock();
	return ident;
}

/* Replaces (or with NULL removes) the identity; takes ident's reference. */
void duet_self_set(struct net *net, struct duet_ident *ident)
{
	struct duet_net *dn = duet_net(net);
	struct duet_ident *old;

	spin_lock_bh(&dn->cache_lock);
	old = rcu_replace_pointer(dn->self, ident, lockdep_is_held(&dn->cache_lock));
	spin_unlock_bh(&dn->cache_lock);
	duet_ident_put(old);
}
