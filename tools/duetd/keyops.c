// SPDX-License-Identifier: GPL-2.0
/* Private- and public-key operations for the kernel (keyops.h), OpenSSL 3. */

#include <errno.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "keyops.h"

static EVP_PKEY *p256_point(const uint8_t *point)
{
	unsigned char enc[65];
	char group[] = "prime256v1";
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	EVP_PKEY *peer = NULL;

	enc[0] = 0x04;
	memcpy(enc + 1, point, 64);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, enc,
						      sizeof(enc));
	params[2] = OSSL_PARAM_construct_end();
	if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &peer, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		peer = NULL;
	EVP_PKEY_CTX_free(ctx);
	return peer;
}

int duetd_ecdh(EVP_PKEY *key, const uint8_t *point, uint8_t *out)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *peer;
	size_t len = 32;
	int err = -EPROTO;

	if (!EVP_PKEY_is_a(key, "EC"))
		return -EINVAL;
	peer = p256_point(point);
	if (!peer)
		return -EPROTO;	/* not a point of P-256 */
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx && EVP_PKEY_derive_init(ctx) > 0 &&
	    EVP_PKEY_derive_set_peer_ex(ctx, peer, 1) > 0)	/* validates it */
		err = EVP_PKEY_derive(ctx, out, &len) > 0 && len == 32 ? 0 : -EIO;
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(peer);
	return err;
}

static int oaep(EVP_PKEY_CTX *ctx)
{
	return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
	       EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) > 0 &&
	       EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) > 0;
}

static int pss(EVP_PKEY_CTX *ctx, size_t digest_len)
{
	const EVP_MD *md = digest_len == 48 ? EVP_sha384() :
			   digest_len == 32 ? EVP_sha256() : NULL;

	return md && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
	       EVP_PKEY_CTX_set_signature_md(ctx, md) > 0 &&
	       EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) > 0;
}

static EVP_PKEY *rsa_public(const uint8_t *spki, size_t len)
{
	const unsigned char *p = spki;
	EVP_PKEY *key = d2i_PUBKEY(NULL, &p, len);

	if (key && !EVP_PKEY_is_a(key, "RSA")) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	return key;
}

int duetd_rsa_decrypt(EVP_PKEY *key, const uint8_t *in, size_t in_len,
		      uint8_t *out, size_t *out_len)
{
	EVP_PKEY_CTX *ctx;
	int err = -EKEYREJECTED;

	if (!EVP_PKEY_is_a(key, "RSA"))
		return -EINVAL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx && EVP_PKEY_decrypt_init(ctx) > 0 && oaep(ctx) &&
	    EVP_PKEY_decrypt(ctx, out, out_len, in, in_len) > 0)
		err = 0;
	EVP_PKEY_CTX_free(ctx);
	return err;
}

int duetd_rsa_encrypt(const uint8_t *spki, size_t spki_len, const uint8_t *in,
		      size_t in_len, uint8_t *out, size_t *out_len)
{
	EVP_PKEY *key = rsa_public(spki, spki_len);
	EVP_PKEY_CTX *ctx;
	int err = -EIO;

	if (!key)
		return -EINVAL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx && EVP_PKEY_encrypt_init(ctx) > 0 && oaep(ctx) &&
	    EVP_PKEY_encrypt(ctx, out, out_len, in, in_len) > 0)
		err = 0;
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return err;
}

int duetd_rsa_sign(EVP_PKEY *key, const uint8_t *digest, size_t digest_len,
		   uint8_t *sig, size_t *sig_len)
{
	EVP_PKEY_CTX *ctx;
	int err = -EIO;

	if (!EVP_PKEY_is_a(key, "RSA"))
		return -EINVAL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx && EVP_PKEY_sign_init(ctx) > 0 && pss(ctx, digest_len) &&
	    EVP_PKEY_sign(ctx, sig, sig_len, digest, digest_len) > 0)
		err = 0;
	EVP_PKEY_CTX_free(ctx);
	return err;
}

int duetd_rsa_verify(const uint8_t *spki, size_t spki_len, const uint8_t *digest,
		     size_t digest_len, const uint8_t *sig, size_t sig_len)
{
	EVP_PKEY *key = rsa_public(spki, spki_len);
	EVP_PKEY_CTX *ctx;
	int err = -EKEYREJECTED;

	if (!key)
		return -EINVAL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx && EVP_PKEY_verify_init(ctx) > 0 && pss(ctx, digest_len) &&
	    EVP_PKEY_verify(ctx, sig, sig_len, digest, digest_len) == 1)
		err = 0;
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return err;
}
