// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace unit tests of libduet's reading of DUET_CMD_STATUS replies and
 * of the family number: valid, missing, malformed and future attributes.
 * Messages are built with libnl, as the kernel would send them.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/genl/genl.h>

#include "duet.h"
#include "duet_nl.h"
#include "kselftest_harness.h"

#define OMIT_NONE 0

struct status_spec {
	int omit;		/* top-level attribute to leave out */
	const char *version;
	bool stats_as_u32;	/* a malformed counter */
	bool extra_attrs;	/* attributes from a future kernel */
};

static struct nl_msg *status_msg(const struct status_spec *spec)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;

	if (!msg || !genlmsg_put(msg, 0, 0, 0x20, 0, 0, DUET_CMD_STATUS, 1))
		abort();
	if (spec->omit != DUET_ATTR_VERSION)
		nla_put_string(msg, DUET_ATTR_VERSION, spec->version);
	if (spec->omit != DUET_ATTR_PROTOCOL)
		nla_put_u32(msg, DUET_ATTR_PROTOCOL, 1);
	if (spec->omit != DUET_ATTR_FAMILY)
		nla_put_u32(msg, DUET_ATTR_FAMILY, 13);
	if (spec->omit != DUET_ATTR_NETNS_COOKIE)
		nla_put_u64(msg, DUET_ATTR_NETNS_COOKIE, 0x1234567890ULL);
	if (spec->omit != DUET_ATTR_STATS) {
		nest = nla_nest_start(msg, DUET_ATTR_STATS);
		if (spec->stats_as_u32)
			nla_put_u32(msg, DUET_STAT_SOCKETS_CREATED, 7);
		else
			nla_put_u64(msg, DUET_STAT_SOCKETS_CREATED, 10007);
		nla_put_u64(msg, DUET_STAT_SOCKETS_ACTIVE, 3);
		if (spec->extra_attrs)
			nla_put_u64(msg, DUET_STAT_MAX + 7, 99);
		nla_nest_end(msg, nest);
	}
	if (spec->extra_attrs)
		nla_put_u32(msg, DUET_ATTR_MAX + 3, 42);
	return msg;
}

static int parse_status(const struct status_spec *spec, struct duet_status *st)
{
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct nl_msg *msg = status_msg(spec);
	int err;

	err = duet_nl_parse(nlmsg_hdr(msg), tb);
	if (!err)
		err = duet_status_from_attrs(tb, st);
	nlmsg_free(msg);
	return err;
}

TEST(status_valid)
{
	struct status_spec spec = { .version = "0.1.0" };
	struct duet_status st;

	ASSERT_EQ(0, parse_status(&spec, &st));
	EXPECT_STREQ("0.1.0", st.version);
	EXPECT_EQ(1, st.protocol);
	EXPECT_EQ(13, st.family);
	EXPECT_EQ(0x1234567890ULL, st.netns_cookie);
	EXPECT_EQ(10007, st.stats[DUET_STAT_SOCKETS_CREATED]);
	EXPECT_EQ(3, st.stats[DUET_STAT_SOCKETS_ACTIVE]);
}

TEST(status_future_attributes_ignored)
{
	struct status_spec spec = { .version = "9.9.9", .extra_attrs = true };
	struct duet_status st;

	ASSERT_EQ(0, parse_status(&spec, &st));
	EXPECT_EQ(10007, st.stats[DUET_STAT_SOCKETS_CREATED]);
}

TEST(status_missing_attribute)
{
	static const int required[] = {
		DUET_ATTR_VERSION, DUET_ATTR_PROTOCOL, DUET_ATTR_FAMILY,
		DUET_ATTR_NETNS_COOKIE, DUET_ATTR_STATS,
	};
	struct duet_status st;
	unsigned int i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		struct status_spec spec = { .version = "0.1.0", .omit = required[i] };

		EXPECT_EQ(-EBADMSG, parse_status(&spec, &st))
			TH_LOG("without attribute %d", required[i]);
	}
}

TEST(status_version_too_long)
{
	struct status_spec spec = {
		.version = "0.1.0-this-version-string-does-not-fit-in-32-bytes",
	};
	struct duet_status st;

	EXPECT_EQ(-EBADMSG, parse_status(&spec, &st));
}

TEST(status_counter_wrong_size)
{
	struct status_spec spec = { .version = "0.1.0", .stats_as_u32 = true };
	struct duet_status st;

	EXPECT_EQ(-EBADMSG, parse_status(&spec, &st));
}

/* Attributes shorter than their type, or a string without its NUL. */
TEST(status_malformed_attributes)
{
	struct nlattr *tb[DUET_ATTR_MAX + 1];
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	ASSERT_NE(NULL, genlmsg_put(msg, 0, 0, 0x20, 0, 0, DUET_CMD_STATUS, 1));
	nla_put(msg, DUET_ATTR_VERSION, 4, "abcd");
	EXPECT_EQ(-EBADMSG, duet_nl_parse(nlmsg_hdr(msg), tb));
	nlmsg_free(msg);

	msg = nlmsg_alloc();
	ASSERT_NE(NULL, genlmsg_put(msg, 0, 0, 0x20, 0, 0, DUET_CMD_STATUS, 1));
	nla_put(msg, DUET_ATTR_FAMILY, 2, "\x0d\x00");
	EXPECT_EQ(-EBADMSG, duet_nl_parse(nlmsg_hdr(msg), tb));
	nlmsg_free(msg);
}

TEST(stat_names)
{
	unsigned int i;

	for (i = DUET_STAT_UNSPEC + 1; i <= DUET_STAT_MAX; i++) {
		if (i == DUET_STAT_PAD) {
			EXPECT_EQ(NULL, duet_stat_name(i));
		} else {
			EXPECT_NE(NULL, duet_stat_name(i)) TH_LOG("stat %u", i);
		}
	}
	EXPECT_EQ(NULL, duet_stat_name(DUET_STAT_MAX + 1));
	EXPECT_EQ(NULL, duet_stat_name(~0u));
}

static int family_from_text(const char *text)
{
	char path[] = "/tmp/duet-family-XXXXXX";
	int fd = mkstemp(path), nr;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	nr = duet_family_from(path);
	unlink(path);
	return nr;
}

TEST(family_from_sysfs_text)
{
	EXPECT_EQ(13, family_from_text("13\n"));
	EXPECT_EQ(22, family_from_text("22"));
	EXPECT_EQ(-EINVAL, family_from_text(""));
	EXPECT_EQ(-EINVAL, family_from_text("duet\n"));
	EXPECT_EQ(-EINVAL, family_from_text("0\n"));
	EXPECT_EQ(-EINVAL, family_from_text("-5\n"));
	EXPECT_EQ(-ENOENT, duet_family_from("/nonexistent/duet/family"));
}

TEST_HARNESS_MAIN
