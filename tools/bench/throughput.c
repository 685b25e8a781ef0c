// SPDX-License-Identifier: GPL-2.0
/*
 * throughput [-m MiB] [-r ROUNDS] [-p PSK_ID]: bulk transfer over loopback,
 * side by side in one run: plain TCP, kTLS (TLS 1.3 record layer,
 * AES-128-GCM, keys set directly with TLS_TX/TLS_RX), and duet (PSK,
 * AES-128-GCM). The sender writes 64 KiB at a time; the clock runs from
 * connect() to the receiver's last byte. The modes take turns for ROUNDS
 * rounds (default 5), so drift in the machine's speed hits all alike;
 * prints each mode's median and a closing "duet/ktls: R" of medians.
 * Run inside the VM with a PSK configured (tools/bench/run.sh).
 */

#include <arpa/inet.h>
#include <errno.h>
#include <linux/tls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "duet.h"

#ifndef SOL_TLS
#define SOL_TLS 282
#endif

enum mode { TCP, KTLS, DUET };
static const char *const names[] = { "tcp", "ktls", "duet" };

static size_t total;
static const char *psk_id;

static void die(const char *what)
{
	fprintf(stderr, "throughput: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void ktls_on(int fd, int dir)
{
	struct tls12_crypto_info_aes_gcm_128 ci = {
		.info = { .version = TLS_1_3_VERSION,
			  .cipher_type = TLS_CIPHER_AES_GCM_128 },
	};

	/* Fixed keys: both ends must agree, and secrecy is not the point here. */
	memset(ci.key, 0x11, sizeof(ci.key));
	memset(ci.iv, 0x22, sizeof(ci.iv));
	memset(ci.salt, 0x33, sizeof(ci.salt));
	if (setsockopt(fd, SOL_TCP, TCP_ULP, "tls", sizeof("tls")) ||
	    setsockopt(fd, SOL_TLS, dir, &ci, sizeof(ci)))
		die("kTLS");
}

static int make_socket(enum mode m)
{
	int fd = socket(m == DUET ? duet_family() : AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	if (m == DUET && psk_id &&
	    setsockopt(fd, SOL_DUET, DUET_PSK_ID, psk_id, strlen(psk_id)))
		die("DUET_PSK_ID");
	return fd;
}

/* Receiver: accept one connection, read total bytes, then say so. */
static void receive(enum mode m, int lfd, int done)
{
	static char buf[1 << 16];
	size_t got = 0;
	ssize_t n;
	int fd;

	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("accept");
	if (m == KTLS)
		ktls_on(fd, TLS_RX);
	while (got < total) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			die("recv");
		got += n;
	}
	if (write(done, "x", 1) != 1)
		die("pipe");
	close(fd);
	_exit(0);
}

static double run(enum mode m)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	static char buf[1 << 16];
	socklen_t alen = sizeof(a);
	int lfd, fd, pipefd[2];
	size_t sent = 0;
	double t0, t1;
	ssize_t n;
	char c;

	lfd = make_socket(m);
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 1) ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen) || pipe(pipefd))
		die("listen");
	if (fork() == 0)
		receive(m, lfd, pipefd[1]);
	memset(buf, 0xa5, sizeof(buf));
	fd = make_socket(m);
	t0 = now();
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	if (m == KTLS)
		ktls_on(fd, TLS_TX);
	while (sent < total) {
		n = send(fd, buf, total - sent < sizeof(buf) ? total - sent : sizeof(buf), 0);
		if (n <= 0)
			die("send");
		sent += n;
	}
	if (read(pipefd[0], &c, 1) != 1)
		die("receiver");
	t1 = now();
	close(fd);
	close(lfd);
	wait(NULL);
	return total / (t1 - t0) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAX_ROUNDS 31

int main(int argc, char **argv)
{
	double mbs[3][MAX_ROUNDS], med[3];
	int c, m, r, rounds = 5;

	total = 64 << 20;
	while ((c = getopt(argc, argv, "m:r:p:")) != -1) {
		if (c == 'm')
			total = (size_t)atol(optarg) << 20;
		else if (c == 'r')
			rounds = atoi(optarg);
		else if (c == 'p')
			psk_id = optarg;
		else
			return 2;
	}
	if (rounds < 1 || rounds > MAX_ROUNDS)
		return 2;
	printf("%zu MiB over loopback, 64 KiB writes, AES-128-GCM, %d rounds\n",
	       total >> 20, rounds);
	for (r = 0; r < rounds; r++)
		for (m = TCP; m <= DUET; m++)
			mbs[m][r] = run(m);
	printf("%-6s %10s %10s %10s %10s\n", "", "median", "min", "max", "vs tcp");
	for (m = TCP; m <= DUET; m++) {
		qsort(mbs[m], rounds, sizeof(double), cmp_double);
		med[m] = mbs[m][rounds / 2];
		printf("%-6s %10.1f %10.1f %10.1f %9.2fx\n", names[m], med[m],
		       mbs[m][0], mbs[m][rounds - 1], med[m] / med[TCP]);
	}
	printf("duet/ktls: %.2f\n", med[DUET] / med[KTLS]);
	return 0;
}
