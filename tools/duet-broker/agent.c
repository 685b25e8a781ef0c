// SPDX-License-Identifier: GPL-2.0
/*
 * duet-broker join: a party's agent. It keeps the party joined to its
 * broker, installs what the broker sends (SAs, next link keys) in the
 * kernel, tells the broker when a broker session closed, and serves
 * "duet-broker request"/"add" on a local socket. Blobs pass through it
 * sealed: it never sees a key.
 */

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "broker.h"
#include "duet.h"
#include "duet_nl.h"
#include "join.h"
#include "proto.h"

#define MAX_WAITING 16

struct agent {
	struct bk_join j;
	int fd;				/* to the broker; -1 while down */
	uint8_t broker[DUET_ID_LEN];
	int ctl;
	struct duet_events *ev;
	struct duet_nl *nl;
	struct { int fd; uint32_t req; } wait[MAX_WAITING];
	uint32_t next_req;
	long refresh;			/* seconds between full re-handshakes */
	time_t chain_at, retry_at;
	int verbose;
};

static void reply(int fd, int err, const uint8_t *sa)
{
	char hex[2 * DUET_SA_ID_LEN + 1], line[160];
	int n;

	if (err) {
		n = snprintf(line, sizeof(line), "error %d %s\n", err, strerror(err));
	} else {
		duet_hex_print(sa, DUET_SA_ID_LEN, hex);
		n = snprintf(line, sizeof(line), "ok %s\n", hex);
	}
	if (write(fd, line, n) != n)
		bk_log("agent: a client went away");
	close(fd);
}

static void fail_waiting(struct agent *a, int err)
{
	int i;

	for (i = 0; i < MAX_WAITING; i++)
		if (a->wait[i].fd >= 0) {
			reply(a->wait[i].fd, err, NULL);
			a->wait[i].fd = -1;
		}
}

static void broker_down(struct agent *a, int err)
{
	bk_log("agent: broker connection lost: %s", strerror(-err));
	close(a->fd);
	a->fd = -1;
	a->retry_at = time(NULL) + 1;
	fail_waiting(a, ECONNRESET);
}

static void join(struct agent *a)
{
	time_t now = time(NULL);
	int fd;

	a->j.new_chain = a->refresh && now - a->chain_at >= a->refresh;
	fd = bk_join(&a->j, a->broker);
	if (fd < 0) {
		a->retry_at = now + 1;
		return;
	}
	a->fd = fd;
	if (a->j.made)
		a->chain_at = now;
	bk_log("agent: joined the broker (%s chain)", a->j.made ? "new" : "same");
}

/* SA(tag, blob) or LINK(blob): into the kernel, and say how it went. */
static int install(struct agent *a, const struct bk_msg *m)
{
	uint8_t id[DUET_SA_ID_LEN], ack[8];
	size_t off = m->type == BK_SA ? 4 : 0;
	uint32_t gen = 0;
	int err;

	if (m->len <= off)
		return -EPROTO;
	err = duet_sa_install(a->nl, m->body + off, m->len - off, id, &gen);
	if (err)
		bk_log("agent: a blob from the broker was refused: %s", strerror(-err));
	if (m->type == BK_LINK) {
		if (err)
			return 0;
		bk_log("agent: link key generation %u", gen);
		bk_put32(ack, gen);
		return bk_send(a->fd, BK_LINK_ACK, ack, 4);
	}
	memcpy(ack, m->body, 4);
	bk_put32(ack + 4, -err);
	return bk_send(a->fd, BK_SA_ACK, ack, 8);
}

static int result(struct agent *a, const struct bk_msg *m)
{
	uint8_t id[DUET_SA_ID_LEN] = { 0 };
	uint32_t req, gen;
	int err, i;

	if (m->len < 8)
		return -EPROTO;
	req = bk_get32(m->body);
	err = bk_get32(m->body + 4);
	if (!err && m->len > 8)
		err = -duet_sa_install(a->nl, m->body + 8, m->len - 8, id, &gen);
	for (i = 0; i < MAX_WAITING; i++)
		if (a->wait[i].fd >= 0 && a->wait[i].req == req) {
			reply(a->wait[i].fd, err, id);
			a->wait[i].fd = -1;
		}
	return 0;
}

static int from_broker(struct agent *a)
{
	struct bk_msg m;
	int err;

	err = bk_recv(a->fd, &m);
	if (err)
		return err;
	switch (m.type) {
	case BK_SA:
	case BK_LINK:
		return install(a, &m);
	case BK_RESULT:
		return result(a, &m);
	case BK_WELCOME:
		return 0;
	default:
		return -EPROTO;
	}
}

/* "request ID... [lifetime S] [bytes N]" or "add SA ID" from a client. */
static int client_msg(char *line, uint32_t req, struct bk_msg *m)
{
	char *w, *save = NULL;
	uint8_t *p = m->body;
	int add;

	w = strtok_r(line, " \n", &save);
	if (!w || (strcmp(w, "request") && strcmp(w, "add")))
		return -EINVAL;
	add = !strcmp(w, "add");
	m->type = add ? BK_ADD : BK_REQUEST;
	bk_put32(p, req);
	if (add) {
		w = strtok_r(NULL, " \n", &save);
		if (!w || duet_hex_parse(w, p + 4, DUET_SA_ID_LEN))
			return -EINVAL;
		w = strtok_r(NULL, " \n", &save);
		if (!w || duet_hex_parse(w, p + 4 + DUET_SA_ID_LEN, DUET_ID_LEN))
			return -EINVAL;
		m->len = 4 + DUET_SA_ID_LEN + DUET_ID_LEN;
		return 0;
	}
	memset(p + 4, 0, 12);
	m->len = 16;
	while ((w = strtok_r(NULL, " \n", &save))) {
		if (!strcmp(w, "lifetime") || !strcmp(w, "bytes")) {
			char *v = strtok_r(NULL, " \n", &save);

			if (!v)
				return -EINVAL;
			if (w[0] == 'l')
				bk_put32(p + 4, strtoul(v, NULL, 10));
			else
				bk_put64(p + 8, strtoull(v, NULL, 10));
		} else if (m->len + DUET_ID_LEN > 16 + (DUET_MAX_SA_MEMBERS - 1) * DUET_ID_LEN ||
			   duet_hex_parse(w, p + m->len, DUET_ID_LEN)) {
			return -EINVAL;
		} else {
			m->len += DUET_ID_LEN;
		}
	}
	return m->len > 16 ? 0 : -EINVAL;
}

static void client(struct agent *a)
{
	char line[BK_MAX_BODY];
	struct bk_msg m;
	ssize_t n;
	int fd, i, err;

	fd = accept(a->ctl, NULL, NULL);
	if (fd < 0)
		return;
	n = read(fd, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	err = client_msg(line, ++a->next_req, &m);
	if (!err && a->fd < 0)
		err = -ENOTCONN;
	for (i = 0; !err && i < MAX_WAITING && a->wait[i].fd >= 0; i++)
		;
	if (!err && i == MAX_WAITING)
		err = -EBUSY;
	if (!err)
		err = bk_send(a->fd, m.type, m.body, m.len);
	if (err) {
		reply(fd, -err, NULL);
		return;
	}
	a->wait[i].fd = fd;
	a->wait[i].req = a->next_req;
}

static void ended(const uint8_t *sa, const uint8_t *broker, void *arg)
{
	struct agent *a = arg;

	if (a->fd < 0 || memcmp(broker, a->broker, DUET_ID_LEN))
		return;		/* a broker offline learns of it no more */
	bk_send(a->fd, BK_ENDED, sa, DUET_SA_ID_LEN);
}

static int ctl_open(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	socklen_t len;

	memcpy(sun.sun_path + 1, BK_AGENT_SOCKET, strlen(BK_AGENT_SOCKET));
	len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(BK_AGENT_SOCKET);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, len) || listen(fd, 8))
		return -errno;
	return fd;
}

int agent_main(const char *host, const char *port, long refresh)
{
	struct agent a = { .fd = -1, .refresh = refresh,
			   .j = { .host = host, .port = port } };
	struct pollfd p[3];
	int i, err;

	for (i = 0; i < MAX_WAITING; i++)
		a.wait[i].fd = -1;
	a.ctl = ctl_open();
	if (a.ctl < 0)
		return bk_fail("agent socket (is an agent running already?)", a.ctl);
	err = duet_nl_open(&a.nl) ?: duet_events_open(&a.ev);
	if (err)
		return bk_fail("netlink", err);
	a.j.nl = a.nl;
	a.chain_at = time(NULL);
	join(&a);
	for (;;) {
		if (a.fd < 0 && time(NULL) >= a.retry_at)
			join(&a);
		if (a.fd >= 0 && a.refresh && time(NULL) - a.chain_at >= a.refresh) {
			close(a.fd);	/* due: a full handshake, a new chain */
			a.fd = -1;
			fail_waiting(&a, ECONNRESET);
			join(&a);
		}
		p[0] = (struct pollfd){ .fd = a.fd, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = a.ctl, .events = POLLIN };
		p[2] = (struct pollfd){ .fd = duet_events_fd(a.ev), .events = POLLIN };
		if (poll(p, 3, 1000) < 0 && errno != EINTR)
			return bk_fail("poll", -errno);
		if (a.fd >= 0 && p[0].revents) {
			err = from_broker(&a);
			if (err)
				broker_down(&a, err);
		}
		if (p[1].revents)
			client(&a);
		if (p[2].revents)
			duet_events_read(a.ev, ended, &a);
	}
}

/* duet-broker request|add ...: ask the agent, print the SA id. */
int agent_ask(int argc, char **argv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval limit = { .tv_sec = 30 };
	char line[BK_MAX_BODY] = "", out[160];
	int fd, i, err;
	socklen_t len;
	ssize_t n;

	for (i = 0; i < argc; i++)
		if (strlen(line) + strlen(argv[i]) + 2 < sizeof(line)) {
			strcat(line, argv[i]);
			strcat(line, " ");
		}
	memcpy(sun.sun_path + 1, BK_AGENT_SOCKET, strlen(BK_AGENT_SOCKET));
	len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(BK_AGENT_SOCKET);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, len))
		return bk_fail("no agent in this namespace (duet-broker join)", -errno);
	/* an agent whose broker never answers: an error, not a hang */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
	if (write(fd, line, strlen(line)) < 0)
		return bk_fail("agent", -errno);
	n = read(fd, out, sizeof(out) - 1);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		n = -ETIMEDOUT;
	close(fd);
	if (n == -ETIMEDOUT)
		return bk_fail("no answer from the agent in 30 s", -ETIMEDOUT);
	out[n > 0 ? n : 0] = '\0';
	if (n >= 3 && !memcmp(out, "ok ", 3)) {
		fputs(out + 3, stdout);
		return 0;
	}
	err = n > 6 ? atoi(out + 6) : EIO;
	return bk_fail(argv[0], -err);
}
