// SPDX-License-Identifier: GPL-2.0
/*
 * hsflood: many handshakes at once.
 *   hsflood -l PORT N      accept N connections, each sends up to "x":
 *                          print "accepted N, X sent x, in T s" when each
 *                          sent its x or ended, and why some ended without
 *   hsflood HOST PORT N    start N non-blocking connects together, wait
 *                          for all: print "established E failed F" and, per
 *                          errno, "errno NAME COUNT"
 *   hsflood -s HOST PORT N [BYTES]
 *                          one connection after another, each sends BYTES
 *                          (0) bytes then "x" and waits for the server's
 *                          close: "established
 *                          E failed F resumed R in T s", then "latency ms
 *                          median M p95 P" of the established connect()s
 *                          and, per errno, "errno NAME COUNT"
 * hsflood -F ...: any of these marked for failslab (lib/failmark.h) while
 * it connects or accepts (faults.sh), unmarked to print.
 * Handshakes may take 60 s (DUET_HANDSHAKE_TIMEOUT). HOST PORT N gives up
 * 80 s after its last connect(); -l stops accepting after 90 + N/10 s and
 * closes a connection silent for 120 s.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "duet.h"
#include "lib/failmark.h"

#define MAX_N 2048

static int marked;	/* -F: for failslab while at work */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static volatile sig_atomic_t expired;

static void on_alarm(int sig)
{
	(void)sig;
	expired = 1;
}

struct served {
	int accepted, got, left, why[256];	/* why[0]: end of stream */
};

/* Read what conn has; true once it is done with (its "x", its end). */
static int serve_read(struct pollfd *conn, struct served *st)
{
	char buf[256];
	ssize_t r;

	r = recv(conn->fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (r > 0 && !memchr(buf, 'x', r))
		return 0;
	if (r > 0)
		st->got++;
	else
		st->why[r ? errno & 255 : 0]++;
	close(conn->fd);
	return 1;
}

static void serve_print(struct served *st, double t)
{
	int i;

	printf("accepted %d, %d sent x, in %.2f s%s\n", st->accepted, st->got, t,
	       expired ? "; gave up" : "");
	if (st->why[0])
		printf("ended without x: end of stream %d\n", st->why[0]);
	for (i = 1; i < 256; i++)
		if (st->why[i])
			printf("ended without x: errno %s %d\n", strerrorname_np(i) ?: "?", st->why[i]);
	if (st->left)
		printf("still open: %d\n", st->left);
}

/*
 * Accepts n connections, all watched at once (a client's handshake may
 * finish long after ours: its helper is slow too), until each sent its
 * "x" or ended.
 */
static int serve(int af, int port, int n)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int lfd = socket(af, SOCK_STREAM, 0), one = 1, fd, ms = 60000, open = 0, i;
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	static struct pollfd p[MAX_N + 1];
	static double since[MAX_N + 1];
	static struct served st;
	double t0 = 0;

	sigaction(SIGALRM, &sa, NULL);
	alarm(90 + n / 10);	/* never outlive a test, even if some never come */
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(lfd, SOL_DUET, DUET_HANDSHAKE_TIMEOUT, &ms, sizeof(ms));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, n))
		return perror("hsflood: listen"), 1;
	if (marked && fail_mark(1))
		return perror("hsflood: make-it-fail"), 1;
	p[0].fd = lfd;
	while ((st.accepted < n || open) && !expired) {
		p[0].events = st.accepted < n && open < MAX_N ? POLLIN : 0;
		if (poll(p, open + 1, 1000) < 0)
			continue;	/* the alarm */
		for (i = 1; i <= open; i++) {
			if (p[i].revents) {
				since[i] = now();
				if (!serve_read(&p[i], &st))
					continue;
			} else if (now() - since[i] > 120) {
				close(p[i].fd);	/* a peer silent for 2 min */
				st.why[ETIMEDOUT]++;
			} else {
				continue;
			}
			since[i] = since[open];
			p[i--] = p[open--];
		}
		if (!(p[0].revents & POLLIN))
			continue;
		fd = accept(lfd, NULL, NULL);
		if (fd < 0 && errno != EBADF && errno != EINVAL && errno != ENOTSOCK)
			continue;	/* fault injection (ENOMEM, ENFILE...), a signal */
		if (fd < 0)
			return perror("hsflood: accept"), 1;
		if (!st.accepted++)
			t0 = now();
		p[++open] = (struct pollfd){ .fd = fd, .events = POLLIN };
		since[open] = now();
	}
	if (marked)
		fail_mark(0);
	st.left = open;
	serve_print(&st, now() - t0);
	return 0;
}

static int flood(int af, const char *host, int port, int n)
{
	static struct pollfd p[MAX_N];
	static int errs[256];
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int i, left = n, ok = 0, failed = 0, err, ms = 60000;
	socklen_t len;
	double t0 = now(), started;

	inet_pton(AF_INET, host, &a.sin_addr);
	for (i = 0; i < n; i++) {
		p[i].fd = socket(af, SOCK_STREAM | SOCK_NONBLOCK, 0);
		p[i].events = POLLOUT;
		setsockopt(p[i].fd, SOL_DUET, DUET_HANDSHAKE_TIMEOUT, &ms, sizeof(ms));
		if (p[i].fd < 0 || (connect(p[i].fd, (struct sockaddr *)&a, sizeof(a)) &&
				    errno != EINPROGRESS))
			return perror("hsflood: connect"), 1;
	}
	/* Each one's handshake timer started with its connect(): from the
	 * last one, every handshake has ended within 60 s. */
	started = now();
	while (left && now() - started < 80 && poll(p, n, 1000) >= 0) {
		for (i = 0; i < n; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			len = sizeof(err);
			getsockopt(p[i].fd, SOL_SOCKET, SO_ERROR, &err, &len);
			if (!err && send(p[i].fd, "x", 1, MSG_NOSIGNAL) != 1)
				err = errno;
			if (err) {
				failed++;
				errs[err & 255]++;
			} else {
				ok++;
			}
			/* kept open: closing early would race the peer's accept */
			p[i].fd = -p[i].fd - 1;
			left--;
		}
	}
	printf("established %d failed %d in %.2f s\n", ok, failed + left, now() - t0);
	for (i = 0; i < 256; i++)
		if (errs[i])
			printf("errno %s %d\n", strerrorname_np(i) ?: "?", errs[i]);
	sleep(1);
	return 0;
}

/* One blocking connection: 1 resumed, 0 full, < 0 -errno; *ms: connect(). */
static int send_bytes(int fd, size_t n)
{
	static char buf[65536];
	ssize_t w;

	memset(buf, 'a', sizeof(buf));
	while (n) {
		w = send(fd, buf, n < sizeof(buf) ? n : sizeof(buf), MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		n -= w;
	}
	return 0;
}

static int one_conn(int af, const struct sockaddr_in *a, size_t bytes, double *ms)
{
	struct timeval tv = { 30, 0 };
	struct duet_info info;
	socklen_t len = sizeof(info);
	int fd = socket(af, SOCK_STREAM, 0), ret;
	double t0 = now();
	char c;

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ret = connect(fd, (const struct sockaddr *)a, sizeof(*a));
	*ms = (now() - t0) * 1000;
	if (!ret && !send_bytes(fd, bytes) && send(fd, "x", 1, MSG_NOSIGNAL) == 1 &&
	    recv(fd, &c, 1, 0) == 0 &&
	    !getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len))
		ret = info.resumed;
	else
		ret = -(errno ?: EIO);
	close(fd);
	return ret;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int sequence(int af, const char *host, int port, int n, size_t bytes)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	static double ms[MAX_N];
	static int errs[256];
	int i, ok = 0, failed = 0, resumed = 0, r;
	double t0 = now(), t = 0;

	if (n > MAX_N)
		return fprintf(stderr, "hsflood: at most %d\n", MAX_N), 2;
	inet_pton(AF_INET, host, &a.sin_addr);
	if (marked && fail_mark(1))
		return perror("hsflood: make-it-fail"), 1;
	for (i = 0; i < n; i++) {
		r = one_conn(af, &a, bytes, &t);
		if (r < 0) {
			failed++;
			errs[-r & 255]++;
			continue;
		}
		ms[ok++] = t;
		resumed += r;
	}
	if (marked && fail_mark(0))
		return 1;
	printf("established %d failed %d resumed %d in %.2f s\n", ok, failed, resumed,
	       now() - t0);
	qsort(ms, ok, sizeof(ms[0]), cmp_double);
	if (ok)
		printf("latency ms median %.0f p95 %.0f\n", ms[ok / 2],
		       ms[(ok * 95 - 1) / 100]);
	for (i = 0; i < 256; i++)
		if (errs[i])
			printf("errno %s %d\n", strerrorname_np(i) ?: "?", errs[i]);
	return 0;
}

int main(int argc, char **argv)
{
	int af = duet_family();

	if (argc > 1 && !strcmp(argv[1], "-F")) {
		marked = 1;
		argc--;
		argv++;
	}
	if (af < 0)
		return fprintf(stderr, "hsflood: no AF_DUET\n"), 1;
	if (argc == 4 && !strcmp(argv[1], "-l"))
		return serve(af, atoi(argv[2]), atoi(argv[3]));
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "-s"))
		return sequence(af, argv[2], atoi(argv[3]), atoi(argv[4]),
				argc == 6 ? strtoul(argv[5], NULL, 0) : 0);
	if (argc == 4 && atoi(argv[3]) > 0 && atoi(argv[3]) <= MAX_N)
		return flood(af, argv[1], atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: hsflood -l PORT N | hsflood HOST PORT N | "
		"hsflood -s HOST PORT N [BYTES]\n");
	return 2;
}
