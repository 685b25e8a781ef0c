// SPDX-License-Identifier: GPL-2.0
/*
 * netfuzz PORT TARGET_IP TARGET_PORT SECONDS [SEED]: a middlebox that
 * breaks duet connections, one way per connection, for SECONDS. It relays
 * each connection accepted on PORT to TARGET and parses both streams into
 * records by their headers (M1 is the client's record 0, M2 the server's,
 * M3 the client's record 1, data after). For each connection it picks a
 * direction (the client's stream three times in four), a record (0-3) and
 * one of:
 *   flip     flip 1-4 random bits of it, header included
 *   trunc    send part of it, then end both streams
 *   huge     its length field set past any record's (16 385 - 65 535)
 *   dup      send it twice
 *   swap     send it after the record that follows it
 *   drop     never send it
 *   inject   a random record (type 0-7, 0-64 random bytes) before it
 *   zero     its body removed (length 0)
 *   dribble  from it on, one byte per write
 * so both ends' parsers see valid prefixes followed by hostile bytes.
 * Connections are relayed at once (a process each, 32 at most). Prints
 * "ready" once listening, and at the end "connections N" and how many
 * connections were given each mutation (the record it names may never
 * come: a connection that ends first goes untouched).
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wire.h"

enum op { FLIP, TRUNC, HUGE, DUP, SWAP, DROP, INJECT, ZERO, DRIBBLE, N_OPS };
static const char *const op_names[N_OPS] = {
	"flip", "trunc", "huge", "dup", "swap", "drop", "inject", "zero", "dribble",
};
static long planned[N_OPS];

#define BUF (DUET_REC_HDR_LEN + 65536)

struct dir {
	int from, to;
	u8 buf[BUF];		/* bytes read, not yet a whole record */
	size_t have;
	u8 held[BUF];		/* swap: the record held back */
	size_t held_len;
	unsigned int index;	/* records seen */
	bool dribble;
};

struct plan {
	int dir;		/* 0: client's stream, 1: server's */
	unsigned int index;
	enum op op;
};

static int sendall(int fd, const u8 *p, size_t n, bool dribble)
{
	ssize_t w;

	while (n) {
		w = send(fd, p, dribble ? 1 : n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

/* One whole record of d: mutated or not, forwarded. < 0: end the connection. */
static int record(struct dir *d, u8 *rec, size_t len, const struct plan *p, int me)
{
	bool hit = p->dir == me && p->index == d->index++;
	u8 junk[DUET_REC_HDR_LEN + 64];
	size_t i, n;
	int err = 0;

	if (!hit) {
		err = sendall(d->to, rec, len, d->dribble);
		goto held;
	}
	switch (p->op) {
	case FLIP:
		for (n = 1 + rand() % 4; n; n--)
			rec[rand() % len] ^= 1 << (rand() % 8);
		return sendall(d->to, rec, len, false);
	case TRUNC:
		sendall(d->to, rec, rand() % len, false);
		return -1;
	case HUGE:
		put_unaligned_be16(16385 + rand() % (65536 - 16385), rec + 2);
		return sendall(d->to, rec, len, false);
	case DUP:
		return sendall(d->to, rec, len, false) ?: sendall(d->to, rec, len, false);
	case SWAP:
		memcpy(d->held, rec, len);
		d->held_len = len;
		return 0;
	case DROP:
		return 0;
	case INJECT:
		n = rand() % 65;
		duet_rec_hdr_encode(junk, rand() % 8, n);
		for (i = 0; i < n; i++)
			junk[DUET_REC_HDR_LEN + i] = rand();
		return sendall(d->to, junk, DUET_REC_HDR_LEN + n, false) ?:
		       sendall(d->to, rec, len, false);
	case ZERO:
		put_unaligned_be16(0, rec + 2);
		return sendall(d->to, rec, DUET_REC_HDR_LEN, false);
	case DRIBBLE:
		d->dribble = true;
		return sendall(d->to, rec, len, true);
	default:
		return -1;
	}
held:	/* a record held back by swap goes after the one that followed it */
	if (!err && d->held_len) {
		err = sendall(d->to, d->held, d->held_len, false);
		d->held_len = 0;
	}
	return err;
}

/* Bytes arrived on d: forward its whole records. < 0: end the connection. */
static int pump(struct dir *d, const struct plan *p, int me)
{
	ssize_t n = recv(d->from, d->buf + d->have, BUF - d->have, 0);
	size_t len;

	if (n <= 0)
		return -1;
	d->have += n;
	while (d->have >= DUET_REC_HDR_LEN) {
		len = DUET_REC_HDR_LEN + get_unaligned_be16(d->buf + 2);
		if (d->have < len)
			break;
		if (record(d, d->buf, len, p, me))
			return -1;
		memmove(d->buf, d->buf + len, d->have - len);
		d->have -= len;
	}
	return 0;
}

static void relay(int c, const struct sockaddr_in *target, const struct plan *p)
{
	static struct dir d[2];	/* a process per connection */
	struct pollfd pf[2];
	int s = socket(AF_INET, SOCK_STREAM, 0), i, one = 1;

	if (s < 0 || connect(s, (const struct sockaddr *)target, sizeof(*target))) {
		if (s >= 0)
			close(s);
		return;
	}
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(d, 0, sizeof(d));
	d[0].from = c;
	d[0].to = s;
	d[1].from = s;
	d[1].to = c;
	pf[0] = (struct pollfd){ .fd = c, .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = s, .events = POLLIN };
	/* nothing for 15 s: both ends have given up (handshake timeout 10 s) */
	while (poll(pf, 2, 15000) > 0) {
		for (i = 0; i < 2; i++)
			if (pf[i].revents && pump(&d[i], p, i))
				goto out;
	}
out:
	close(s);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, t = { .sin_family = AF_INET };
	int lfd, c, one = 1, secs, i, live = 0;
	struct plan p;
	long conns = 0;
	time_t end;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: netfuzz PORT TARGET_IP TARGET_PORT SECONDS [SEED]\n");
		return 2;
	}
	a.sin_port = htons(atoi(argv[1]));
	inet_pton(AF_INET, argv[2], &t.sin_addr);
	t.sin_port = htons(atoi(argv[3]));
	secs = atoi(argv[4]);
	srand(argc == 6 ? atoi(argv[5]) : time(NULL));
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 16))
		return perror("netfuzz"), 1;
	printf("ready\n");
	fflush(stdout);
	end = time(NULL) + secs;
	while (time(NULL) < end) {
		struct pollfd pf = { .fd = lfd, .events = POLLIN };

		if (poll(&pf, 1, 1000) <= 0)
			continue;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			live--;
		if (live >= 32) {
			wait(NULL);
			live--;
		}
		c = accept(lfd, NULL, NULL);
		if (c < 0)
			continue;
		p.dir = rand() % 4 == 0;
		p.index = rand() % 4;
		p.op = rand() % N_OPS;
		planned[p.op]++;
		conns++;
		if (fork() == 0) {
			close(lfd);
			srand(rand() ^ getpid());
			relay(c, &t, &p);
			_exit(0);
		}
		live++;
		close(c);
	}
	while (wait(NULL) > 0)
		;
	printf("connections %ld", conns);
	for (i = 0; i < N_OPS; i++)
		printf(" %s %ld", op_names[i], planned[i]);
	printf("\n");
	return 0;
}
