// SPDX-License-Identifier: GPL-2.0
/*
 * m1flood: a flood of certificate-mode M1s, as an attacker sends them.
 *   m1flood [-p PARALLEL] [-s FIRST_SRC -a NADDR] [-c] [-t SECONDS]
 *           HOST PORT ID_HEX COUNT
 * Each M1 claims identity ID_HEX with a real P-256 key share, a fresh
 * nonce and the current time, on its own TCP connection (from FIRST_SRC,
 * FIRST_SRC+1, ... round robin over NADDR local addresses). It reads one
 * answer and closes; with -c it answers a COOKIE once, as a client would,
 * and reads again. At most PARALLEL (64) connections at once, SECONDS
 * (120) at most in all. Prints what came back: "sent N m2 N cookie N
 * busy N alert N closed N failed N in T s".
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "duet.h"
#include "wire.h"

#define MAX_PAR 256

struct conn {
	int fd;
	bool sent;		/* M1 went out: wait for the answer */
	int cookies;		/* COOKIEs answered */
	unsigned int have;	/* bytes of the answer read */
	u8 buf[DUET_REC_HDR_LEN + 64];
	double start;
};

static struct {
	struct sockaddr_in dst;
	struct in_addr src;
	int naddr, cookies;
	u8 id[DUET_ID_LEN];
	u8 point[DUET_POINT_LEN];
	long sent, m2, cookie, busy, alert, closed, failed;
} f;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int make_point(void)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	size_t len = 0;
	int ok;

	ok = k && EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
						  f.point, sizeof(f.point), &len) &&
	     len == DUET_POINT_LEN;
	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

/* One M1 record; with a cookie when one is given. */
static size_t hello(u8 *rec, size_t cap, const u8 *cookie)
{
	struct duet_wbuf b = { .data = rec + DUET_REC_HDR_LEN,
			       .cap = cap - DUET_REC_HDR_LEN };
	u8 nonce[DUET_NONCE_LEN], suites[2];

	if (getrandom(nonce, sizeof(nonce), 0) != sizeof(nonce))
		return 0;
	put_unaligned_be16(DUET_SUITE_ECDHE_ECDH_P256_AES128GCM_SHA256, suites);
	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, time(NULL));
	duet_put_tlv(&b, DUET_T_IDENTITY, f.id, sizeof(f.id));
	duet_put_tlv(&b, DUET_T_KEY_SHARE, f.point, sizeof(f.point));
	if (cookie)
		duet_put_tlv(&b, DUET_T_COOKIE, cookie, DUET_COOKIE_LEN);
	if (b.err)
		return 0;
	duet_rec_hdr_encode(rec, DUET_REC_HANDSHAKE, b.len);
	return DUET_REC_HDR_LEN + b.len;
}

static int send_hello(struct conn *c, const u8 *cookie)
{
	u8 rec[512];
	size_t len = hello(rec, sizeof(rec), cookie);

	c->have = 0;
	c->sent = true;
	if (!len || send(c->fd, rec, len, MSG_NOSIGNAL) != (ssize_t)len)
		return -1;
	f.sent++;
	return 0;
}

static void conn_open(struct conn *c, long i)
{
	struct sockaddr_in src = { .sin_family = AF_INET, .sin_addr = f.src };
	int one = 1;

	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c->cookies = 0;
	c->have = 0;
	c->sent = false;
	c->start = now();
	if (c->fd < 0)
		goto fail;
	if (f.naddr) {
		src.sin_addr.s_addr = htonl(ntohl(f.src.s_addr) + i % f.naddr);
		setsockopt(c->fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
		if (bind(c->fd, (struct sockaddr *)&src, sizeof(src)))
			goto fail;
	}
	if (connect(c->fd, (struct sockaddr *)&f.dst, sizeof(f.dst)) &&
	    errno != EINPROGRESS)
		goto fail;
	return;
fail:
	f.failed++;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static void conn_close(struct conn *c)
{
	close(c->fd);
	c->fd = -1;
}

/* The connection has news: connected, an answer (or part), or closed. */
static void conn_event(struct conn *c, short revents, bool connected)
{
	u16 len;
	u8 type;
	ssize_t n;

	if (!connected) {
		if ((revents & (POLLERR | POLLHUP)) || send_hello(c, NULL)) {
			f.failed++;
			conn_close(c);
		}
		return;
	}
	n = recv(c->fd, c->buf + c->have, sizeof(c->buf) - c->have, 0);
	if (n <= 0) {
		if (n < 0 && errno == EAGAIN)
			return;
		f.closed++;
		conn_close(c);
		return;
	}
	c->have += n;
	if (c->have < DUET_REC_HDR_LEN + 1)
		return;
	duet_rec_hdr_decode(c->buf, &type, &len);
	if (type == DUET_REC_ALERT) {
		if (c->buf[DUET_REC_HDR_LEN] == DUET_ALERT_BUSY)
			f.busy++;
		else
			f.alert++;
	} else if (type == DUET_REC_HANDSHAKE &&
		   c->buf[DUET_REC_HDR_LEN] == DUET_MSG_COOKIE) {
		if (c->have < (unsigned int)DUET_REC_HDR_LEN + len)
			return;	/* the rest of it */
		f.cookie++;
		if (f.cookies && !c->cookies++ &&
		    c->have >= DUET_REC_HDR_LEN + DUET_MSG_HDR_LEN +
			       DUET_TLV_HDR_LEN + DUET_COOKIE_LEN &&
		    !send_hello(c, c->buf + DUET_REC_HDR_LEN + DUET_MSG_HDR_LEN +
				   DUET_TLV_HDR_LEN))
			return;
	} else {
		f.m2++;
	}
	conn_close(c);
}

int main(int argc, char **argv)
{
	static struct conn conns[MAX_PAR];
	struct pollfd p[MAX_PAR];
	int par = 64, secs = 120, i, opt;
	long count, next = 0;
	double t0;

	while ((opt = getopt(argc, argv, "p:s:a:ct:")) != -1) {
		if (opt == 'p')
			par = atoi(optarg);
		else if (opt == 's')
			inet_pton(AF_INET, optarg, &f.src);
		else if (opt == 'a')
			f.naddr = atoi(optarg);
		else if (opt == 'c')
			f.cookies = 1;
		else if (opt == 't')
			secs = atoi(optarg);
		else
			return 2;
	}
	if (argc - optind != 4 || par < 1 || par > MAX_PAR ||
	    duet_hex_parse(argv[optind + 2], f.id, sizeof(f.id)) ||
	    (count = atol(argv[optind + 3])) < 1) {
		fprintf(stderr, "usage: m1flood [-p N] [-s SRC -a NADDR] [-c] [-t S] "
			"HOST PORT ID_HEX COUNT\n");
		return 2;
	}
	f.dst.sin_family = AF_INET;
	f.dst.sin_port = htons(atoi(argv[optind + 1]));
	if (inet_pton(AF_INET, argv[optind], &f.dst.sin_addr) != 1 || make_point())
		return fprintf(stderr, "m1flood: bad host or no P-256\n"), 1;

	t0 = now();
	for (i = 0; i < par; i++)
		conns[i].fd = -1;
	while (now() - t0 < secs) {
		for (i = 0; i < par; i++) {
			struct conn *c = &conns[i];

			if (c->fd < 0 && next < count) {
				conn_open(c, next++);
			} else if (c->fd >= 0 && now() - c->start > 5) {
				f.closed++;	/* no answer in 5 s */
				conn_close(c);
			}
			p[i].fd = c->fd;
			/* connecting: wait until writable; then for the answer */
			p[i].events = c->sent ? POLLIN : POLLOUT;
		}
		if (next >= count) {
			for (i = 0; i < par && conns[i].fd < 0; i++)
				;
			if (i == par)
				break;
		}
		if (poll(p, par, 200) < 0)
			break;
		for (i = 0; i < par; i++)
			if (conns[i].fd >= 0 && p[i].revents)
				conn_event(&conns[i], p[i].revents, conns[i].sent);
	}
	printf("sent %ld m2 %ld cookie %ld busy %ld alert %ld closed %ld failed %ld "
	       "in %.1f s\n", f.sent, f.m2, f.cookie, f.busy, f.alert, f.closed,
	       f.failed, now() - t0);
	return 0;
}
