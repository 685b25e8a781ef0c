// SPDX-License-Identifier: GPL-2.0
/*
 * AF_DUET stream sockets in PSK mode, end to end between two network
 * namespaces (run by stream.sh, which makes them and their keys):
 * DUET_NS_CLIENT, DUET_NS_SERVER (paths under /run/netns),
 * DUET_SERVER_IP4, DUET_SERVER_IP6. PSK ids: "gw" (same key both sides),
 * "wrong" (different keys), "client-only" (unknown to the server).
 * Each test forks a server into the server namespace.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include "duet.h"
#include "kselftest_harness.h"

enum srv_mode {
	SRV_ECHO,	/* echo every connection until its EOF, then close */
	SRV_REPLY,	/* read to EOF, then send "bye" and close */
	SRV_RESET,	/* accept, then close with a reset */
	SRV_TCP_SILENT,	/* plain TCP: accept and say nothing */
	SRV_SUM_LATE,	/* wait 1 s, read to EOF, send back be64 count, be64 sum */
};

struct srv {
	pid_t pid;
	int port;
	int errs;	/* read end: errno of each failed accept(), as int */
};

static void enter_ns(const char *env)
{
	const char *path = getenv(env);
	int fd;

	if (!path || (fd = open(path, O_RDONLY)) < 0 || setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "# cannot enter %s (%s)\n", env, path ? path : "unset");
		exit(1);
	}
	close(fd);
}

static int af(void)
{
	return duet_family();
}

static ssize_t write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0)
			return -1;
		p += n;
		len -= n;
	}
	return p - (const char *)buf;
}

static void srv_echo(int fd)
{
	static char buf[65536];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		if (write_all(fd, buf, n) < 0)
			break;
}

/* A position-dependent checksum, so a lost or repeated record shows. */
static uint64_t sum_update(uint64_t sum, uint64_t *pos, const unsigned char *p,
			   size_t n)
{
	while (n--)
		sum = sum * 31 + *p++ + (*pos)++;
	return sum;
}

static void srv_sum(int fd)
{
	static unsigned char buf[65536];
	uint64_t r[2] = { 0, 0 }, pos = 0;
	ssize_t n;

	sleep(1);	/* let the sender fill every buffer first */
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		r[1] = sum_update(r[1], &pos, buf, n);
		r[0] += n;
	}
	write_all(fd, r, sizeof(r));
}

static void srv_conn(int fd, enum srv_mode mode)
{
	struct linger lg = { 1, 0 };
	char buf[4096];

	switch (mode) {
	case SRV_ECHO:
		srv_echo(fd);
		break;
	case SRV_REPLY:
		while (recv(fd, buf, sizeof(buf), 0) > 0)
			;
		write_all(fd, "bye", 3);
		break;
	case SRV_RESET:
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		break;
	case SRV_TCP_SILENT:
		pause();
		break;
	case SRV_SUM_LATE:
		srv_sum(fd);
		break;
	}
	close(fd);
	_exit(0);
}

/*
 * lfd bound to a port of the kernel's choice and listening, the port
 * written to port_fd for the parent; the child exits on any failure.
 */
static int srv_listen(int lfd, int backlog, int port_fd)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	socklen_t alen = sizeof(a);
	int one = 1, port;

	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, backlog) ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen))
		_exit(1);
	port = ntohs(a.sin6_port);
	if (write(port_fd, &port, sizeof(port)) != sizeof(port))
		_exit(1);
	return lfd;
}

static void srv_main(enum srv_mode mode, const uint16_t *suites, int n_suites,
		     int port_fd, int err_fd)
{
	int one = 1, lfd, fd, e;

	enter_ns("DUET_NS_SERVER");
	setpgid(0, 0);	/* srv_stop() ends us and our children together */
	signal(SIGCHLD, SIG_IGN);
	lfd = mode == SRV_TCP_SILENT ? socket(AF_INET6, SOCK_STREAM, 0) :
				       socket(af(), SOCK_STREAM, 0);
	if (lfd >= 0 && mode != SRV_TCP_SILENT) {
		setsockopt(lfd, SOL_DUET, DUET_ACCEPT_FAILURES, &one, sizeof(one));
		if (n_suites)
			setsockopt(lfd, SOL_DUET, DUET_SUITES, suites,
				   n_suites * sizeof(*suites));
	}
	lfd = srv_listen(lfd, 256, port_fd);
	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			e = errno;
			if (write(err_fd, &e, sizeof(e)) != sizeof(e))
				_exit(1);
			continue;
		}
		if (fork() == 0) {
			close(lfd);
			srv_conn(fd, mode);
		}
		close(fd);
	}
}

static void srv_start_suites(struct __test_metadata *_metadata, struct srv *s,
			     enum srv_mode mode, const uint16_t *suites, int n)
{
	int port[2], errs[2];

	ASSERT_EQ(0, pipe(port));
	ASSERT_EQ(0, pipe2(errs, O_NONBLOCK));
	s->pid = fork();
	ASSERT_LE(0, s->pid);
	if (s->pid == 0) {
		close(port[0]);
		close(errs[0]);
		srv_main(mode, suites, n, port[1], errs[1]);
	}
	close(port[1]);
	close(errs[1]);
	ASSERT_EQ(sizeof(int), read(port[0], &s->port, sizeof(int)));
	close(port[0]);
	s->errs = errs[0];
}

static void srv_start(struct __test_metadata *_metadata, struct srv *s,
		      enum srv_mode mode)
{
	srv_start_suites(_metadata, s, mode, NULL, 0);
}

static void srv_stop(struct srv *s)
{
	if (s->pid > 0) {
		kill(-s->pid, SIGKILL);
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

/* The errno of the server's next failed accept(), waiting up to 5 s. */
static int srv_accept_error(struct srv *s)
{
	struct pollfd p = { s->errs, POLLIN, 0 };
	int e = 0;

	if (poll(&p, 1, 5000) == 1 && read(s->errs, &e, sizeof(e)) == sizeof(e))
		return e;
	return 0;
}

static int sock_new(const char *psk)
{
	int fd = socket(af(), SOCK_STREAM, 0);

	if (fd >= 0 && psk)
		setsockopt(fd, SOL_DUET, DUET_PSK_ID, psk, strlen(psk));
	return fd;
}

static int dial_fd(int fd, const struct srv *s, int family)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(s->port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(s->port) };

	if (family == AF_INET6) {
		inet_pton(AF_INET6, getenv("DUET_SERVER_IP6"), &a6.sin6_addr);
		return connect(fd, (struct sockaddr *)&a6, sizeof(a6));
	}
	inet_pton(AF_INET, getenv("DUET_SERVER_IP4"), &a4.sin_addr);
	return connect(fd, (struct sockaddr *)&a4, sizeof(a4));
}

/* A connected socket, or -errno of the failed connect. */
static int dial(const struct srv *s, const char *psk, int family)
{
	int fd = sock_new(psk), e;

	if (fd < 0)
		return -errno;
	if (dial_fd(fd, s, family)) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

FIXTURE(stream) {
	struct srv srv;
};

FIXTURE_SETUP(stream)
{
	signal(SIGPIPE, SIG_IGN);
	memset(&self->srv, 0, sizeof(self->srv));
	enter_ns("DUET_NS_CLIENT");
	ASSERT_LT(0, af());
}

FIXTURE_TEARDOWN(stream)
{
	srv_stop(&self->srv);
}

/*
 * Send len random bytes through the echo server; what comes back must
 * match. With ku_every, the writer also updates its key (asking the peer
 * to update too) every ku_every bytes, while data flows both ways.
 */
static void echo_check_ku(struct __test_metadata *_metadata, int fd,
			  size_t len, size_t ku_every)
{
	unsigned char *out = malloc(len), *in = malloc(len);
	size_t i, got = 0;
	int status = -1;
	pid_t writer;
	ssize_t n;

	ASSERT_TRUE(out && in);
	for (i = 0; i < len; i++)
		out[i] = random();
	writer = fork();
	ASSERT_LE(0, writer);
	if (writer == 0) {
		size_t off, n, chunk = ku_every ? ku_every : len;
		int one = 1;

		for (off = 0; off < len; off += n) {
			n = len - off < chunk ? len - off : chunk;
			if (write_all(fd, out + off, n) != (ssize_t)n)
				_exit(1);
			if (ku_every && setsockopt(fd, SOL_DUET, DUET_KEY_UPDATE,
						   &one, sizeof(one)))
				_exit(2);
		}
		_exit(shutdown(fd, SHUT_WR) ? 3 : 0);
	}
	while ((n = recv(fd, in + got, len - got, 0)) > 0)
		got += n;
	EXPECT_EQ(0, n) TH_LOG("recv: %s", strerror(errno));
	EXPECT_EQ(len, got);
	EXPECT_EQ(0, memcmp(out, in, got)) TH_LOG("%zu bytes differ", len);
	EXPECT_EQ(0, recv(fd, in, 1, 0));	/* EOF stays EOF */
	waitpid(writer, &status, 0);
	EXPECT_EQ(0, status) TH_LOG("the writer failed");
	free(out);
	free(in);
}

static void echo_check(struct __test_metadata *_metadata, int fd, size_t len)
{
	echo_check_ku(_metadata, fd, len, 0);
}

TEST_F(stream, echo_sizes)
{
	static const size_t sizes[] = { 1, 100, 16383, 16384, 16385, 65536,
					1 << 20, 16 << 20 };
	unsigned int i;
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		fd = dial(&self->srv, "gw", AF_INET);
		ASSERT_LE(0, fd) TH_LOG("connect: %s", strerror(-fd));
		echo_check(_metadata, fd, sizes[i]);
		close(fd);
	}
}

TEST_F(stream, ipv6)
{
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, "gw", AF_INET6);
	ASSERT_LE(0, fd) TH_LOG("connect: %s", strerror(-fd));
	echo_check(_metadata, fd, 100000);
	close(fd);
}

TEST_F(stream, concurrent_200)
{
	int fds[200], i;
	char buf[16];

	srv_start(_metadata, &self->srv, SRV_ECHO);
	for (i = 0; i < 200; i++) {
		fds[i] = dial(&self->srv, "gw", AF_INET);
		ASSERT_LE(0, fds[i]) TH_LOG("connection %d: %s", i, strerror(-fds[i]));
	}
	for (i = 0; i < 200; i++) {
		snprintf(buf, sizeof(buf), "conn %03d", i);
		ASSERT_EQ(8, write_all(fds[i], buf, 8));
	}
	for (i = 0; i < 200; i++) {
		char want[16];

		snprintf(want, sizeof(want), "conn %03d", i);
		ASSERT_EQ(8, recv(fds[i], buf, 8, MSG_WAITALL));
		EXPECT_EQ(0, memcmp(want, buf, 8));
		close(fds[i]);
	}
}

TEST_F(stream, nonblocking_connect)
{
	struct pollfd p;
	socklen_t len = sizeof(int);
	int fd, err = -1;
	char buf[8];

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = socket(af(), SOCK_STREAM | SOCK_NONBLOCK, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_PSK_ID, "gw", 2));
	ASSERT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	ASSERT_EQ(EINPROGRESS, errno);
	EXPECT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	/* in progress, or already done: the handshake may win the race */
	EXPECT_TRUE(errno == EALREADY || errno == EISCONN) TH_LOG("%s", strerror(errno));
	p = (struct pollfd){ fd, POLLOUT, 0 };
	ASSERT_EQ(1, poll(&p, 1, 5000));
	EXPECT_TRUE(p.revents & POLLOUT);
	ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	EXPECT_EQ(0, err);
	EXPECT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	EXPECT_EQ(EISCONN, errno);
	/* nothing to read yet */
	EXPECT_EQ(-1, recv(fd, buf, 1, 0));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(4, send(fd, "ping", 4, 0));
	p = (struct pollfd){ fd, POLLIN, 0 };
	ASSERT_EQ(1, poll(&p, 1, 5000));
	EXPECT_EQ(4, recv(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(0, memcmp(buf, "ping", 4));
	close(fd);
}

TEST_F(stream, half_close)
{
	char buf[8] = { 0 };
	int fd;

	srv_start(_metadata, &self->srv, SRV_REPLY);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	ASSERT_EQ(5, send(fd, "hello", 5, 0));
	ASSERT_EQ(0, shutdown(fd, SHUT_WR));
	EXPECT_EQ(-1, send(fd, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(3, recv(fd, buf, sizeof(buf), MSG_WAITALL));
	EXPECT_EQ(0, memcmp(buf, "bye", 3));
	EXPECT_EQ(0, recv(fd, buf, sizeof(buf), 0));
	close(fd);
}

TEST_F(stream, peer_reset)
{
	char buf[8];
	int fd;

	srv_start(_metadata, &self->srv, SRV_RESET);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, recv(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(ECONNRESET, errno);
	EXPECT_EQ(-1, send(fd, "x", 1, MSG_NOSIGNAL));
	close(fd);
}

TEST_F(stream, connection_refused)
{
	struct srv none = { .port = 9 };	/* nothing listens there */

	EXPECT_EQ(-ECONNREFUSED, dial(&none, "gw", AF_INET));
}

TEST_F(stream, wrong_psk)
{
	srv_start(_metadata, &self->srv, SRV_ECHO);
	EXPECT_EQ(-EKEYREJECTED, dial(&self->srv, "wrong", AF_INET));
	EXPECT_EQ(EKEYREJECTED, srv_accept_error(&self->srv));
}

TEST_F(stream, unknown_psk)
{
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	EXPECT_EQ(-ENOKEY, dial(&self->srv, "client-only", AF_INET));
	EXPECT_EQ(ENOKEY, srv_accept_error(&self->srv));
	/* and a name this host has no key for fails before any packet */
	fd = sock_new("nowhere");
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	EXPECT_EQ(ENOKEY, errno);
	close(fd);
}

TEST_F(stream, handshake_timeout)
{
	int fd, ms = 500;

	srv_start(_metadata, &self->srv, SRV_TCP_SILENT);
	fd = sock_new("gw");
	ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_HANDSHAKE_TIMEOUT, &ms, sizeof(ms)));
	EXPECT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	EXPECT_EQ(ETIMEDOUT, errno);
	close(fd);
}

TEST_F(stream, suites)
{
	uint16_t aes256 = DUET_SUITE_PSK_AES256GCM_SHA384;
	uint16_t aes128 = DUET_SUITE_PSK_AES128GCM_SHA256;
	struct duet_info info;
	socklen_t len = sizeof(info);
	int fd;

	srv_start_suites(_metadata, &self->srv, SRV_ECHO, &aes128, 1);
	fd = sock_new("gw");
	ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_SUITES, &aes256, 2));
	EXPECT_EQ(-1, dial_fd(fd, &self->srv, AF_INET));
	EXPECT_EQ(EPROTO, errno);
	close(fd);
	srv_stop(&self->srv);

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = sock_new("gw");
	ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_SUITES, &aes256, 2));
	ASSERT_EQ(0, dial_fd(fd, &self->srv, AF_INET));
	ASSERT_EQ(0, getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len));
	EXPECT_EQ(DUET_SUITE_PSK_AES256GCM_SHA384, info.suite);
	echo_check(_metadata, fd, 200000);
	close(fd);
}

TEST_F(stream, info)
{
	struct duet_info info;
	socklen_t len = sizeof(info);
	char buf[4];
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, NULL, AF_INET);	/* "gw"? no: several keys */
	EXPECT_EQ(-ENOKEY, fd);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	ASSERT_EQ(4, send(fd, "abcd", 4, 0));
	ASSERT_EQ(4, recv(fd, buf, 4, MSG_WAITALL));
	ASSERT_EQ(0, getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len));
	EXPECT_EQ(sizeof(info), len);
	EXPECT_EQ(DUET_STATE_ESTABLISHED, info.state);
	EXPECT_EQ(DUET_AUTH_PSK, info.auth);
	EXPECT_EQ(DUET_SUITE_PSK_AES128GCM_SHA256, info.suite);
	EXPECT_EQ(2, info.psk_id_len);
	EXPECT_EQ(0, memcmp("gw", info.psk_id, 2));
	EXPECT_EQ(1, info.tx_records);
	EXPECT_EQ(1, info.rx_records);
	EXPECT_EQ(4, info.tx_bytes);
	EXPECT_EQ(4, info.rx_bytes);
	EXPECT_EQ(0, info.tx_key_gen);
	close(fd);
}

TEST_F(stream, key_update)
{
	struct duet_info info;
	socklen_t len = sizeof(info);
	int fd, i, one = 1, zero = 0;
	char buf[8];

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_KEY_UPDATE, &one, sizeof(one)));
		ASSERT_EQ(0, setsockopt(fd, SOL_DUET, DUET_KEY_UPDATE, &zero, sizeof(zero)));
		ASSERT_EQ(4, send(fd, "ping", 4, 0));
		ASSERT_EQ(4, recv(fd, buf, 4, MSG_WAITALL));
	}
	ASSERT_EQ(0, getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len));
	EXPECT_EQ(6, info.tx_key_gen);
	EXPECT_EQ(3, info.rx_key_gen);	/* the peer answered each request */
	echo_check(_metadata, fd, 1 << 20);	/* data after the updates */
	close(fd);
}

TEST_F(stream, key_update_under_traffic)
{
	struct duet_info info;
	socklen_t len = sizeof(info);
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	echo_check_ku(_metadata, fd, 4 << 20, 256 << 10);	/* 16 updates */
	ASSERT_EQ(0, getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len));
	EXPECT_EQ(16, info.tx_key_gen);
	EXPECT_EQ(16, info.rx_key_gen);
	close(fd);
}

/*
 * A non-blocking sender fills every buffer (EAGAIN), waits for POLLOUT,
 * and goes on; the server reads late. Every byte arrives once, in order.
 */
TEST_F(stream, nonblocking_send)
{
	static unsigned char buf[65536];
	uint64_t want_sum = 0, pos = 0, got[2];
	size_t sent = 0, total, i;
	struct pollfd p;
	int fd, full = 0;
	ssize_t n;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i * 7;
	srv_start(_metadata, &self->srv, SRV_SUM_LATE);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, O_NONBLOCK));
	total = 8 << 20;
	while (sent < total) {
		n = send(fd, buf, sizeof(buf), MSG_NOSIGNAL);
		if (n < 0) {
			ASSERT_EQ(EAGAIN, errno);
			full++;
			p = (struct pollfd){ fd, POLLOUT, 0 };
			ASSERT_EQ(1, poll(&p, 1, 10000)) TH_LOG("no POLLOUT");
			continue;
		}
		want_sum = sum_update(want_sum, &pos, buf, n);
		sent += n;
	}
	EXPECT_LT(0, full) TH_LOG("the sender never filled the buffers");
	ASSERT_EQ(0, fcntl(fd, F_SETFL, 0));
	ASSERT_EQ(0, shutdown(fd, SHUT_WR));
	ASSERT_EQ(sizeof(got), recv(fd, got, sizeof(got), MSG_WAITALL));
	EXPECT_EQ(sent, got[0]);
	EXPECT_EQ(want_sum, got[1]);
	close(fd);
}

/* SO_SNDTIMEO: a blocked send returns what it took, then EAGAIN; nothing lost. */
TEST_F(stream, send_timeout)
{
	static unsigned char buf[8 << 20];
	struct timeval tv = { 0, 100000 };
	uint64_t want_sum = 0, pos = 0, got[2];
	size_t sent = 0, i;
	int fd, partial = 0, timeouts = 0;
	ssize_t n;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i * 13;
	srv_start(_metadata, &self->srv, SRV_SUM_LATE);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
	while (sent < sizeof(buf)) {
		n = send(fd, buf + sent, sizeof(buf) - sent, MSG_NOSIGNAL);
		if (n < 0) {
			ASSERT_EQ(EAGAIN, errno);
			timeouts++;
			continue;
		}
		partial += (size_t)n < sizeof(buf) - sent;
		want_sum = sum_update(want_sum, &pos, buf + sent, n);
		sent += n;
	}
	EXPECT_LT(0, partial + timeouts) TH_LOG("send never timed out");
	ASSERT_EQ(0, shutdown(fd, SHUT_WR));
	ASSERT_EQ(sizeof(got), recv(fd, got, sizeof(got), MSG_WAITALL));
	EXPECT_EQ(sent, got[0]);
	EXPECT_EQ(want_sum, got[1]);
	close(fd);
}

TEST_F(stream, automatic_key_update)
{
	struct duet_info info;
	socklen_t len = sizeof(info);
	const char *param = "/sys/module/duet/parameters/rekey_records";
	FILE *f;
	int fd;

	f = fopen(param, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "16\n");
	fclose(f);
	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	echo_check(_metadata, fd, 1 << 20);	/* 64 records each way */
	ASSERT_EQ(0, getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len));
	f = fopen(param, "w");
	fprintf(f, "%lu\n", 1UL << 24);
	fclose(f);
	EXPECT_LE(3, info.tx_key_gen);
	EXPECT_LE(3, info.rx_key_gen);
	close(fd);
}

TEST_F(stream, recv_flags)
{
	struct timeval tv = { 0, 200000 };
	char buf[16] = { 0 };
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = dial(&self->srv, "gw", AF_INET);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, recv(fd, buf, sizeof(buf), MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	EXPECT_EQ(-1, recv(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(6, send(fd, "abcdef", 6, 0));
	EXPECT_EQ(3, recv(fd, buf, 3, MSG_PEEK | MSG_WAITALL));
	EXPECT_EQ(0, memcmp(buf, "abc", 3));
	EXPECT_EQ(2, recv(fd, buf, 2, 0));		/* partial read */
	EXPECT_EQ(0, memcmp(buf, "ab", 2));
	EXPECT_EQ(4, recv(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(0, memcmp(buf, "cdef", 4));
	ASSERT_EQ(3, send(fd, "xyz", 3, 0));
	EXPECT_EQ(3, recv(fd, buf, 3, MSG_WAITALL));
	close(fd);
}

TEST_F(stream, names)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd;

	srv_start(_metadata, &self->srv, SRV_ECHO);
	fd = sock_new("gw");
	EXPECT_EQ(-1, getpeername(fd, (struct sockaddr *)&a, &len));
	EXPECT_EQ(ENOTCONN, errno);
	ASSERT_EQ(0, dial_fd(fd, &self->srv, AF_INET));
	len = sizeof(a);
	ASSERT_EQ(0, getpeername(fd, (struct sockaddr *)&a, &len));
	EXPECT_EQ(AF_INET, a.sin_family);
	EXPECT_EQ(self->srv.port, ntohs(a.sin_port));
	len = sizeof(a);
	ASSERT_EQ(0, getsockname(fd, (struct sockaddr *)&a, &len));
	EXPECT_NE(0, ntohs(a.sin_port));
	close(fd);
}

/*
 * A listener that accepts one connection and closes at once, again and
 * again, accept() polled so it takes each child the moment it is queued:
 * the child's work must not touch the listener after that (it did: its
 * wake-up of the listener came after the lock that let accept() in).
 */
static void srv_once_each(int n, int port_fd)
{
	int i, lfd, fd;

	enter_ns("DUET_NS_SERVER");
	for (i = 0; i < n; i++) {
		lfd = srv_listen(socket(af(), SOCK_STREAM | SOCK_NONBLOCK, 0), 1, port_fd);
		while ((fd = accept(lfd, NULL, NULL)) < 0)
			if (errno != EAGAIN)
				_exit(1);
		close(lfd);	/* first, as a one-connection server does */
		close(fd);
	}
	_exit(0);
}

/* n connections to srv_once_each(), one after another; 0 or -errno. */
static int dial_once_each(int n)
{
	int pipefd[2], i, fd, status, err = 0;
	struct srv s = { 0 };
	pid_t pid;

	if (pipe(pipefd))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(pipefd[0]);
		srv_once_each(n, pipefd[1]);
	}
	close(pipefd[1]);
	for (i = 0; i < n && !err; i++) {
		if (read(pipefd[0], &s.port, sizeof(int)) != sizeof(int))
			err = -EPIPE;
		else if ((fd = dial(&s, "gw", AF_INET)) < 0)
			err = fd;
		else
			close(fd);
	}
	close(pipefd[0]);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return err;
}

TEST_F_TIMEOUT(stream, listener_closes_after_accept, 300)
{
	int i, status, k = 4;
	pid_t pids[4];

	for (i = 0; i < k; i++) {	/* k pairs at once: more to race */
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0)
			_exit(-dial_once_each(50));
	}
	for (i = 0; i < k; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
			TH_LOG("pair %d: %s", i, strerror(WEXITSTATUS(status)));
	}
}

TEST_HARNESS_MAIN
