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
/* Resumption's tags and flood protection's (COOKIE) where they may go. */
TEST(optional_tags)
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
		{ DUET_MSG_HELLO, DUET_T_COOKIE, DUET_COOKIE_LEN, 0 },
		{ DUET_MSG_HELLO, DUET_T_COOKIE, DUET_COOKIE_LEN - 1, -EPROTO },
		{ DUET_MSG_COOKIE, DUET_T_COOKIE, DUET_COOKIE_LEN, 0 },
		{ DUET_MSG_COOKIE, DUET_T_COOKIE, DUET_COOKIE_LEN + 1, -EPROTO },
		{ DUET_MSG_COOKIE, 0, 0, -EPROTO },
		{ DUET_MSG_COOKIE, DUET_T_NONCE, DUET_NONCE_LEN, -EPROTO },
		{ DUET_MSG_REPLY, DUET_T_COOKIE, DUET_COOKIE_LEN, -EPROTO },
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
				    EKEYREVOKED, ETIMEDOUT, EPROTO, EBUSY };
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

/* A blob as the broker's kernel lays it out: header, members, sealed key. */
static size_t dist_blob(struct duet_dist *d, u8 *buf)
{
	size_t aad;

	memset(d, 0, sizeof(*d));
	d->type = DUET_DIST_SA;
	d->n_members = 3;
	memset(d->sender, 0xb1, DUET_ID_LEN);
	memset(d->recipient, 0xa1, DUET_ID_LEN);
	memset(d->chain, 0xc4, DUET_CHAIN_LEN);
	d->gen = 7;
	d->seq = 0x0102030405060708ull;
	memset(d->sa_id, 0x5a, DUET_SA_ID_LEN);
	d->suite = DUET_SUITE_PSK_AES256GCM_SHA384;
	d->not_after = 1795000000;
	d->soft_after = 1794990000;
	d->bytes_hard = 1 << 20;
	d->bytes_soft = 1 << 19;
	memset(d->members[0], 0xa1, DUET_ID_LEN);
	memset(d->members[1], 0xa2, DUET_ID_LEN);
	memset(d->members[2], 0xa3, DUET_ID_LEN);
	aad = duet_dist_encode(d, buf);
	memset(buf + aad, 0xee, DUET_DIST_SEALED_LEN);
	return aad + DUET_DIST_SEALED_LEN;
}

TEST(dist_roundtrip)
{
	u8 buf[DUET_DIST_MAX_LEN];
	struct duet_dist d, got;
	size_t len = dist_blob(&d, buf);

	EXPECT_EQ(DUET_DIST_HDR_LEN + 3 * DUET_ID_LEN + DUET_DIST_SEALED_LEN, len);
	EXPECT_EQ(DUET_DIST_HDR_LEN + 3 * DUET_ID_LEN, duet_dist_decode(&got, buf, len));
	EXPECT_EQ(0, memcmp(&d, &got, sizeof(d)));
	/* the layout Documentation/broker.md gives */
	EXPECT_EQ(DUET_DIST_SA, buf[0]);
	EXPECT_EQ(3, buf[2]);
	EXPECT_EQ(7, buf[79]);
	EXPECT_EQ(0x08, buf[87]);
	EXPECT_EQ(0x02, buf[105]);
	EXPECT_EQ(0xa3, buf[140 + 64]);
}

TEST(dist_malformed)
{
	u8 buf[DUET_DIST_MAX_LEN], bad[DUET_DIST_MAX_LEN];
	struct duet_dist d, got;
	size_t len = dist_blob(&d, buf), i;
	static const size_t offs[] = { 0, 1, 2, 3, 104, 106 };

	for (i = 0; i < len; i++)	/* every truncation, every extension */
		EXPECT_EQ(-EPROTO, duet_dist_decode(&got, buf, i));
	EXPECT_EQ(-EPROTO, duet_dist_decode(&got, buf, len + 1));
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		memcpy(bad, buf, len);
		bad[offs[i]] ^= 0x80;
		EXPECT_EQ(-EPROTO, duet_dist_decode(&got, bad, len));
	}
	memcpy(bad, buf, len);
	bad[2] = DUET_MAX_SA_MEMBERS + 1;	/* more members than allowed */
	EXPECT_EQ(-EPROTO, duet_dist_decode(&got, bad, len));
	memcpy(bad, buf, len);
	bad[105] = 0x01;	/* a certificate suite: not for an SA */
	bad[104] = 0x02;
	EXPECT_EQ(-EPROTO, duet_dist_decode(&got, bad, len));
	memcpy(bad, buf, len);
	memset(bad + 108, 0, 8);	/* no hard expiry */
	EXPECT_EQ(-EPROTO, duet_dist_decode(&got, bad, len));
}

TEST(dist_link)
{
	u8 buf[DUET_DIST_MAX_LEN];
	struct duet_dist d = { .type = DUET_DIST_LINK, .gen = 3, .seq = 9 }, got;
	size_t aad = duet_dist_encode(&d, buf);

	memset(buf + aad, 0xee, DUET_DIST_SEALED_LEN);
	EXPECT_EQ(DUET_DIST_HDR_LEN, duet_dist_decode(&got, buf, aad + DUET_DIST_SEALED_LEN));
	EXPECT_EQ(3, got.gen);
	buf[90] = 1;		/* an SA field in a link blob */
	EXPECT_EQ(-EPROTO, duet_dist_decode(&got, buf, aad + DUET_DIST_SEALED_LEN));
}

TEST(sa_tag)
{
	u8 buf[256], v[DUET_SA_LEN] = { 1 }, nonce[DUET_NONCE_LEN] = { 2 };
	u8 suite[2] = { 0x01, 0x01 };
	struct duet_wbuf b = { .data = buf, .cap = sizeof(buf) };
	struct duet_msg m;

	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suite, 2);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, 1795000000);
	duet_put_tlv(&b, DUET_T_SA, v, sizeof(v));
	ASSERT_EQ(0, b.err);
	ASSERT_EQ(0, duet_msg_decode(&m, buf, b.len));
	EXPECT_EQ(DUET_SA_LEN, m.tlv[DUET_T_SA].len);
	buf[b.len - DUET_SA_LEN - 1]--;	/* one byte short */
	EXPECT_EQ(-EPROTO, duet_msg_decode(&m, buf, b.len - 1));
}

TEST_HARNESS_MAIN
