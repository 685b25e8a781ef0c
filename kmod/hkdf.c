// SPDX-License-Identifier: GPL-2.0
/*
 * HKDF (RFC 5869) built on the kernel's HMAC: 6.1 has no HKDF template.
 * Every intermediate block is zeroed before return.
 */

#include <linux/kernel.h>
#include <linux/string.h>

#include "hkdf.h"
#include "hkdf_vectors.h"
#include "wire.h"

int duet_hkdf_extract(struct crypto_shash *hmac, const u8 *salt,
		      unsigned int salt_len, const u8 *ikm,
		      unsigned int ikm_len, u8 *prk)
{
	static const u8 zeros[DUET_MAX_HASH_LEN];
	int err;

	/* No salt means HashLen zero bytes (RFC 5869 2.2). */
	if (!salt_len) {
		salt = zeros;
		salt_len = crypto_shash_digestsize(hmac);
	}
	err = crypto_shash_setkey(hmac, salt, salt_len);
	if (err)
		return err;
	return crypto_shash_tfm_digest(hmac, ikm, ikm_len, prk);
}

int duet_hkdf_expand(struct crypto_shash *hmac, const u8 *prk,
		     unsigned int prk_len, const u8 *info,
		     unsigned int info_len, u8 *okm, unsigned int okm_len)
{
	unsigned int hlen = crypto_shash_digestsize(hmac), tlen = 0, n;
	SHASH_DESC_ON_STACK(desc, hmac);
	u8 t[DUET_MAX_HASH_LEN];
	u8 ctr;
	int err;

	if (WARN_ON_ONCE(hlen > sizeof(t)) || okm_len > 255 * hlen)
		return -EINVAL;
	err = crypto_shash_setkey(hmac, prk, prk_len);
	if (err)
		return err;
	desc->tfm = hmac;

	for (ctr = 1; okm_len; ctr++) {
		err = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, t, tlen) ?:
		      crypto_shash_update(desc, info, info_len) ?:
		      crypto_shash_finup(desc, &ctr, 1, t);
		if (err)
			goto out;
		n = min(okm_len, hlen);
		memcpy(okm, t, n);
		okm += n;
		okm_len -= n;
		tlen = hlen;
	}
out:
	memzero_explicit(t, sizeof(t));
	shash_desc_zero(desc);
	return err;
}

/*
 * info = be16 out_len || u8 len || "duet " label || u8 ctx_len || ctx,
 * after TLS 1.3's HkdfLabel, so no two uses of one secret collide.
 */
int duet_hkdf_expand_label(struct crypto_shash *hmac, const u8 *secret,
			   const char *label, const u8 *ctx,
			   unsigned int ctx_len, u8 *out, unsigned int out_len)
{
	static const char prefix[] = "duet ";
	size_t llen = strlen(label), plen = sizeof(prefix) - 1;
	u8 info[2 + 1 + 255 + 1 + 255];
	u8 *p = info;

	if (WARN_ON_ONCE(plen + llen > 255 || ctx_len > 255 || out_len > 0xffff))
		return -EINVAL;
	*p++ = out_len >> 8;
	*p++ = out_len;
	*p++ = plen + llen;
	memcpy(p, prefix, plen);
	memcpy(p + plen, label, llen);
	p += plen + llen;
	*p++ = ctx_len;
	memcpy(p, ctx, ctx_len);
	p += ctx_len;
	return duet_hkdf_expand(hmac, secret, crypto_shash_digestsize(hmac),
				info, p - info, out, out_len);
}

/* ---- self-test at module load ---------------------------------------- */

struct duet_hkdf_bufs {
	u8 ikm[128], salt[128], info[128], prk[64], okm[128], out[128];
	unsigned int ikm_len, salt_len, info_len, prk_len, okm_len;
};

static int duet_hex(u8 *dst, size_t cap, const char *hex, unsigned int *len)
{
	size_t n = strlen(hex) / 2;

	if (n > cap || hex2bin(dst, hex, n))
		return -EINVAL;
	*len = n;
	return 0;
}

static int duet_hkdf_check(const struct duet_hkdf_vector *v,
			   struct duet_hkdf_bufs *b)
{
	char name[CRYPTO_MAX_ALG_NAME];
	struct crypto_shash *hmac;
	int err;

	if (duet_hex(b->ikm, sizeof(b->ikm), v->ikm, &b->ikm_len) ||
	    duet_hex(b->salt, sizeof(b->salt), v->salt, &b->salt_len) ||
	    duet_hex(b->info, sizeof(b->info), v->info, &b->info_len) ||
	    duet_hex(b->prk, sizeof(b->prk), v->prk, &b->prk_len) ||
	    duet_hex(b->okm, sizeof(b->okm), v->okm, &b->okm_len))
		return -EINVAL;

	snprintf(name, sizeof(name), "hmac(%s)", v->hash);
	hmac = crypto_alloc_shash(name, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);

	err = duet_hkdf_extract(hmac, b->salt, b->salt_len, b->ikm, b->ikm_len,
				b->out);
	if (!err && memcmp(b->out, b->prk, b->prk_len))
		err = -EBADMSG;
	if (!err)
		err = duet_hkdf_expand(hmac, b->prk, b->prk_len, b->info,
				       b->info_len, b->out, b->okm_len);
	if (!err && memcmp(b->out, b->okm, b->okm_len))
		err = -EBADMSG;
	crypto_free_shash(hmac);
	return err;
}

int __init duet_hkdf_selftest(void)
{
	struct duet_hkdf_bufs *b;
	size_t i;
	int err = 0;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(duet_hkdf_vectors) && !err; i++) {
		err = duet_hkdf_check(&duet_hkdf_vectors[i], b);
		if (err)
			pr_err("HKDF self-test %zu (%s) failed: %d\n", i,
			       duet_hkdf_vectors[i].hash, err);
	}
	kfree(b);
	return err ? -ENOTRECOVERABLE : 0;
}
