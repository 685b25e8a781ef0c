/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_HKDF_H
#define _DUET_HKDF_H

#include <crypto/hash.h>

/*
 * HKDF (RFC 5869) over an HMAC transform of the kernel crypto API
 * ("hmac(sha256)", "hmac(sha384)"). The functions set the transform's key:
 * a transform belongs to one user at a time.
 */
int duet_hkdf_extract(struct crypto_shash *hmac, const u8 *salt,
		      unsigned int salt_len, const u8 *ikm,
		      unsigned int ikm_len, u8 *prk);
int duet_hkdf_expand(struct crypto_shash *hmac, const u8 *prk,
		     unsigned int prk_len, const u8 *info,
		     unsigned int info_len, u8 *okm, unsigned int okm_len);
int duet_hkdf_expand_label(struct crypto_shash *hmac, const u8 *secret,
			   const char *label, const u8 *ctx,
			   unsigned int ctx_len, u8 *out, unsigned int out_len);

/* Check against the known answers; non-zero refuses the module. */
int duet_hkdf_selftest(void);

#endif /* _DUET_HKDF_H */
