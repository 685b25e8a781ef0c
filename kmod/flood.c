// SPDX-License-Identifier: GPL-2.0
/*
 * Flood protection, the responder's. Every M1 first passes the cheap
 * checks that need no state (handshake.c: version, timestamp window).
 * Then, when the namespace has flood_pending or more responder
 * handshakes past M1 in progress (the load: each may hold an upcall, a
 * public-key operation, a replay cache entry):
 *
 *  - an M1 must carry a cookie: SipHash-2-4, under a per-namespace random
 *    key, of its source address and the current DUET_COOKIE_PERIOD. One
 *    without a good one is answered with a COOKIE message, which costs one
 *    hash and keeps nothing: the initiator sends M1 again with it, on the
 *    same connection. A flooder must read our answers from the address it
 *    claims.
 *  - an M1 with a good cookie takes a token from its source's bucket
 *    (the IPv4 address, or the IPv6 /64): flood_rate a second, flood_burst
 *    at most. An empty bucket, or a full source table, refuses it: alert
 *    BUSY, EBUSY at the initiator.
 *
 * All of this comes before the replay cache, any upcall and any
 * public-key operation. Outside load none of it runs. The source table
 * is bounded (DUET_FLOOD_SOURCES) and an entry whose bucket has refilled
 * is worth nothing, so it goes when room is needed.
 */

#include <asm/unaligned.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/net.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "flood.h"
#include "handshake.h"
#include "netns.h"

static unsigned int duet_flood_pending = 32;
module_param_named(flood_pending, duet_flood_pending, uint, 0644);
MODULE_PARM_DESC(flood_pending,
		 "responder handshakes past M1 per namespace from which M1 needs a cookie (0: always)");

static unsigned int duet_flood_rate = 20;
module_param_named(flood_rate, duet_flood_rate, uint, 0644);
MODULE_PARM_DESC(flood_rate, "under load: handshakes a second per source address (IPv6: /64)");

static unsigned int duet_flood_burst = 40;
module_param_named(flood_burst, duet_flood_burst, uint, 0644);
MODULE_PARM_DESC(flood_burst, "under load: handshakes a source may start at once");

/* A source address: family, then the address (IPv6 whole, or its /64). */
struct duet_flood_addr {
	u64 w[3];
};

struct duet_flood_src {
	struct hlist_node node;
	struct duet_flood_addr addr;	/* the /64 for IPv6 */
	u64 last_ns;
	u64 credit_ns;			/* a token costs NSEC_PER_SEC / rate */
};

void duet_flood_net_init(struct net *net)
{
	struct duet_net *dn = duet_net(net);

	spin_lock_init(&dn->flood_lock);
	get_random_bytes(&dn->flood_key, sizeof(dn->flood_key));
	dn->flood_seed = get_random_u32();
}

void duet_flood_net_exit(struct net *net)
{
	struct duet_net *dn = duet_net(net);
	struct duet_flood_src *s;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dn->flood_hash); i++)
		hlist_for_each_entry_safe(s, tmp, &dn->flood_hash[i], node)
			kfree(s);
	WARN_ON_ONCE(atomic_read(&dn->hs_pending));
}

void duet_flood_hs_begin(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);

	if (dsk->hs->counted)
		return;
	dsk->hs->counted = true;
	atomic_inc(&duet_net(net)->hs_pending);
	duet_stat_inc(net, DUET_STAT_HS_PENDING);
}

void duet_flood_hs_end(struct duet_sock *dsk)
{
	struct net *net = sock_net(&dsk->sk);

	if (!dsk->hs || !dsk->hs->counted)
		return;
	dsk->hs->counted = false;
	atomic_dec(&duet_net(net)->hs_pending);
	duet_stat_dec(net, DUET_STAT_HS_PENDING);
}

static bool duet_flood_loaded(struct net *net)
{
	return atomic_read(&duet_net(net)->hs_pending) >=
	       READ_ONCE(duet_flood_pending);
}

/* The peer's address; prefix64: an IPv6 one cut to its /64. */
static int duet_flood_peer(struct duet_sock *dsk, struct duet_flood_addr *a,
			   bool prefix64)
{
	struct sockaddr_storage ss;
	const struct sockaddr_in6 *s6 = (void *)&ss;
	const struct sockaddr_in *s4 = (void *)&ss;
	int len;

	memset(a, 0, sizeof(*a));
	len = kernel_getpeername(dsk->tcp, (struct sockaddr *)&ss);
	if (len < 0)
		return len;
	a->w[0] = ss.ss_family;
	if (ss.ss_family == AF_INET) {
		a->w[1] = (__force u32)s4->sin_addr.s_addr;
	} else if (ss.ss_family == AF_INET6) {
		memcpy(&a->w[1], &s6->sin6_addr, prefix64 ? 8 : 16);
	} else {
		return -EAFNOSUPPORT;
	}
	return 0;
}

static u64 duet_cookie_calc(struct duet_net *dn,
			    const struct duet_flood_addr *a, u64 period)
{
	const u64 in[4] = { period, a->w[0], a->w[1], a->w[2] };

	return siphash(in, sizeof(in), &dn->flood_key);
}

static bool duet_cookie_ok(struct duet_sock *dsk, const struct duet_tlv *t,
			   const struct duet_flood_addr *a)
{
	struct duet_net *dn = duet_net(sock_net(&dsk->sk));
	u64 period = ktime_get_real_seconds() / DUET_COOKIE_PERIOD;
	u64 got = get_unaligned_be64(t->data);

	/* The current period or the one before: good for 64 to 128 s. */
	return got == duet_cookie_calc(dn, a, period) ||
	       got == duet_cookie_calc(dn, a, period - 1);
}

static struct duet_flood_src *
duet_flood_find(struct hlist_head *head, const struct duet_flood_addr *a)
{
	struct duet_flood_src *s;

	hlist_for_each_entry(s, head, node)
		if (!memcmp(&s->addr, a, sizeof(*a)))
			return s;
	return NULL;
}

/* Table full: drop the sources whose bucket has refilled. */
static void duet_flood_sweep(struct duet_net *dn, u64 now, u64 full)
{
	struct duet_flood_src *s;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dn->flood_hash); i++) {
		hlist_for_each_entry_safe(s, tmp, &dn->flood_hash[i], node) {
			if (now - s->last_ns + s->credit_ns < full)
				continue;
			hlist_del(&s->node);
			dn->flood_n--;
			kfree(s);
		}
	}
}

/* Take a token from a's bucket: 0, or -EBUSY when it has none. */
static int duet_flood_take(struct net *net, const struct duet_flood_addr *a)
{
	struct duet_net *dn = duet_net(net);
	u64 cost = NSEC_PER_SEC / max(READ_ONCE(duet_flood_rate), 1u);
	u64 full = cost * max(READ_ONCE(duet_flood_burst), 1u);
	struct duet_flood_src *s, *new;
	struct hlist_head *head;
	int err = 0;
	u64 now;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	head = &dn->flood_hash[jhash(a, sizeof(*a), dn->flood_seed) >>
			       (32 - DUET_FLOOD_BITS)];
	spin_lock_bh(&dn->flood_lock);
	now = ktime_get_ns();	/* under the lock: never before a last_ns */
	s = duet_flood_find(head, a);
	if (!s) {
		if (dn->flood_n >= DUET_FLOOD_SOURCES)
			duet_flood_sweep(dn, now, full);
		if (dn->flood_n >= DUET_FLOOD_SOURCES) {
			err = -EBUSY;
			goto out;
		}
		s = new;
		new = NULL;
		s->addr = *a;
		s->credit_ns = full;
		hlist_add_head(&s->node, head);
		dn->flood_n++;
	} else {
		s->credit_ns = min(full, s->credit_ns + (now - s->last_ns));
	}
	s->last_ns = now;
	if (s->credit_ns < cost)
		err = -EBUSY;
	else
		s->credit_ns -= cost;
out:
	spin_unlock_bh(&dn->flood_lock);
	kfree(new);
	return err;
}

/*
 * An M1 that passed the stateless checks. 0: go on; DUET_FLOOD_COOKIE:
 * answer with a cookie; -EBUSY: refuse; -EPROTO: a second M1 on this
 * connection still without a good cookie.
 */
int duet_flood_check(struct duet_sock *dsk, const struct duet_msg *m)
{
	struct net *net = sock_net(&dsk->sk);
	struct duet_flood_addr a;
	int err;

	if (!duet_flood_loaded(net))
		return 0;
	err = duet_flood_peer(dsk, &a, false);
	if (err)
		return err;
	if (!(m->present & DUET_T_BIT(DUET_T_COOKIE)) ||
	    !duet_cookie_ok(dsk, &m->tlv[DUET_T_COOKIE], &a)) {
		if (m->present & DUET_T_BIT(DUET_T_COOKIE))
			duet_stat_inc(net, DUET_STAT_COOKIES_BAD);
		if (dsk->hs->cookie_sent)
			return -EPROTO;
		return DUET_FLOOD_COOKIE;
	}
	if (a.w[0] == AF_INET6)
		a.w[2] = 0;	/* one bucket per /64 */
	return duet_flood_take(net, &a);
}

/* The COOKIE message for this connection's peer. */
void duet_flood_put_cookie(struct duet_sock *dsk, struct duet_wbuf *msg)
{
	struct duet_net *dn = duet_net(sock_net(&dsk->sk));
	u64 period = ktime_get_real_seconds() / DUET_COOKIE_PERIOD;
	struct duet_flood_addr a;
	u8 cookie[DUET_COOKIE_LEN];

	if (duet_flood_peer(dsk, &a, false)) {
		msg->err = -ENOTCONN;
		return;
	}
	put_unaligned_be64(duet_cookie_calc(dn, &a, period), cookie);
	duet_put_msg_hdr(msg, DUET_MSG_COOKIE);
	duet_put_tlv(msg, DUET_T_COOKIE, cookie, sizeof(cookie));
	dsk->hs->cookie_sent = true;
	duet_stat_inc(sock_net(&dsk->sk), DUET_STAT_COOKIES_SENT);
}

/* Initiator: a COOKIE message came instead of M2. Once per connection. */
int duet_flood_client_cookie(struct duet_sock *dsk, const struct duet_msg *m)
{
	struct duet_hs *hs = dsk->hs;

	if (hs->cookie_set)
		return -EPROTO;
	memcpy(hs->cookie, m->tlv[DUET_T_COOKIE].data, DUET_COOKIE_LEN);
	hs->cookie_set = true;
	return 0;
}
