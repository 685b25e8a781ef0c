// SPDX-License-Identifier: GPL-2.0
/*
 * Sealing keys for a party (Documentation/broker.md, "Blobs"): a link key
 * from a full handshake's exporter secret, and gcm(aes) under a key
 * derived from the link key for what a broker sends:
 *
 *   link  = Expand-Label(exp, "link", "")[0, 32)
 *   chain = Expand-Label(exp, "chain", "")[0, 8)
 *   kek   = Expand-Label(link, "wrap", "") over HMAC-SHA256
 *   blob  = header || AES-256-GCM(kek, nonce = 0^4 || be64 seq,
 *                                 aad = header, key)
 *
 * Only the broker's kernel seals under a link key, each time with the
 * next sequence number of the link, so a nonce never repeats under a key.
 */

#include <crypto/aead.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <asm/unaligned.h>

#include "hkdf.h"
#include "wrap.h"

int duet_link_derive(const struct duet_suite_info *s, const u8 *exp,
		     u8 *key, u8 *chain)
{
	struct crypto_shash *hmac;
	int err;

	hmac = crypto_alloc_shash(s->hmac, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	err = duet_hkdf_expand_label(hmac, exp, "link", NULL, 0, key,
				     DUET_LINK_KEY_LEN) ?:
	      duet_hkdf_expand_label(hmac, exp, "chain", NULL, 0, chain,
				     DUET_CHAIN_LEN);
	crypto_free_shash(hmac);
	return err;
}

static struct crypto_aead *duet_wrap_tfm(const u8 *link)
{
	u8 kek[DUET_LINK_KEY_LEN];
	struct crypto_shash *hmac;
	struct crypto_aead *aead;
	int err;

	hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(hmac))
		return ERR_CAST(hmac);
	err = duet_hkdf_expand_label(hmac, link, "wrap", NULL, 0, kek, sizeof(kek));
	crypto_free_shash(hmac);
	if (err)
		goto out;
	aead = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(aead)) {
		err = PTR_ERR(aead);
		goto out;
	}
	err = crypto_aead_setkey(aead, kek, sizeof(kek)) ?:
	      crypto_aead_setauthsize(aead, DUET_TAG_LEN);
	if (err)
		crypto_free_aead(aead);
out:
	memzero_explicit(kek, sizeof(kek));
	return err ? ERR_PTR(err) : aead;
}

/* In place over buf: aad_len bytes of header, then the key (and its tag). */
static int duet_wrap_crypt(const u8 *link, u8 *buf, size_t aad_len, u64 seq,
			   bool seal)
{
	unsigned int clen = DUET_LINK_KEY_LEN + (seal ? 0 : DUET_TAG_LEN);
	struct scatterlist sg;
	struct aead_request *req;
	struct crypto_aead *aead;
	u8 iv[DUET_IV_LEN] = { 0 };
	int err;

	aead = duet_wrap_tfm(link);
	if (IS_ERR(aead))
		return PTR_ERR(aead);
	req = aead_request_alloc(aead, GFP_KERNEL);
	if (!req) {
		err = -ENOMEM;
		goto out_aead;
	}
	put_unaligned_be64(seq, iv + 4);
	sg_init_one(&sg, buf, aad_len + DUET_DIST_SEALED_LEN);
	aead_request_set_callback(req, 0, NULL, NULL);
	aead_request_set_ad(req, aad_len);
	aead_request_set_crypt(req, &sg, &sg, clen, iv);
	err = seal ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
	if (err == -EBADMSG)
		err = -EKEYREJECTED;
	aead_request_free(req);
out_aead:
	crypto_free_aead(aead);
	return err;
}

int duet_wrap_seal(const u8 *link, const struct duet_dist *d, const u8 *key,
		   u8 *blob)
{
	size_t aad = duet_dist_encode(d, blob);
	int err;

	memcpy(blob + aad, key, DUET_LINK_KEY_LEN);
	err = duet_wrap_crypt(link, blob, aad, d->seq, true);
	if (err) {
		memzero_explicit(blob, DUET_DIST_MAX_LEN);
		return err;
	}
	return aad + DUET_DIST_SEALED_LEN;
}

int duet_wrap_open(const u8 *link, const u8 *blob, size_t aad, u64 seq,
		   u8 *key)
{
	size_t len = aad + DUET_DIST_SEALED_LEN;
	u8 *buf;
	int err;

	buf = kmemdup(blob, len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = duet_wrap_crypt(link, buf, aad, seq, false);
	if (!err)
		memcpy(key, buf + aad, DUET_LINK_KEY_LEN);
	kfree_sensitive(buf);
	return err;
}
