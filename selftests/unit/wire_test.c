// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the wire codec (kmod/wire.c, built in userspace): every
 * message valid, truncated at every length, oversized, and malformed in
 * each way the decoder must refuse; record headers; alerts.
 */

#include <errno.h>
#include <string.h>

#include "wire.h"
#include "kselftest_harness.h"

static u8 nonce[DUET_NONCE_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
static u8 fin[32] = { 0xf1, 0xf2, 0xf3 };

static size_t hello(u8 *buf, size_t cap)
{
	struct duet_wbuf b = { .data = buf, .cap = cap };
	u8 suites[] = { 0x01, 0x02, 0x01, 0x01 };

	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1795000000);
	duet_put_tlv(&b, DUET_T_PSK_ID, "gw-1", 4);
	return b.err ? 0 : b.len;
}

static size_t reply(u8 *buf, size_t cap)
{
	struct duet_wbuf b = { .data = buf, .cap = cap };

	duet_put_msg_hdr(&b, DUET_MSG_REPLY);
	duet_put_tlv_be16(&b, DUET_T_SUITE, DUET_SUITE_PSK_AES256GCM_SHA384);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv(&b, DUET_T_FINISHED, fin, sizeof(fin));
	return b.err ? 0 : b.len;
}

TEST(hello_roundtrip)
{
	struct duet_msg m;
	u8 buf[256];
	size_t len = hello(buf, sizeof(buf));

	ASSERT_NE(0, len);
	ASSERT_EQ(0, duet_msg_decode(&m, buf, len));
	EXPECT_EQ(DUET_MSG_HELLO, m.type);
	EXPECT_EQ(DUET_WIRE_VERSION, m.version);
	EXPECT_EQ(4, m.tlv[DUET_T_SUITES].len);
	EXPECT_EQ(DUET_SUITE_PSK_AES256GCM_SHA384, duet_tlv_be16(&m.tlv[DUET_T_SUITES], 0));
	EXPECT_EQ(DUET_SUITE_PSK_AES128GCM_SHA256, duet_tlv_be16(&m.tlv[DUET_T_SUITES], 1));
	EXPECT_EQ(0, memcmp(nonce, m.tlv[DUET_T_NONCE].data, DUET_NONCE_LEN));
	EXPECT_EQ(1795000000ULL, duet_tlv_be64(&m.tlv[DUET_T_TIMESTAMP]));
	EXPECT_EQ(4, m.tlv[DUET_T_PSK_ID].len);
	EXPECT_EQ(0, memcmp("gw-1", m.tlv[DUET_T_PSK_ID].data, 4));
	EXPECT_FALSE(m.present & DUET_T_BIT(DUET_T_FINISHED));
}

TEST(reply_roundtrip_finished_last)
{
	struct duet_msg m;
	u8 buf[256];
	size_t len = reply(buf, sizeof(buf));

	ASSERT_EQ(0, duet_msg_decode(&m, buf, len));
	EXPECT_EQ(DUET_MSG_REPLY, m.type);
	EXPECT_EQ(DUET_SUITE_PSK_AES256GCM_SHA384, duet_tlv_be16(&m.tlv[DUET_T_SUITE], 0));
	EXPECT_EQ(len - DUET_TLV_HDR_LEN - sizeof(fin), m.finished_off);
	EXPECT_EQ(0, memcmp(fin, m.tlv[DUET_T_FINISHED].data, sizeof(fin)));
}

TEST(finished_message)
{
	struct duet_wbuf b;
	struct duet_msg m;
	u8 buf[64], f48[48] = { 0 };

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_FINISHED);
	duet_put_tlv(&b, DUET_T_FINISHED, f48, sizeof(f48));
	ASSERT_EQ(0, b.err);
	ASSERT_EQ(0, duet_msg_decode(&m, buf, b.len));
	EXPECT_EQ(48, m.tlv[DUET_T_FINISHED].len);
	EXPECT_EQ(DUET_MSG_HDR_LEN, m.finished_off);
}

/*
 * A prefix of a valid message decodes only where it ends on a TLV boundary
 * and still holds every required tag (HELLO without its optional PSK id).
 */
TEST(every_truncation)
{
	struct duet_msg m;
	u8 buf[256];
	size_t len, cut, ok;

	len = hello(buf, sizeof(buf));
	for (cut = 0, ok = 0; cut < len; cut++) {
		if (duet_msg_decode(&m, buf, cut) == 0) {
			ok++;
			EXPECT_EQ(len - DUET_TLV_HDR_LEN - 4, cut);
		}
	}
	EXPECT_EQ(1, ok);

	len = reply(buf, sizeof(buf));
	for (cut = 0; cut < len; cut++)
		EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, cut)) TH_LOG("cut %zu", cut);
}

/* Flip the byte at off of a valid REPLY to v: the decoder must refuse. */
static int reply_with(size_t off, u8 v)
{
	struct duet_msg m;
	u8 buf[256];
	size_t len = reply(buf, sizeof(buf));

	buf[off] = v;
	return duet_msg_decode(&m, buf, len);
}

TEST(malformed)
{
	/* REPLY: hdr(2) SUITE@2 (3+2) NONCE@7 (3+32) FINISHED@42 (3+32) */
	EXPECT_EQ(-EPROTO, reply_with(0, 0));		/* message type 0 */
	EXPECT_EQ(-EPROTO, reply_with(0, __DUET_MSG_MAX));
	EXPECT_EQ(-EPROTO, reply_with(2, 0));		/* tag 0 */
	EXPECT_EQ(-EPROTO, reply_with(2, DUET_T_MAX + 1));	/* unknown tag */
	EXPECT_EQ(-EPROTO, reply_with(2, DUET_T_NONCE));	/* out of order */
	EXPECT_EQ(-EPROTO, reply_with(7, DUET_T_SUITE));	/* repeated */
	EXPECT_EQ(-EPROTO, reply_with(2, DUET_T_SUITES));	/* not allowed in REPLY */
	EXPECT_EQ(-EPROTO, reply_with(4, 3));		/* SUITE of 3 bytes */
	EXPECT_EQ(-EPROTO, reply_with(9, 31));		/* NONCE of 31 bytes */
	EXPECT_EQ(-EPROTO, reply_with(44, 40));		/* FINISHED of 40 bytes */
	EXPECT_EQ(-EPROTO, reply_with(43, 0xff));	/* length past the end */
	EXPECT_EQ(0, reply_with(1, 99));		/* version: the handshake's call */
}

/* Tags out of order or repeated, each with a valid length. */
TEST(order_and_repeats)
{
	struct duet_wbuf b;
	struct duet_msg m;
	u8 buf[256], suites[2] = { 1, 1 };

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1);
	ASSERT_EQ(0, b.err);
	EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, b.len));

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1);
	ASSERT_EQ(0, b.err);
	EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, b.len));

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_REPLY);
	duet_put_tlv_be16(&b, DUET_T_SUITE, 1);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv(&b, DUET_T_FINISHED, fin, sizeof(fin));
	duet_put_tlv(&b, DUET_T_FINISHED, fin, sizeof(fin));
	ASSERT_EQ(0, b.err);
	EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, b.len));
}

TEST(lengths_per_tag)
{
	struct duet_wbuf b;
	struct duet_msg m;
	u8 buf[512], big[100] = { 0 };
	static const struct { u8 tag; size_t len; int want; } cases[] = {
		{ DUET_T_SUITES, 1, -EPROTO }, { DUET_T_SUITES, 3, -EPROTO },
		{ DUET_T_SUITES, 32, 0 }, { DUET_T_SUITES, 34, -EPROTO },
		{ DUET_T_PSK_ID, 0, -EPROTO }, { DUET_T_PSK_ID, 64, 0 },
		{ DUET_T_PSK_ID, 65, -EPROTO }, { DUET_T_TIMESTAMP, 4, -EPROTO },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
		duet_put_msg_hdr(&b, DUET_MSG_HELLO);
		duet_put_tlv(&b, DUET_T_SUITES, big,
			     cases[i].tag == DUET_T_SUITES ? cases[i].len : 2);
		duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
		duet_put_tlv(&b, DUET_T_TIMESTAMP, big,
			     cases[i].tag == DUET_T_TIMESTAMP ? cases[i].len : 8);
		if (cases[i].tag == DUET_T_PSK_ID)
			duet_put_tlv(&b, DUET_T_PSK_ID, big, cases[i].len);
		ASSERT_EQ(0, b.err);
		EXPECT_EQ(cases[i].want, duet_msg_decode(&m, buf, b.len))
			TH_LOG("tag %u len %zu", cases[i].tag, cases[i].len);
	}
}

/* Resumption: TICKET and EARLY lengths, where they may stand, RETRY bare. */
TEST(resumption_tags)
{
	u8 buf[512], t[DUET_NEW_TICKET_LEN] = { 1 }, suites[] = { 0x02, 0x01 };
	static const struct { u8 type, tag; size_t len; int want; } cases[] = {
		{ DUET_MSG_HELLO, DUET_T_TICKET, DUET_TICKET_LEN, 0 },
		{ DUET_MSG_HELLO, DUET_T_TICKET, DUET_TICKET_LEN - 1, -EPROTO },
		{ DUET_MSG_HELLO, DUET_T_TICKET, DUET_TICKET_LEN + 1, -EPROTO },
		{ DUET_MSG_HELLO, DUET_T_EARLY, 1, 0 },
		{ DUET_MSG_HELLO, DUET_T_EARLY, 2, -EPROTO },
		{ DUET_MSG_HELLO, DUET_T_NEW_TICKET, DUET_NEW_TICKET_LEN, -EPROTO },
		{ DUET_MSG_REPLY, DUET_T_NEW_TICKET, DUET_NEW_TICKET_LEN, 0 },
		{ DUET_MSG_REPLY, DUET_T_NEW_TICKET, DUET_NEW_TICKET_LEN - 1, -EPROTO },
		{ DUET_MSG_REPLY, DUET_T_TICKET, DUET_TICKET_LEN, 0 },
		{ DUET_MSG_FINISHED, DUET_T_EARLY, 1, -EPROTO },
		{ DUET_MSG_RETRY, 0, 0, 0 },
		{ DUET_MSG_RETRY, DUET_T_NONCE, DUET_NONCE_LEN, -EPROTO },
	};
	struct duet_wbuf b;
	struct duet_msg m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
		duet_put_msg_hdr(&b, cases[i].type);
		if (cases[i].type == DUET_MSG_HELLO) {
			duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
			duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
			duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1795000000);
		} else if (cases[i].type == DUET_MSG_REPLY) {
			duet_put_tlv_be16(&b, DUET_T_SUITE, 0x0201);
			duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
		}
		if (cases[i].tag && cases[i].tag != DUET_T_NONCE)
			duet_put_tlv(&b, cases[i].tag, t, cases[i].len);
		else if (cases[i].tag)
			duet_put_tlv(&b, cases[i].tag, nonce, cases[i].len);
		if (cases[i].type == DUET_MSG_REPLY || cases[i].type == DUET_MSG_FINISHED)
			duet_put_tlv(&b, DUET_T_FINISHED, fin, sizeof(fin));
		ASSERT_EQ(0, b.err);
		EXPECT_EQ(cases[i].want, duet_msg_decode(&m, buf, b.len))
			TH_LOG("message %u tag %u len %zu", cases[i].type, cases[i].tag,
			       cases[i].len);
	}
}

TEST(oversized_message)
{
	static u8 buf[DUET_MAX_HANDSHAKE + 8];
	struct duet_msg m;
	size_t len = hello(buf, sizeof(buf));

	EXPECT_EQ(0, duet_msg_decode(&m, buf, len));
	EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, DUET_MAX_HANDSHAKE + 1));
}

TEST(encoder_overflow_sticks)
{
	struct duet_wbuf b;
	u8 buf[40];

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));	/* 2 + 35 */
	EXPECT_EQ(0, b.err);
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1);		/* 11 more: no room */
	EXPECT_EQ(-EMSGSIZE, b.err);
	duet_put_tlv_be16(&b, DUET_T_SUITE, 1);			/* would fit: refused */
	EXPECT_EQ(37, b.len);
}

TEST(record_header)
{
	u8 hdr[DUET_REC_HDR_LEN], type;
	u16 len;

	duet_rec_hdr_encode(hdr, DUET_REC_DATA, DUET_MAX_FRAGMENT);
	ASSERT_EQ(0, duet_rec_hdr_decode(hdr, &type, &len));
	EXPECT_EQ(DUET_REC_DATA, type);
	EXPECT_EQ(DUET_MAX_FRAGMENT, len);

	duet_rec_hdr_encode(hdr, DUET_REC_DATA, DUET_MAX_FRAGMENT + 1);
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
	duet_rec_hdr_encode(hdr, DUET_REC_HANDSHAKE, DUET_MAX_HANDSHAKE + 1);
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
	duet_rec_hdr_encode(hdr, DUET_REC_CLOSE, 0);
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
	duet_rec_hdr_encode(hdr, 0, 10);
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
	duet_rec_hdr_encode(hdr, __DUET_REC_MAX, 10);
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
	duet_rec_hdr_encode(hdr, DUET_REC_DATA, 10);
	hdr[1] = 1;	/* reserved flags */
	EXPECT_EQ(-EPROTO, duet_rec_hdr_decode(hdr, &type, &len));
}

TEST(alerts)
{
	static const int errs[] = { EBADMSG, ENOKEY, EKEYREJECTED, EKEYEXPIRED,
				    EKEYREVOKED, ETIMEDOUT, EPROTO };
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		EXPECT_EQ(errs[i], duet_alert_errno(duet_errno_alert(-errs[i])));
		EXPECT_EQ(errs[i], duet_alert_errno(duet_errno_alert(errs[i])));
	}
	EXPECT_EQ(DUET_ALERT_INTERNAL, duet_errno_alert(-ENOMEM));
	EXPECT_EQ(EPROTO, duet_alert_errno(0));
	EXPECT_EQ(EPROTO, duet_alert_errno(__DUET_ALERT_MAX));
	EXPECT_EQ(EPROTO, duet_alert_errno(0xff));
}

TEST(suites)
{
	const struct duet_suite_info *s;

	s = duet_suite_find(DUET_SUITE_PSK_AES128GCM_SHA256);
	ASSERT_NE(NULL, s);
	EXPECT_EQ(16, s->key_len);
	EXPECT_EQ(32, s->hash_len);
	s = duet_suite_find(DUET_SUITE_PSK_AES256GCM_SHA384);
	ASSERT_NE(NULL, s);
	EXPECT_EQ(32, s->key_len);
	EXPECT_EQ(48, s->hash_len);
	EXPECT_EQ(NULL, duet_suite_find(0));
	EXPECT_EQ(NULL, duet_suite_find(0xffff));
}

TEST_HARNESS_MAIN
