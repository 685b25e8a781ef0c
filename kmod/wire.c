// SPDX-License-Identifier: GPL-2.0
/*
 * Codec for duet records and handshake messages. Pure functions over
 * caller buffers: everything from the network is bounds-checked here once,
 * so the handshake and record layers only see well-formed messages.
 */

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>
#endif

#include "wire.h"

const struct duet_suite_info duet_suites[] = {
	{ DUET_SUITE_PSK_AES128GCM_SHA256, DUET_KX_PSK, DUET_KEY_NONE, 16, 32,
	  "sha256", "hmac(sha256)", "PSK-AES128GCM-SHA256" },
	{ DUET_SUITE_PSK_AES256GCM_SHA384, DUET_KX_PSK, DUET_KEY_NONE, 32, 48,
	  "sha384", "hmac(sha384)", "PSK-AES256GCM-SHA384" },
	{ DUET_SUITE_ECDHE_ECDH_P256_AES128GCM_SHA256, DUET_KX_ECDHE,
	  DUET_KEY_EC_P256, 16, 32, "sha256", "hmac(sha256)",
	  "ECDHE-ECDH-P256-AES128GCM-SHA256" },
	{ DUET_SUITE_ECDHE_ECDH_P256_AES256GCM_SHA384, DUET_KX_ECDHE,
	  DUET_KEY_EC_P256, 32, 48, "sha384", "hmac(sha384)",
	  "ECDHE-ECDH-P256-AES256GCM-SHA384" },
	{ DUET_SUITE_RSA_KT_AES128GCM_SHA256, DUET_KX_RSA, DUET_KEY_RSA, 16, 32,
	  "sha256", "hmac(sha256)", "RSA-KT-AES128GCM-SHA256" },
};
const unsigned int duet_n_suites = ARRAY_SIZE(duet_suites);

const struct duet_suite_info *duet_suite_find(u16 id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(duet_suites); i++)
		if (duet_suites[i].id == id)
			return &duet_suites[i];
	return NULL;
}

/* ---- records ---------------------------------------------------------- */

int duet_rec_hdr_decode(const u8 *hdr, u8 *type, u16 *len)
{
	u16 max;

	if (hdr[0] == 0 || hdr[0] >= __DUET_REC_MAX || hdr[1] != 0)
		return -EPROTO;
	*type = hdr[0];
	*len = get_unaligned_be16(hdr + 2);
	max = *type == DUET_REC_HANDSHAKE ? DUET_MAX_HANDSHAKE : DUET_MAX_FRAGMENT;
	if (*len == 0 || *len > max)
		return -EPROTO;
	return 0;
}

void duet_rec_hdr_encode(u8 *hdr, u8 type, u16 len)
{
	hdr[0] = type;
	hdr[1] = 0;
	put_unaligned_be16(len, hdr + 2);
}

/* ---- handshake messages ---------------------------------------------- */

static const struct {
	u16 min;
	u16 max;
	u16 step;	/* the length is min + k * step */
} duet_tag_len[__DUET_T_MAX] = {
	[DUET_T_SUITES] = { 2, 2 * DUET_MAX_SUITES, 2 },
	[DUET_T_SUITE] = { 2, 2, 1 },
	[DUET_T_NONCE] = { DUET_NONCE_LEN, DUET_NONCE_LEN, 1 },
	[DUET_T_TIMESTAMP] = { 8, 8, 1 },
	[DUET_T_PSK_ID] = { 1, DUET_MAX_PSK_ID, 1 },
	[DUET_T_FINISHED] = { 32, DUET_MAX_HASH_LEN, 16 },
	[DUET_T_IDENTITY] = { DUET_ID_LEN, DUET_ID_LEN, 1 },
	[DUET_T_KNOWN_PEER] = { DUET_ID_LEN, DUET_ID_LEN, 1 },
	[DUET_T_KEY_SHARE] = { DUET_POINT_LEN, DUET_POINT_LEN, 1 },
	[DUET_T_CERT] = { 64, DUET_MAX_CHAIN_LEN, 1 },
	[DUET_T_WRAPPED] = { DUET_MIN_RSA_LEN, DUET_MAX_RSA_LEN, 1 },
	[DUET_T_SIGNATURE] = { DUET_MIN_RSA_LEN, DUET_MAX_RSA_LEN, 1 },
	[DUET_T_TICKET] = { DUET_TICKET_LEN, DUET_TICKET_LEN, 1 },
	[DUET_T_NEW_TICKET] = { DUET_NEW_TICKET_LEN, DUET_NEW_TICKET_LEN, 1 },
	[DUET_T_EARLY] = { 1, 1, 1 },
	[DUET_T_SA] = { DUET_SA_LEN, DUET_SA_LEN, 1 },
	[DUET_T_COOKIE] = { DUET_COOKIE_LEN, DUET_COOKIE_LEN, 1 },
};

#define T(x) DUET_T_BIT(DUET_T_##x)
static const struct {
	u32 required;
	u32 allowed;
} duet_msg_tags[__DUET_MSG_MAX] = {
	[DUET_MSG_HELLO] = { T(SUITES) | T(NONCE) | T(TIMESTAMP),
			     T(SUITES) | T(NONCE) | T(TIMESTAMP) | T(PSK_ID) |
			     T(IDENTITY) | T(KNOWN_PEER) | T(KEY_SHARE) |
			     T(TICKET) | T(EARLY) | T(SA) | T(COOKIE) },
	[DUET_MSG_REPLY] = { T(SUITE) | T(NONCE) | T(FINISHED),
			     T(SUITE) | T(NONCE) | T(FINISHED) | T(IDENTITY) |
			     T(KEY_SHARE) | T(CERT) | T(WRAPPED) | T(SIGNATURE) |
			     T(TICKET) | T(NEW_TICKET) | T(EARLY) },
	[DUET_MSG_FINISHED] = { T(FINISHED), T(FINISHED) },
	[DUET_MSG_RETRY] = { 0, 0 },
	[DUET_MSG_COOKIE] = { T(COOKIE), T(COOKIE) },
};
#undef T

static bool duet_tlv_len_ok(u8 tag, u16 len)
{
	return len >= duet_tag_len[tag].min && len <= duet_tag_len[tag].max &&
	       (len - duet_tag_len[tag].min) % duet_tag_len[tag].step == 0;
}

int duet_msg_decode(struct duet_msg *m, const u8 *buf, size_t len)
{
	size_t off = DUET_MSG_HDR_LEN;
	u8 tag, last = 0;
	u16 tlen;

	memset(m, 0, sizeof(*m));
	if (len < DUET_MSG_HDR_LEN || len > DUET_MAX_HANDSHAKE)
		return -EPROTO;
	m->type = buf[0];
	m->version = buf[1];
	if (m->type == 0 || m->type >= __DUET_MSG_MAX)
		return -EPROTO;

	while (off < len) {
		if (len - off < DUET_TLV_HDR_LEN)
			return -EPROTO;
		tag = buf[off];
		tlen = get_unaligned_be16(buf + off + 1);
		if (last == DUET_T_FINISHED ||
		    (tag <= last && tag != DUET_T_FINISHED) || tag == 0 ||
		    tag > DUET_T_MAX ||
		    !(duet_msg_tags[m->type].allowed & DUET_T_BIT(tag)) ||
		    tlen > len - off - DUET_TLV_HDR_LEN || !duet_tlv_len_ok(tag, tlen))
			return -EPROTO;
		if (tag == DUET_T_FINISHED)
			m->finished_off = off;
		if (tag == DUET_T_SIGNATURE)
			m->signature_off = off;
		m->tlv[tag].data = buf + off + DUET_TLV_HDR_LEN;
		m->tlv[tag].len = tlen;
		m->present |= DUET_T_BIT(tag);
		last = tag;
		off += DUET_TLV_HDR_LEN + tlen;
	}
	if ((m->present & duet_msg_tags[m->type].required) !=
	    duet_msg_tags[m->type].required)
		return -EPROTO;
	return 0;
}

u16 duet_tlv_be16(const struct duet_tlv *t, unsigned int i)
{
	return get_unaligned_be16(t->data + 2 * i);
}

u64 duet_tlv_be64(const struct duet_tlv *t)
{
	return get_unaligned_be64(t->data);
}

static u8 *duet_wbuf_reserve(struct duet_wbuf *b, size_t n)
{
	u8 *p;

	if (b->err)
		return NULL;
	if (n > b->cap - b->len) {
		b->err = -EMSGSIZE;
		return NULL;
	}
	p = b->data + b->len;
	b->len += n;
	return p;
}

void duet_put_msg_hdr(struct duet_wbuf *b, u8 type)
{
	u8 *p = duet_wbuf_reserve(b, DUET_MSG_HDR_LEN);

	if (p) {
		p[0] = type;
		p[1] = DUET_WIRE_VERSION;
	}
}

void duet_put_tlv(struct duet_wbuf *b, u8 tag, const void *data, size_t len)
{
	u8 *p;

	if (!b->err && len > 0xffff)
		b->err = -EMSGSIZE;
	p = duet_wbuf_reserve(b, DUET_TLV_HDR_LEN + len);
	if (!p)
		return;
	p[0] = tag;
	put_unaligned_be16(len, p + 1);
	memcpy(p + DUET_TLV_HDR_LEN, data, len);
}

void duet_put_tlv_be16(struct duet_wbuf *b, u8 tag, u16 v)
{
	u8 be[2];

	put_unaligned_be16(v, be);
	duet_put_tlv(b, tag, be, sizeof(be));
}

void duet_put_tlv_be64(struct duet_wbuf *b, u8 tag, u64 v)
{
	u8 be[8];

	put_unaligned_be64(v, be);
	duet_put_tlv(b, tag, be, sizeof(be));
}

/* ---- key distribution ---------------------------------------------- */

size_t duet_dist_encode(const struct duet_dist *d, u8 *buf)
{
	size_t mlen = (size_t)d->n_members * DUET_ID_LEN;

	memset(buf, 0, DUET_DIST_HDR_LEN);
	buf[0] = d->type;
	buf[1] = DUET_WIRE_VERSION;
	buf[2] = d->n_members;
	memcpy(buf + 4, d->sender, DUET_ID_LEN);
	memcpy(buf + 36, d->recipient, DUET_ID_LEN);
	memcpy(buf + 68, d->chain, DUET_CHAIN_LEN);
	put_unaligned_be32(d->gen, buf + 76);
	put_unaligned_be64(d->seq, buf + 80);
	memcpy(buf + 88, d->sa_id, DUET_SA_ID_LEN);
	put_unaligned_be16(d->suite, buf + 104);
	put_unaligned_be64(d->not_after, buf + 108);
	put_unaligned_be64(d->soft_after, buf + 116);
	put_unaligned_be64(d->bytes_hard, buf + 124);
	put_unaligned_be64(d->bytes_soft, buf + 132);
	memcpy(buf + DUET_DIST_HDR_LEN, d->members, mlen);
	return DUET_DIST_HDR_LEN + mlen;
}

static bool duet_dist_zero(const u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

int duet_dist_decode(struct duet_dist *d, const u8 *buf, size_t len)
{
	size_t aad;

	memset(d, 0, sizeof(*d));
	if (len < DUET_DIST_HDR_LEN + DUET_DIST_SEALED_LEN)
		return -EPROTO;
	d->type = buf[0];
	d->n_members = buf[2];
	if (d->type == 0 || d->type >= __DUET_DIST_MAX ||
	    buf[1] != DUET_WIRE_VERSION || buf[3] != 0 ||
	    d->n_members > DUET_MAX_SA_MEMBERS ||
	    get_unaligned_be16(buf + 106) != 0)
		return -EPROTO;
	aad = DUET_DIST_HDR_LEN + (size_t)d->n_members * DUET_ID_LEN;
	if (len != aad + DUET_DIST_SEALED_LEN)
		return -EPROTO;
	memcpy(d->sender, buf + 4, DUET_ID_LEN);
	memcpy(d->recipient, buf + 36, DUET_ID_LEN);
	memcpy(d->chain, buf + 68, DUET_CHAIN_LEN);
	d->gen = get_unaligned_be32(buf + 76);
	d->seq = get_unaligned_be64(buf + 80);
	memcpy(d->sa_id, buf + 88, DUET_SA_ID_LEN);
	d->suite = get_unaligned_be16(buf + 104);
	d->not_after = get_unaligned_be64(buf + 108);
	d->soft_after = get_unaligned_be64(buf + 116);
	d->bytes_hard = get_unaligned_be64(buf + 124);
	d->bytes_soft = get_unaligned_be64(buf + 132);
	memcpy(d->members, buf + DUET_DIST_HDR_LEN, aad - DUET_DIST_HDR_LEN);
	if (d->type == DUET_DIST_LINK) {
		if (d->n_members || !duet_dist_zero(buf + 88, 52))
			return -EPROTO;
	} else if (d->n_members < 2 || !duet_suite_find(d->suite) ||
		   duet_suite_find(d->suite)->kx != DUET_KX_PSK ||
		   !d->not_after || d->soft_after > d->not_after) {
		return -EPROTO;
	}
	return aad;
}

/* ---- alerts ---------------------------------------------------------- */

static const int duet_alert_errnos[__DUET_ALERT_MAX] = {
	[DUET_ALERT_DECODE_ERROR] = EPROTO,
	[DUET_ALERT_BAD_RECORD] = EBADMSG,
	[DUET_ALERT_VERSION] = EPROTO,
	[DUET_ALERT_NO_SUITE] = EPROTO,
	[DUET_ALERT_STALE] = EPROTO,
	[DUET_ALERT_UNKNOWN_KEY] = ENOKEY,
	[DUET_ALERT_KEY_REJECTED] = EKEYREJECTED,
	[DUET_ALERT_KEY_EXPIRED] = EKEYEXPIRED,
	[DUET_ALERT_KEY_REVOKED] = EKEYREVOKED,
	[DUET_ALERT_TIMEOUT] = ETIMEDOUT,
	[DUET_ALERT_INTERNAL] = EIO,
	[DUET_ALERT_UNEXPECTED] = EPROTO,
	[DUET_ALERT_BUSY] = EBUSY,
};

/* The errno a received alert means: unknown codes are a protocol error. */
int duet_alert_errno(u8 alert)
{
	if (alert == DUET_ALERT_NONE || alert >= __DUET_ALERT_MAX)
		return EPROTO;
	return duet_alert_errnos[alert];
}

/* The alert to send for a local failure (err > 0 or < 0). */
u8 duet_errno_alert(int err)
{
	switch (err < 0 ? -err : err) {
	case EBADMSG:
		return DUET_ALERT_BAD_RECORD;
	case ENOKEY:
		return DUET_ALERT_UNKNOWN_KEY;
	case EKEYREJECTED:
		return DUET_ALERT_KEY_REJECTED;
	case EKEYEXPIRED:
		return DUET_ALERT_KEY_EXPIRED;
	case EKEYREVOKED:
		return DUET_ALERT_KEY_REVOKED;
	case ETIMEDOUT:
		return DUET_ALERT_TIMEOUT;
	case EPROTO:
		return DUET_ALERT_DECODE_ERROR;
	case ESTALE:
		return DUET_ALERT_STALE;
	case EPROTONOSUPPORT:
		return DUET_ALERT_VERSION;
	case ENOPROTOOPT:
		return DUET_ALERT_NO_SUITE;
	case EBUSY:
		return DUET_ALERT_BUSY;
	default:
		return DUET_ALERT_INTERNAL;
	}
}
