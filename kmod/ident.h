/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Identities: this namespace's own (set by the helper) and its peers'
 * (verified by the helper, kept in the certificate cache). An identity is
 * what the handshake needs of a certificate: its ID, key type, public key
 * and lifetime; never a private key. Refcounted: a handshake holds the
 * ones it uses while the cache or a new registration replaces them.
 */
#ifndef _DUET_IDENT_H
#define _DUET_IDENT_H

#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>
#include <net/genetlink.h>
#include <uapi/linux/duet.h>

struct duet_ident {
	refcount_t ref;
	struct rcu_head rcu;
	u8 id[DUET_ID_LEN];
	u8 key_type;			/* enum duet_key_type */
	u16 pub_len;
	u16 chain_len;			/* own identity: the chain M2 carries */
	time64_t not_after;
	char subject[DUET_MAX_SUBJECT_LEN];
	u8 *chain;
	u8 pub[];			/* P-256: x || y; RSA: DER SPKI */
};

/* From netlink attributes (IDENTITY_SET, an upcall's answer). */
struct duet_ident *duet_ident_from_attrs(struct nlattr **attrs, bool chain,
					 const char **why);
void duet_ident_put(struct duet_ident *ident);
int duet_ident_fill(struct sk_buff *msg, const struct duet_ident *ident);

/* This namespace's identity, with a reference, or NULL. */
struct duet_ident *duet_self_get(struct net *net);
void duet_self_set(struct net *net, struct duet_ident *ident);

#endif /* _DUET_IDENT_H */
