// SPDX-License-Identifier: GPL-2.0
/*
 * duet-broker serve: the key broker. Parties join over AF_DUET (a full
 * handshake makes a link key in both kernels); a party's REQUEST makes
 * the kernel create an SA and seal it for every member, each under its
 * own link key; the SA goes to the other members first, and to the
 * requester once they have all installed it. When a session on an SA
 * ends, every member's link key moves on one generation. The process
 * only ever handles sealed blobs.
 */

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "broker.h"
#include "duet.h"
#include "duet_nl.h"
#include "join.h"
#include "proto.h"

#define MAX_CONNS	256
#define MAX_PENDING	64
#define MAX_ENDED	256
#define MAX_POLICIES	256
#define PENDING_TIMEOUT	5	/* seconds for the members to install */

struct conn {
	int fd;				/* -1: free */
	uint8_t id[DUET_ID_LEN];
	int ready;			/* linked, HELLO answered */
	int is_broker;
};

/* A REQUEST, ADD or FORWARD waiting for members to install the SA. */
struct pending {
	int used;
	uint32_t tag;
	int waiting, err;
	time_t deadline;
	int reply_fd;			/* the requester, or the uplink */
	uint32_t reply_req;
	int forward;			/* answer with SA_ACK, not RESULT */
	uint8_t sa[DUET_SA_ID_LEN];
	uint8_t blob[DUET_MAX_BLOB_LEN];	/* the requester's */
	size_t blob_len;
};

struct policy {
	uint8_t id[DUET_ID_LEN];
	uint16_t suites[4];
	int n;
};

struct serve {
	int lfd;
	struct conn c[MAX_CONNS];
	int up;				/* to the broker we are a party of */
	struct bk_join upj;
	struct pending p[MAX_PENDING];
	uint32_t next_tag;
	uint8_t ended[MAX_ENDED][DUET_SA_ID_LEN];
	unsigned int n_ended;
	struct policy pol[MAX_POLICIES];
	int n_pol;
	struct duet_nl *nl;
};

static struct conn *conn_by_id(struct serve *s, const uint8_t *id, int broker)
{
	int i;

	for (i = 0; i < MAX_CONNS; i++)
		if (s->c[i].fd >= 0 && s->c[i].ready && s->c[i].is_broker == broker &&
		    !memcmp(s->c[i].id, id, DUET_ID_LEN))
			return &s->c[i];
	return NULL;
}

static struct conn *any_broker(struct serve *s)
{
	int i;

	for (i = 0; i < MAX_CONNS; i++)
		if (s->c[i].fd >= 0 && s->c[i].ready && s->c[i].is_broker)
			return &s->c[i];
	return NULL;
}

/* ---- policies: which PSK suites a party accepts ------------------------ */

static int policy_load(struct serve *s, const char *path)
{
	char line[256], id[80], list[160], *p, *end;
	FILE *f = fopen(path, "r");
	struct policy *pol;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f) && s->n_pol < MAX_POLICIES) {
		if (line[0] == '#' || sscanf(line, "%79s %159s", id, list) != 2)
			continue;
		pol = &s->pol[s->n_pol];
		if (duet_hex_parse(id, pol->id, DUET_ID_LEN)) {
			fclose(f);
			return -EINVAL;
		}
		for (p = list, pol->n = 0; *p && pol->n < 4; p = *end ? end + 1 : end)
			pol->suites[pol->n++] = strtoul(p, &end, 16);
		s->n_pol++;
	}
	fclose(f);
	return 0;
}

static int accepts(const struct serve *s, const uint8_t *id, uint16_t suite)
{
	int i, k;

	for (i = 0; i < s->n_pol; i++) {
		if (memcmp(s->pol[i].id, id, DUET_ID_LEN))
			continue;
		for (k = 0; k < s->pol[i].n; k++)
			if (s->pol[i].suites[k] == suite)
				return 1;
		return 0;
	}
	return 1;			/* no policy: every suite */
}

/* The first PSK suite every member accepts; 0 if none. */
static uint16_t pick_suite(const struct serve *s, const uint8_t *m, int n)
{
	static const uint16_t order[] = { DUET_SUITE_PSK_AES128GCM_SHA256,
					  DUET_SUITE_PSK_AES256GCM_SHA384 };
	unsigned int k;
	int i;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (i = 0; i < n && accepts(s, m + i * DUET_ID_LEN, order[k]); i++)
			;
		if (i == n)
			return order[k];
	}
	return 0;
}

/* ---- pending distributions ---------------------------------------------- */

static struct pending *pending_new(struct serve *s, int reply_fd, uint32_t req)
{
	int i;

	for (i = 0; i < MAX_PENDING; i++)
		if (!s->p[i].used)
			break;
	if (i == MAX_PENDING)
		return NULL;
	memset(&s->p[i], 0, sizeof(s->p[i]));
	s->p[i].used = 1;
	s->p[i].tag = ++s->next_tag;
	s->p[i].reply_fd = reply_fd;
	s->p[i].reply_req = req;
	s->p[i].deadline = time(NULL) + PENDING_TIMEOUT;
	return &s->p[i];
}

static void finish(struct serve *s, struct pending *p)
{
	uint8_t b[8 + DUET_MAX_BLOB_LEN];
	size_t len = 8;

	bk_put32(b, p->reply_req);
	bk_put32(b + 4, p->err);
	if (!p->err && p->blob_len) {
		memcpy(b + 8, p->blob, p->blob_len);
		len += p->blob_len;
	}
	if (p->err && !p->forward && p->blob_len)
		duet_sa_del(s->nl, p->sa);	/* nobody is to hold it */
	if (p->reply_fd >= 0)
		bk_send(p->reply_fd, p->forward ? BK_SA_ACK : BK_RESULT, b,
			p->forward ? 8 : len);
	bk_log("serve: distribution %u done: %s", p->tag,
	       p->err ? strerror(p->err) : "installed");
	p->used = 0;
}

static void acked(struct serve *s, uint32_t tag, int err)
{
	int i;

	for (i = 0; i < MAX_PENDING; i++) {
		if (!s->p[i].used || s->p[i].tag != tag)
			continue;
		if (err)
			s->p[i].err = err;
		if (--s->p[i].waiting <= 0)
			finish(s, &s->p[i]);
	}
}

/* The SA for member: sent to it, or through the broker of its domain. */
static int distribute(struct serve *s, struct pending *p, const uint8_t *member)
{
	uint8_t blob[DUET_MAX_BLOB_LEN], b[4 + DUET_ID_LEN + DUET_MAX_BLOB_LEN];
	struct conn *c = conn_by_id(s, member, 0), *br = NULL;
	size_t len;
	int err;

	if (!c)
		br = any_broker(s);
	if (!c && !br)
		return -EHOSTUNREACH;
	err = duet_sa_wrap(s->nl, p->sa, c ? member : br->id, blob, &len);
	if (err)
		return err;
	bk_put32(b, p->tag);
	if (c) {
		memcpy(b + 4, blob, len);
		err = bk_send(c->fd, BK_SA, b, 4 + len);
	} else {
		memcpy(b + 4, member, DUET_ID_LEN);
		memcpy(b + 4 + DUET_ID_LEN, blob, len);
		err = bk_send(br->fd, BK_FORWARD, b, 4 + DUET_ID_LEN + len);
	}
	if (!err)
		p->waiting++;
	return err;
}

/* A REQUEST or ADD that cannot even start: the agent's client hears why. */
static void refuse(struct conn *c, const struct bk_msg *m, int err)
{
	uint8_t b[8];

	memcpy(b, m->body, 4);
	bk_put32(b + 4, err);
	bk_send(c->fd, BK_RESULT, b, sizeof(b));
}

static void request(struct serve *s, struct conn *c, const struct bk_msg *m)
{
	uint8_t members[DUET_MAX_SA_MEMBERS * DUET_ID_LEN];
	struct duet_sa_params sp = { .members = members };
	struct pending *p;
	int i, n, err;

	if (m->len < 16 + DUET_ID_LEN || (m->len - 16) % DUET_ID_LEN ||
	    (m->len - 16) / DUET_ID_LEN >= DUET_MAX_SA_MEMBERS)
		goto bad;
	p = pending_new(s, c->fd, bk_get32(m->body));
	if (!p) {
		refuse(c, m, EBUSY);
		return;
	}
	n = 1 + (m->len - 16) / DUET_ID_LEN;
	memcpy(members, c->id, DUET_ID_LEN);
	memcpy(members + DUET_ID_LEN, m->body + 16, (n - 1) * DUET_ID_LEN);
	sp.n = n;
	sp.lifetime = bk_get32(m->body + 4);
	sp.bytes_hard = bk_get64(m->body + 8);
	sp.suite = pick_suite(s, members, n);
	err = sp.suite ? duet_sa_create(s->nl, &sp, p->sa) : -ENOPROTOOPT;
	if (!err)
		err = duet_sa_wrap(s->nl, p->sa, c->id, p->blob, &p->blob_len);
	for (i = 1; !err && i < n; i++)
		err = distribute(s, p, members + i * DUET_ID_LEN);
	p->err = -err;
	if (err || !p->waiting)
		finish(s, p);
	return;
bad:
	if (m->len >= 4)	/* no request id: nobody to answer */
		refuse(c, m, EPROTO);
}

struct find_sa {
	const uint8_t *id;
	struct duet_sa_info sa;
	int ok;
};

static int find_sa(const struct duet_sa_info *sa, void *arg)
{
	struct find_sa *f = arg;

	if (sa->role == 1 && !memcmp(sa->id, f->id, DUET_SA_ID_LEN)) {
		f->sa = *sa;
		f->ok = 1;
	}
	return 0;
}

/* An SA this broker issued: 1 and its members in *f, or 0. */
static int issued(struct serve *s, const uint8_t *sa, struct find_sa *f)
{
	f->id = sa;
	f->ok = 0;
	return !duet_sas_list(s->nl, find_sa, f) && f->ok;
}

/* ADD(req, SA, ID): a member asks for one more; all get it again. */
static void add(struct serve *s, struct conn *c, const struct bk_msg *m)
{
	const uint8_t *who = m->body + 4 + DUET_SA_ID_LEN;
	struct find_sa f;
	struct pending *p;
	unsigned int i;
	int err;

	if (m->len != 4 + DUET_SA_ID_LEN + DUET_ID_LEN)
		goto bad;
	p = pending_new(s, c->fd, bk_get32(m->body));
	if (!p) {
		refuse(c, m, EBUSY);
		return;
	}
	memcpy(p->sa, m->body + 4, DUET_SA_ID_LEN);
	err = issued(s, p->sa, &f) ? 0 : -ENOENT;
	for (i = 0; !err && i < f.sa.n_members &&
		    memcmp(f.sa.members[i], c->id, DUET_ID_LEN); i++)
		;
	if (!err && i == f.sa.n_members)
		err = -EPERM;		/* only a member may add one */
	if (!err)
		err = duet_sa_member_add(s->nl, p->sa, who) ?:
		      duet_sa_wrap(s->nl, p->sa, c->id, p->blob, &p->blob_len) ?:
		      distribute(s, p, who);
	for (i = 0; !err && i < f.sa.n_members; i++)
		if (memcmp(f.sa.members[i], c->id, DUET_ID_LEN))
			distribute(s, p, f.sa.members[i]);	/* one not joined misses it */
	p->err = -err;
	if (err) {
		p->blob_len = 0;	/* the SA stays as it was */
		finish(s, p);
	}
	return;
bad:
	if (m->len >= 4)
		refuse(c, m, EPROTO);
}

/* FORWARD(tag, ID, blob) from the broker we are a party of. */
static void forward(struct serve *s, const struct bk_msg *m)
{
	uint8_t blob[DUET_MAX_BLOB_LEN], b[4 + DUET_MAX_BLOB_LEN], ack[8];
	const uint8_t *who = m->body + 4;
	struct conn *c;
	struct pending *p;
	size_t len;
	int err;

	if (m->len <= 4 + DUET_ID_LEN)
		return;
	c = conn_by_id(s, who, 0);
	err = c ? duet_sa_rewrap(s->nl, m->body + 4 + DUET_ID_LEN,
				 m->len - 4 - DUET_ID_LEN, who, blob, &len) : -EHOSTUNREACH;
	p = err ? NULL : pending_new(s, s->up, bk_get32(m->body));
	if (p) {
		p->forward = 1;
		bk_put32(b, p->tag);
		memcpy(b + 4, blob, len);
		err = bk_send(c->fd, BK_SA, b, 4 + len);
		p->waiting = !err;
		if (err)
			p->used = 0;
	}
	if (!p || err) {
		memcpy(ack, m->body, 4);
		bk_put32(ack + 4, err ? -err : EBUSY);
		bk_send(s->up, BK_SA_ACK, ack, 8);
	}
}

/* The party's next link key, sealed under its current one, if online. */
static void chain(struct serve *s, const uint8_t *id)
{
	uint8_t blob[DUET_MAX_BLOB_LEN];
	struct conn *c = conn_by_id(s, id, 0);
	uint32_t gen;
	size_t len;

	if (duet_link_next(s->nl, id, blob, &len, &gen))
		return;
	bk_log("serve: link key generation %u made%s", gen, c ? "" : ", party offline");
	if (c)
		bk_send(c->fd, BK_LINK, blob, len);
}

/* ENDED(SA): the first report of an SA moves every member's chain on. */
static void ended(struct serve *s, struct conn *c, const struct bk_msg *m)
{
	struct find_sa f;
	unsigned int i;

	if (m->len != DUET_SA_ID_LEN)
		return;
	for (i = 0; i < s->n_ended && i < MAX_ENDED; i++)
		if (!memcmp(s->ended[i], m->body, DUET_SA_ID_LEN))
			return;
	memcpy(s->ended[s->n_ended++ % MAX_ENDED], m->body, DUET_SA_ID_LEN);
	chain(s, c->id);
	if (!issued(s, m->body, &f))
		return;		/* another domain's SA: its broker chains the rest */
	for (i = 0; i < f.sa.n_members; i++)
		if (memcmp(f.sa.members[i], c->id, DUET_ID_LEN))
			chain(s, f.sa.members[i]);
}

/* HELLO: a new chain (DUET_LINK on this session), or the one we hold. */
static int hello(struct serve *s, struct conn *c, const struct bk_msg *m)
{
	int role = DUET_LINK_BROKER, linked = 0, i;
	struct duet_link_info l;

	if (m->len != 13)
		return -EPROTO;
	if (m->body[0] & BK_HELLO_NEW_LINK) {
		if (setsockopt(c->fd, SOL_DUET, DUET_LINK, &role, sizeof(role)))
			return bk_send(c->fd, BK_REAUTH, NULL, 0) ?: -errno;
	} else if (!(linked = bk_link_get(s->nl, c->id, DUET_LINK_BROKER, &l)) ||
		   memcmp(l.chain, m->body + 1, 8)) {
		bk_log("serve: a party without a link here: re-authenticate");
		return bk_send(c->fd, BK_REAUTH, NULL, 0) ?: -ENOKEY;
	}
	for (i = 0; i < MAX_CONNS; i++)		/* it reconnected: the old one goes */
		if (&s->c[i] != c && s->c[i].fd >= 0 &&
		    !memcmp(s->c[i].id, c->id, DUET_ID_LEN)) {
			close(s->c[i].fd);
			s->c[i].fd = -1;
		}
	c->ready = 1;
	c->is_broker = !!(m->body[0] & BK_HELLO_BROKER);
	bk_log("serve: a %s joined (%s chain)", c->is_broker ? "broker" : "party",
	       m->body[0] & BK_HELLO_NEW_LINK ? "new" : "same");
	i = bk_send(c->fd, BK_WELCOME, NULL, 0);
	if (!i && linked && l.pending)
		chain(s, c->id);	/* it was offline when its chain moved */
	return i;
}

static int from_conn(struct serve *s, struct conn *c)
{
	struct bk_msg m;
	int err;

	err = bk_recv(c->fd, &m);
	if (err)
		return err;
	if (m.type == BK_HELLO)
		return hello(s, c, &m);
	if (!c->ready)
		return -EPROTO;
	switch (m.type) {
	case BK_REQUEST:
		request(s, c, &m);
		break;
	case BK_ADD:
		add(s, c, &m);
		break;
	case BK_SA_ACK:
		if (m.len == 8)
			acked(s, bk_get32(m.body), bk_get32(m.body + 4));
		break;
	case BK_ENDED:
		ended(s, c, &m);
		break;
	case BK_LINK_ACK:
		if (m.len == 4)
			duet_link_commit(s->nl, c->id, bk_get32(m.body));
		break;
	default:
		return -EPROTO;
	}
	return 0;
}

static int from_uplink(struct serve *s)
{
	uint8_t id[DUET_SA_ID_LEN], ack[4];
	struct bk_msg m;
	uint32_t gen;
	int err;

	err = bk_recv(s->up, &m);
	if (err)
		return err;
	if (m.type == BK_FORWARD)
		forward(s, &m);
	else if (m.type == BK_LINK && !duet_sa_install(s->nl, m.body, m.len, id, &gen)) {
		bk_put32(ack, gen);
		bk_send(s->up, BK_LINK_ACK, ack, 4);
	}
	return 0;
}

static int listen_on(const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE },
			*ai;
	int fd, one = 1;

	if (getaddrinfo(NULL, port, &hints, &ai))
		return -EINVAL;
	fd = socket(duet_family(), SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 64) ||
	    fcntl(fd, F_SETFL, O_NONBLOCK)) {
		freeaddrinfo(ai);
		return -errno;
	}
	freeaddrinfo(ai);
	return fd;
}

static void accept_one(struct serve *s)
{
	int fd = accept(s->lfd, NULL, NULL), i;

	if (fd < 0)
		return;
	for (i = 0; i < MAX_CONNS && s->c[i].fd >= 0; i++)
		;
	if (i == MAX_CONNS || bk_peer_id(fd, s->c[i].id)) {
		close(fd);
		return;
	}
	s->c[i].fd = fd;
	s->c[i].ready = 0;
	s->c[i].is_broker = 0;
}

static void timeouts(struct serve *s)
{
	time_t now = time(NULL);
	int i;

	for (i = 0; i < MAX_PENDING; i++)
		if (s->p[i].used && now >= s->p[i].deadline) {
			s->p[i].err = ETIMEDOUT;
			finish(s, &s->p[i]);
		}
}

static void conn_gone(struct serve *s, struct conn *c)
{
	int i;

	for (i = 0; i < MAX_PENDING; i++)
		if (s->p[i].used && s->p[i].reply_fd == c->fd)
			s->p[i].reply_fd = -1;
	close(c->fd);
	c->fd = -1;
}

static void uplink(struct serve *s)
{
	uint8_t id[DUET_ID_LEN];

	if (!s->upj.host || s->up >= 0)
		return;
	s->up = bk_join(&s->upj, id);
	if (s->up >= 0)
		bk_log("serve: joined the broker of the other domain");
}

int serve_main(const char *port, const char *up_host, const char *up_port,
	       const char *policy)
{
	static struct serve s;
	struct pollfd p[MAX_CONNS + 2];
	uint32_t n;
	int i, err;

	s.up = -1;
	s.upj = (struct bk_join){ .host = up_host, .port = up_port,
				  .flags = BK_HELLO_BROKER };
	for (i = 0; i < MAX_CONNS; i++)
		s.c[i].fd = -1;
	err = duet_nl_open(&s.nl);
	if (err)
		return bk_fail("netlink", err);
	s.upj.nl = s.nl;
	if (policy && (err = policy_load(&s, policy)))
		return bk_fail(policy, err);
	/* a broker that starts knows no party: every one authenticates again */
	err = duet_links_flush(s.nl, DUET_LINK_BROKER, &n);
	if (err)
		return bk_fail("flush", err);
	s.lfd = listen_on(port);
	if (s.lfd < 0)
		return bk_fail("listen", s.lfd);
	for (;;) {
		uplink(&s);
		p[0] = (struct pollfd){ .fd = s.lfd, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = s.up, .events = POLLIN };
		for (i = 0; i < MAX_CONNS; i++)
			p[i + 2] = (struct pollfd){ .fd = s.c[i].fd, .events = POLLIN };
		if (poll(p, MAX_CONNS + 2, 1000) < 0 && errno != EINTR)
			return bk_fail("poll", -errno);
		if (p[0].revents)
			accept_one(&s);
		if (s.up >= 0 && p[1].revents && from_uplink(&s)) {
			close(s.up);
			s.up = -1;
		}
		for (i = 0; i < MAX_CONNS; i++)
			if (s.c[i].fd >= 0 && p[i + 2].revents && from_conn(&s, &s.c[i]))
				conn_gone(&s, &s.c[i]);
		timeouts(&s);
	}
}
