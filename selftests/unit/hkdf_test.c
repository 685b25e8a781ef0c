// SPDX-License-Identifier: GPL-2.0
/*
 * The HKDF known answers the module checks itself against at load
 * (kmod/hkdf_vectors.h), checked here against OpenSSL 3's HKDF: extract
 * alone gives the PRK, extract-and-expand the OKM.
 */

#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "hkdf_vectors.h"
#include "kselftest_harness.h"

static unsigned char *unhex(const char *hex, long *len)
{
	if (!*hex) {
		*len = 0;
		return calloc(1, 1);
	}
	return OPENSSL_hexstr2buf(hex, len);
}

static int openssl_hkdf(const char *hash, const char *mode,
			const unsigned char *ikm, long ikm_len,
			const unsigned char *salt, long salt_len,
			const unsigned char *info, long info_len,
			unsigned char *out, size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM params[6], *p = params;
	int ok;

	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)hash, 0);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, (char *)mode, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ikm, ikm_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_len);
	*p = OSSL_PARAM_construct_end();
	ok = ctx && EVP_KDF_derive(ctx, out, out_len, params) == 1;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

TEST(vectors_match_openssl)
{
	size_t i, n = sizeof(duet_hkdf_vectors) / sizeof(duet_hkdf_vectors[0]);

	ASSERT_LE(4, n);
	for (i = 0; i < n; i++) {
		const struct duet_hkdf_vector *v = &duet_hkdf_vectors[i];
		long ikm_len, salt_len, info_len, prk_len, okm_len;
		unsigned char *ikm = unhex(v->ikm, &ikm_len);
		unsigned char *salt = unhex(v->salt, &salt_len);
		unsigned char *info = unhex(v->info, &info_len);
		unsigned char *prk = unhex(v->prk, &prk_len);
		unsigned char *okm = unhex(v->okm, &okm_len);
		unsigned char out[256];

		ASSERT_TRUE(ikm && salt && info && prk && okm) TH_LOG("vector %zu hex", i);
		ASSERT_EQ(0, openssl_hkdf(v->hash, "EXTRACT_ONLY", ikm, ikm_len,
					  salt, salt_len, NULL, 0, out, prk_len));
		EXPECT_EQ(0, memcmp(out, prk, prk_len)) TH_LOG("vector %zu PRK", i);
		ASSERT_EQ(0, openssl_hkdf(v->hash, "EXTRACT_AND_EXPAND", ikm, ikm_len,
					  salt, salt_len, info, info_len, out, okm_len));
		EXPECT_EQ(0, memcmp(out, okm, okm_len)) TH_LOG("vector %zu OKM", i);
		OPENSSL_free(ikm);
		OPENSSL_free(salt);
		OPENSSL_free(info);
		OPENSSL_free(prk);
		OPENSSL_free(okm);
	}
}

TEST_HARNESS_MAIN
