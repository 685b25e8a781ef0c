/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HKDF known answers, as hex strings: RFC 5869 appendix A.1-A.3
 * (HMAC-SHA-256) and the A.1 inputs under HMAC-SHA-384 (no RFC vector
 * exists; computed with OpenSSL 3's HKDF). The module checks its HKDF
 * against them at load; selftests/unit/hkdf_test checks this table
 * against OpenSSL, so a typo here cannot pass for a kernel bug.
 */
#ifndef _DUET_HKDF_VECTORS_H
#define _DUET_HKDF_VECTORS_H

struct duet_hkdf_vector {
	const char *hash;	/* "sha256", "sha384" */
	const char *ikm, *salt, *info, *prk, *okm;
};

static const struct duet_hkdf_vector duet_hkdf_vectors[] = {
	{ /* RFC 5869 A.1 */
		"sha256",
		"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		"000102030405060708090a0b0c",
		"f0f1f2f3f4f5f6f7f8f9",
		"077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
		"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
		"34007208d5b887185865",
	},
	{ /* RFC 5869 A.2 */
		"sha256",
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627"
		"28292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
		"606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081828384858687"
		"88898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
		"b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7"
		"d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		"06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
		"b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
		"59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
		"cc30c58179ec3e87c14c01d5c1f3434f1d87",
	},
	{ /* RFC 5869 A.3: no salt, no info */
		"sha256",
		"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		"",
		"",
		"19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
		"8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
		"9d201395faa4b61a96c8",
	},
	{ /* A.1 inputs, HMAC-SHA-384 */
		"sha384",
		"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		"000102030405060708090a0b0c",
		"f0f1f2f3f4f5f6f7f8f9",
		"704b39990779ce1dc548052c7dc39f303570dd13fb39f7acc564680bef80e8de"
		"c70ee9a7e1f3e293ef68eceb072a5ade",
		"9b5097a86038b805309076a44b3a9f38063e25b516dcbf369f394cfab43685f7"
		"48b6457763e4f0204fc5",
	},
};

#endif /* _DUET_HKDF_VECTORS_H */
