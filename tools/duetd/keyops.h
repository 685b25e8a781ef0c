/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_KEYOPS_H
#define DUETD_KEYOPS_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

/*
 * The public-key work the kernel asks for, with OpenSSL. Each returns 0
 * or a negative errno the kernel passes on: -EPROTO for a peer's key that
 * is not a valid point, -EKEYREJECTED for a signature or ciphertext that
 * does not check, -EINVAL for a key of the wrong type, -EIO otherwise.
 */

/* x of (key * point), point = x || y (64 bytes), into out (32 bytes). */
int duetd_ecdh(EVP_PKEY *key, const uint8_t *point, uint8_t *out);
/* RSA-OAEP (SHA-256, MGF1 SHA-256). *out_len: room in, length out. */
int duetd_rsa_decrypt(EVP_PKEY *key, const uint8_t *in, size_t in_len,
		      uint8_t *out, size_t *out_len);
int duetd_rsa_encrypt(const uint8_t *spki, size_t spki_len, const uint8_t *in,
		      size_t in_len, uint8_t *out, size_t *out_len);
/* RSA-PSS over a SHA-256 or SHA-384 digest (by its length), salt = hash length. */
int duetd_rsa_sign(EVP_PKEY *key, const uint8_t *digest, size_t digest_len,
		   uint8_t *sig, size_t *sig_len);
int duetd_rsa_verify(const uint8_t *spki, size_t spki_len, const uint8_t *digest,
		     size_t digest_len, const uint8_t *sig, size_t sig_len);

#endif /* DUETD_KEYOPS_H */
