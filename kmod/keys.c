// SPDX-License-Identifier: GPL-2.0
/*
 * Record protection: gcm(aes) from the kernel crypto API, the 64-bit
 * sequence number XORed into the last 8 bytes of the IV, the record header
 * as associated data. Keys are updated in place from the traffic secret;
 * the old secret, key and IV are overwritten.
 */

#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "hkdf.h"
#include "keys.h"

static int duet_keys_derive(struct duet_keys *k)
{
	u8 key[DUET_MAX_KEY_LEN];
	int err;

	err = duet_hkdf_expand_label(k->hmac, k->secret, "key", NULL, 0, key,
				     k->suite->key_len) ?:
	      duet_hkdf_expand_label(k->hmac, k->secret, "iv", NULL, 0, k->iv,
				     DUET_IV_LEN) ?:
	      crypto_aead_setkey(k->aead, key, k->suite->key_len);
	memzero_explicit(key, sizeof(key));
	k->seq = 0;
	return err;
}

int duet_keys_init(struct duet_keys *k, const struct duet_suite_info *suite,
		   const u8 *secret)
{
	int err;

	k->suite = suite;
	k->hmac = crypto_alloc_shash(suite->hmac, 0, 0);
	if (IS_ERR(k->hmac)) {
		err = PTR_ERR(k->hmac);
		k->hmac = NULL;
		return err;
	}
	k->aead = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(k->aead)) {
		err = PTR_ERR(k->aead);
		k->aead = NULL;
		goto err_free;
	}
	err = crypto_aead_setauthsize(k->aead, DUET_TAG_LEN);
	if (err)
		goto err_free;
	k->req = aead_request_alloc(k->aead, GFP_KERNEL);
	if (!k->req) {
		err = -ENOMEM;
		goto err_free;
	}
	memcpy(k->secret, secret, suite->hash_len);
	err = duet_keys_derive(k);
	if (err)
		goto err_free;
	return 0;

err_free:
	duet_keys_free(k);
	return err;
}

int duet_keys_update(struct duet_keys *k)
{
	u8 next[DUET_MAX_HASH_LEN];
	int err;

	err = duet_hkdf_expand_label(k->hmac, k->secret, "ku", NULL, 0, next,
				     k->suite->hash_len);
	if (!err) {
		memcpy(k->secret, next, k->suite->hash_len);
		err = duet_keys_derive(k);
		k->gen++;
	}
	memzero_explicit(next, sizeof(next));
	return err;
}

void duet_keys_free(struct duet_keys *k)
{
	aead_request_free(k->req);	/* kfree_sensitive */
	crypto_free_aead(k->aead);
	crypto_free_shash(k->hmac);
	k->req = NULL;
	k->aead = NULL;
	k->hmac = NULL;
	memzero_explicit(k->secret, sizeof(k->secret));
	memzero_explicit(k->iv, sizeof(k->iv));
}

static int duet_crypt(struct duet_keys *k, u8 *buf, unsigned int len,
		      bool enc)
{
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 nonce[DUET_IV_LEN];
	int err;

	memcpy(nonce, k->iv, DUET_IV_LEN);
	put_unaligned_be64(get_unaligned_be64(nonce + 4) ^ k->seq, nonce + 4);

	sg_init_one(&sg, buf, DUET_REC_HDR_LEN + len + (enc ? DUET_TAG_LEN : 0));
	aead_request_set_callback(k->req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done, &wait);
	aead_request_set_ad(k->req, DUET_REC_HDR_LEN);
	aead_request_set_crypt(k->req, &sg, &sg, len, nonce);
	err = crypto_wait_req(enc ? crypto_aead_encrypt(k->req) :
				    crypto_aead_decrypt(k->req), &wait);
	memzero_explicit(nonce, sizeof(nonce));
	if (!err)
		k->seq++;
	return err;
}

int duet_seal(struct duet_keys *k, u8 *buf, unsigned int len)
{
	return duet_crypt(k, buf, len, true);
}

int duet_open(struct duet_keys *k, u8 *buf, unsigned int frag_len)
{
	int err;

	if (frag_len < DUET_TAG_LEN)
		return -EBADMSG;
	/* -EBADMSG: the tag did not verify; anything else failed on our side */
	err = duet_crypt(k, buf, frag_len, false);
	return err ?: frag_len - DUET_TAG_LEN;
}
