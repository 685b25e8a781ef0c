// SPDX-License-Identifier: GPL-2.0
/*
 * AF_DUET socket creation: types, protocols, flags, and the per-namespace
 * counters that track every socket. Runs inside the VM with duet.ko loaded.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "duet.h"
#include "duet_nl.h"
#include "kselftest_harness.h"

FIXTURE(duet) {
	int af;
	struct duet_nl *nl;
	struct duet_status before;
};

FIXTURE_SETUP(duet)
{
	self->af = duet_family();
	ASSERT_LT(0, self->af) TH_LOG("duet_family: %s", strerror(-self->af));
	ASSERT_EQ(0, duet_nl_open(&self->nl));
	ASSERT_EQ(0, duet_status_get(self->nl, &self->before));
}

FIXTURE_TEARDOWN(duet)
{
	duet_nl_close(self->nl);
}

static uint64_t stat_now(struct __test_metadata *_metadata,
			 struct duet_nl *nl, enum duet_stat stat)
{
	struct duet_status st;

	EXPECT_EQ(0, duet_status_get(nl, &st));
	return st.stats[stat];
}

/* 300 s: the debug kernel (KASAN under TCG) takes minutes, Debian's ~2 s */
TEST_F_TIMEOUT(duet, create_close_10000, 300)
{
	struct timespec t0, t1;
	int i, fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 10000; i++) {
		fd = socket(self->af, SOCK_STREAM, 0);
		ASSERT_LE(0, fd) TH_LOG("socket #%d: %s", i, strerror(errno));
		ASSERT_EQ(0, close(fd));
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	TH_LOG("10000 x socket()+close(): %.1f us each",
	       ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e4 / 1e3);

	EXPECT_EQ(self->before.stats[DUET_STAT_SOCKETS_CREATED] + 10000,
		  stat_now(_metadata, self->nl, DUET_STAT_SOCKETS_CREATED));
	EXPECT_EQ(self->before.stats[DUET_STAT_SOCKETS_ACTIVE],
		  stat_now(_metadata, self->nl, DUET_STAT_SOCKETS_ACTIVE));
}

TEST_F(duet, open_sockets_counted)
{
	uint64_t active = self->before.stats[DUET_STAT_SOCKETS_ACTIVE];
	int fds[8], i;

	for (i = 0; i < 8; i++) {
		fds[i] = socket(self->af, SOCK_STREAM, 0);
		ASSERT_LE(0, fds[i]);
	}
	EXPECT_EQ(active + 8, stat_now(_metadata, self->nl, DUET_STAT_SOCKETS_ACTIVE));
	for (i = 0; i < 8; i++)
		close(fds[i]);
	EXPECT_EQ(active, stat_now(_metadata, self->nl, DUET_STAT_SOCKETS_ACTIVE));
}

TEST_F(duet, explicit_protocol)
{
	int fd = socket(self->af, SOCK_STREAM, DUET_PROTO_STREAM);

	ASSERT_LE(0, fd);
	close(fd);
}

TEST_F(duet, bad_type)
{
	static const int types[] = {
		SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET, SOCK_DCCP,
		SOCK_PACKET,
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		errno = 0;
		EXPECT_EQ(-1, socket(self->af, types[i], 0));
		EXPECT_EQ(ESOCKTNOSUPPORT, errno) TH_LOG("type %d: %s",
							 types[i], strerror(errno));
	}
	EXPECT_EQ(self->before.stats[DUET_STAT_SOCKETS_CREATED],
		  stat_now(_metadata, self->nl, DUET_STAT_SOCKETS_CREATED));
}

TEST_F(duet, bad_protocol)
{
	static const int protocols[] = { 1, IPPROTO_TCP, IPPROTO_UDP, 255, -1,
					 INT_MAX };
	unsigned int i;

	for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
		errno = 0;
		EXPECT_EQ(-1, socket(self->af, SOCK_STREAM, protocols[i]));
		EXPECT_EQ(EPROTONOSUPPORT, errno) TH_LOG("protocol %d: %s",
							 protocols[i], strerror(errno));
	}
}

TEST_F(duet, nonblock_cloexec)
{
	int fd = socket(self->af, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, fd);
	EXPECT_TRUE(fcntl(fd, F_GETFL) & O_NONBLOCK);
	EXPECT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
}

TEST_F(duet, status_names_the_family)
{
	EXPECT_EQ((uint32_t)self->af, self->before.family);
	EXPECT_EQ((uint32_t)DUET_PROTOCOL_VERSION, self->before.protocol);
	EXPECT_NE(0, self->before.version[0]);
}

TEST_HARNESS_MAIN
