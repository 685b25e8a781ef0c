/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * A session with the "duet" generic netlink family (libnl-genl), and the
 * typed requests built on it. Every function returns >= 0 or a negative
 * errno; kernel errors come back as the errno the kernel sent.
 */
#ifndef LIBDUET_DUET_NL_H
#define LIBDUET_DUET_NL_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/duet.h>

struct duet_nl;

/* Builds a request's attributes. */
typedef int (*duet_nl_fill_fn)(struct nl_msg *msg, void *arg);
/* Reads one reply: tb is the parsed top-level attributes. */
typedef int (*duet_nl_parse_fn)(struct nlattr **tb, void *arg);

/* -ENOENT when the family is not registered (module not loaded). */
int duet_nl_open(struct duet_nl **nlp);
void duet_nl_close(struct duet_nl *nl);

/* Send cmd (flags: 0 or NLM_F_DUMP) and call parse for every reply. */
int duet_nl_call(struct duet_nl *nl, uint8_t cmd, int flags,
		 duet_nl_fill_fn fill, duet_nl_parse_fn parse, void *arg);

/* Parse a reply message's top-level attributes against duet's policy. */
int duet_nl_parse(struct nlmsghdr *nlh, struct nlattr **tb);
/* That policy (DUET_ATTR_MAX + 1 entries), for nested attributes. */
struct nla_policy *duet_nl_policy(void);

struct duet_status {
	char version[32];
	uint32_t protocol;
	uint32_t family;
	uint64_t netns_cookie;
	uint32_t ticket_lifetime;	/* what new tickets get */
	uint32_t ticket_uses;
	uint64_t stats[DUET_STAT_MAX + 1];
};

/* A counter's name in output ("sockets_active"), NULL for padding. */
const char *duet_stat_name(unsigned int stat);

int duet_status_from_attrs(struct nlattr **tb, struct duet_status *st);
int duet_status_get(struct duet_nl *nl, struct duet_status *st);



/* Pre-shared keys of this namespace (CAP_NET_ADMIN). */
int duet_psk_add(struct duet_nl *nl, const void *id, size_t id_len,
		 const void *key, size_t key_len);
int duet_psk_del(struct duet_nl *nl, const void *id, size_t id_len);

struct duet_psk_entry {
	uint8_t id[DUET_MAX_PSK_ID_LEN];
	size_t id_len;
	uint32_t key_len;
};

/* Calls fn for every key (ids and lengths only: key bytes never leave). */
int duet_psk_list(struct duet_nl *nl,
		  int (*fn)(const struct duet_psk_entry *e, void *arg), void *arg);

/* DUET_CMD_HELPER_PING: the helper's echo of data (out, *out_len) and the
 * round trip in ns. -ENOKEY without a helper, -ETIMEDOUT if it is silent. */
int duet_helper_ping(struct duet_nl *nl, const void *data, size_t len,
		     void *out, size_t *out_len, uint64_t *ns);

/* Identities: this namespace's own, and the certificate cache's. */
struct duet_ident_info {
	uint8_t id[DUET_ID_LEN];
	char subject[DUET_MAX_SUBJECT_LEN];
	uint32_t key_type;		/* enum duet_key_type */
	uint64_t not_after;
	uint64_t expires;		/* cache: seconds left */
	uint64_t hits;			/* cache */
};

/* The helper registers its identity (pub: P-256 x || y, or RSA SPKI). */
struct duet_ident_set {
	const uint8_t *id;
	uint32_t key_type;
	const uint8_t *pub, *chain;
	size_t pub_len, chain_len;
	const char *subject;
	uint64_t not_after;
};
int duet_identity_set(struct duet_nl *nl, const struct duet_ident_set *s);
/* -ENOENT when the namespace has none. */
int duet_identity_get(struct duet_nl *nl, struct duet_ident_info *out);
int duet_cache_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_ident_info *e, void *arg), void *arg);
/* id NULL: every entry. */
int duet_cache_flush(struct duet_nl *nl, const uint8_t *id);
/* Revoke id; *closed: sessions closed. */
int duet_revoke(struct duet_nl *nl, const uint8_t *id, uint32_t *closed);

struct duet_session_info {
	uint32_t suite, role, auth;
	uint8_t peer_id[DUET_ID_LEN];	/* certificate mode */
	uint8_t psk_id[DUET_MAX_PSK_ID_LEN];
	size_t psk_id_len;
	uint8_t addr[128];		/* struct sockaddr_in or _in6 */
	size_t addr_len;
	uint64_t tx_bytes, rx_bytes;
};
int duet_sessions_list(struct duet_nl *nl,
		       int (*fn)(const struct duet_session_info *s, void *arg),
		       void *arg);

/* What the namespace's helper trusts (DUET_CMD_TRUST_GET). */
struct duet_trust_entry {
	int crl;			/* 0: a trust anchor; 1: a CRL */
	uint8_t id[DUET_ID_LEN];	/* an anchor's key */
	char subject[DUET_MAX_SUBJECT_LEN];	/* a CRL's: its issuer */
	uint64_t not_after;		/* a CRL's: its next update, 0 none */
	uint32_t entries;		/* a CRL's: certificates it revokes */
};
/* fn for every anchor, then every CRL; *truncated: the helper left some
 * out. -ENOKEY without a helper, -ETIMEDOUT if it did not answer. */
/* Resumption tickets: held (role 0) and issued (role 1). Never secrets. */
struct duet_ticket_entry {
	uint32_t role;
	uint8_t id[DUET_TICKET_ID_LEN];
	uint8_t peer_id[DUET_ID_LEN];
	uint32_t suite, uses_left, early;
	uint64_t expires;		/* seconds left */
	uint8_t addr[128];		/* held: the responder's address */
	size_t addr_len;
};
int duet_tickets_list(struct duet_nl *nl,
		      int (*fn)(const struct duet_ticket_entry *e, void *arg),
		      void *arg);
/* role -1: both; *n: how many went. */
int duet_tickets_flush(struct duet_nl *nl, int role, uint32_t *n);
/* A value < 0 is left as it is. */
int duet_tickets_set(struct duet_nl *nl, long lifetime, long uses);

int duet_trust_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_trust_entry *e, void *arg),
		    void *arg, int *truncated);

/*
 * Key broker (broker.c). Keys never leave the kernel: what passes through
 * here is a blob, sealed under a link key, or metadata.
 */
struct duet_link_info {
	uint8_t peer[DUET_ID_LEN];
	uint32_t role;			/* enum duet_link_role */
	uint8_t chain[8];
	uint32_t gen;
	uint64_t seq, age, refreshed;
	int pending;
};
int duet_links_list(struct duet_nl *nl,
		    int (*fn)(const struct duet_link_info *l, void *arg), void *arg);

struct duet_sa_info {
	uint8_t id[DUET_SA_ID_LEN];
	uint32_t role;			/* 0 held, 1 issued */
	uint8_t broker[DUET_ID_LEN];	/* held */
	uint32_t suite;
	unsigned int n_members;
	uint8_t members[DUET_MAX_SA_MEMBERS][DUET_ID_LEN];
	uint64_t expires;		/* seconds left */
	int64_t soft;			/* seconds left, -1: no soft limit */
	uint64_t bytes_hard, bytes_soft, hits;
};
int duet_sas_list(struct duet_nl *nl,
		  int (*fn)(const struct duet_sa_info *s, void *arg), void *arg);

struct duet_sa_params {
	const uint8_t *members;		/* n IDs, back to back */
	unsigned int n;
	uint32_t suite;			/* 0: the default */
	uint32_t lifetime, soft;	/* seconds; 0: default, none */
	uint64_t bytes_hard, bytes_soft;
};
int duet_sa_create(struct duet_nl *nl, const struct duet_sa_params *p,
		   uint8_t id[DUET_SA_ID_LEN]);
/* blob: DUET_MAX_BLOB_LEN bytes; *len its length. */
int duet_sa_wrap(struct duet_nl *nl, const uint8_t *id, const uint8_t *party,
		 uint8_t *blob, size_t *len);
int duet_sa_member_add(struct duet_nl *nl, const uint8_t *id,
		       const uint8_t *member);
/* What the blob held: an SA (id; *gen 0) or the next link key (*gen). */
int duet_sa_install(struct duet_nl *nl, const uint8_t *blob, size_t len,
		    uint8_t id[DUET_SA_ID_LEN], uint32_t *gen);
int duet_sa_rewrap(struct duet_nl *nl, const uint8_t *in, size_t in_len,
		   const uint8_t *party, uint8_t *blob, size_t *len);
int duet_sa_del(struct duet_nl *nl, const uint8_t *id);
int duet_link_next(struct duet_nl *nl, const uint8_t *party, uint8_t *blob,
		   size_t *len, uint32_t *gen);
int duet_link_commit(struct duet_nl *nl, const uint8_t *party, uint32_t gen);
/* role 0: every link; *n: how many went. */
int duet_links_flush(struct duet_nl *nl, uint32_t role, uint32_t *n);

/* DUET_MCGRP_BROKER: sessions confirmed with an SA that closed. */
struct duet_events;
int duet_events_open(struct duet_events **evp);
void duet_events_close(struct duet_events *ev);
int duet_events_fd(const struct duet_events *ev);
/* Calls fn for each event waiting; never blocks. */
int duet_events_read(struct duet_events *ev,
		     void (*fn)(const uint8_t *sa_id, const uint8_t *broker, void *arg),
		     void *arg);

#endif /* LIBDUET_DUET_NL_H */
