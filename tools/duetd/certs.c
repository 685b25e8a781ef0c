// SPDX-License-Identifier: GPL-2.0
/*
 * Certificates by ID: duetd's local directory first, then the certificate
 * store over HTTP (libcurl); then OpenSSL verifies the chain against the
 * trust anchors, validity dates and CRLs, and the key is checked to be the
 * one the ID names, of a type duet uses.
 */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certs.h"
#include "duet.h"

#define MAX_CHAIN_BYTES 65536

int duetd_fail(char *why, size_t len, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return err;
}

int duet_id_parse(const char *hex, uint8_t id[32])
{
	return duet_hex_parse(hex, id, 32);
}

void duet_id_hex(const uint8_t id[32], char hex[65])
{
	duet_hex_print(id, 32, hex);
}

struct buf {
	char *data;
	size_t len;
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t len = size * n;

	if (b->len + len > MAX_CHAIN_BYTES)
		return 0;	/* too big: curl fails the transfer */
	memcpy(b->data + b->len, p, len);
	b->len += len;
	return len;
}

/* GET the store's URL for id into b. */
static int fetch(const struct duetd_config *c, const char *hex, struct buf *b,
		 char *why, size_t whylen)
{
	char url[sizeof(c->store_url) + 64], *at;
	long status = 0;
	CURLcode rc;
	CURL *curl;

	at = strstr(c->store_url, "{id}");
	if (!at)
		return duetd_fail(why, whylen, -EINVAL, "store_url has no {id}");
	snprintf(url, sizeof(url), "%.*s%s%s", (int)(at - c->store_url),
		 c->store_url, hex, at + 4);
	curl = curl_easy_init();
	if (!curl)
		return duetd_fail(why, whylen, -ENOMEM, "libcurl");
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, b);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(curl);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return duetd_fail(why, whylen, -ETIMEDOUT, "store %s: no answer in %ld ms",
			    url, c->timeout_ms);
	if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
		return duetd_fail(why, whylen, -ECONNREFUSED, "store %s: %s", url,
			    curl_easy_strerror(rc));
	if (rc != CURLE_OK)
		return duetd_fail(why, whylen, -EPROTO, "store %s: %s", url,
			    curl_easy_strerror(rc));
	if (status == 404)
		return duetd_fail(why, whylen, -ENOKEY, "no certificate with this ID "
			    "(not in %s, 404 from the store)", c->cert_dir[0] ?
			    c->cert_dir : "no cert_dir");
	if (status != 200)
		return duetd_fail(why, whylen, -EPROTO, "store %s: HTTP %ld", url, status);
	return 0;
}

/* The chain for id: cert_dir/ID.pem, else the store. */
static int load_chain(const struct duetd_config *c, const char *hex,
		      struct buf *b, char *why, size_t whylen)
{
	char path[sizeof(c->cert_dir) + 80];
	FILE *f;

	if (c->cert_dir[0]) {
		snprintf(path, sizeof(path), "%s/%s.pem", c->cert_dir, hex);
		f = fopen(path, "re");
		if (f) {
			b->len = fread(b->data, 1, MAX_CHAIN_BYTES, f);
			fclose(f);
			return 0;
		}
	}
	if (!c->store_url[0])
		return duetd_fail(why, whylen, -ENOKEY, "no certificate with this ID "
			    "(not in cert_dir; no store_url)");
	return fetch(c, hex, b, why, whylen);
}

/* The ID of key, and (spki not NULL) its DER SubjectPublicKeyInfo. */
static int key_id(EVP_PKEY *key, uint8_t id[32], uint8_t *spki, size_t *spki_len)
{
	unsigned char *der = NULL;
	int len = i2d_PUBKEY(key, &der);

	if (len <= 0 || (spki && (size_t)len > *spki_len) ||
	    !EVP_Digest(der, len, id, NULL, EVP_sha256(), NULL)) {
		OPENSSL_free(der);
		return -1;
	}
	if (spki) {
		memcpy(spki, der, len);
		*spki_len = len;
	}
	OPENSSL_free(der);
	return 0;
}

int duetd_key_id(struct x509_st *cert, uint8_t id[32])
{
	EVP_PKEY *key = X509_get0_pubkey(cert);

	return key ? key_id(key, id, NULL, NULL) : -1;
}

static int is_pem(const struct dirent *e)
{
	size_t l = strlen(e->d_name);

	return l > 4 && !strcmp(e->d_name + l - 4, ".pem");
}

static int is_pem_or_crl(const struct dirent *e)
{
	size_t l = strlen(e->d_name);

	return is_pem(e) || (l > 4 && !strcmp(e->d_name + l - 4, ".crl"));
}

int duetd_dir_each(const char *dir, int crls,
		   int (*fn)(const char *path, void *arg), void *arg)
{
	struct dirent **names;
	char path[512];
	int i, n, ret = 0;

	n = scandir(dir, &names, crls ? is_pem_or_crl : is_pem, alphasort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (!ret)
			ret = fn(path, arg);
		free(names[i]);
	}
	free(names);
	return ret;
}

struct loading {
	X509_STORE *store;
	int n;
};

static int load_anchors(const char *path, void *arg)
{
	struct loading *ld = arg;

	ld->n += X509_STORE_load_file(ld->store, path) == 1;
	return 0;
}

static int load_crls(const char *path, void *arg)
{
	struct loading *ld = arg;
	FILE *f = fopen(path, "re");
	X509_CRL *crl;

	while (f && (crl = PEM_read_X509_CRL(f, NULL, NULL, NULL))) {
		ld->n += X509_STORE_add_crl(ld->store, crl) == 1;
		X509_CRL_free(crl);
	}
	if (f)
		fclose(f);
	return 0;
}

/* Every anchor or CRL of dir into store: how many, or -1. */
static int load_dir(X509_STORE *store, const char *dir, int crls)
{
	struct loading ld = { .store = store };

	if (duetd_dir_each(dir, crls, crls ? load_crls : load_anchors, &ld) < 0)
		return -1;
	return ld.n;
}

static int verify(const struct duetd_config *c, X509 *leaf,
		  STACK_OF(X509) *chain, char *why, size_t whylen)
{
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int err = -ENOMEM, code;

	if (!store || !ctx)
		goto out;
	if (!c->trust_dir[0] || load_dir(store, c->trust_dir, 0) <= 0) {
		err = duetd_fail(why, whylen, -EKEYREJECTED, "no trust anchors in %s",
			   c->trust_dir[0] ? c->trust_dir : "(no trust_dir)");
		goto out;
	}
	if (c->crl_dir[0] && load_dir(store, c->crl_dir, 1) > 0)
		X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
	if (!X509_STORE_CTX_init(ctx, store, leaf, chain))
		goto out;
	if (X509_verify_cert(ctx) == 1) {
		err = 0;
		goto out;
	}
	code = X509_STORE_CTX_get_error(ctx);
	err = code == X509_V_ERR_CERT_HAS_EXPIRED || code == X509_V_ERR_CERT_NOT_YET_VALID ?
	      -EKEYEXPIRED : code == X509_V_ERR_CERT_REVOKED ? -EKEYREVOKED : -EKEYREJECTED;
	duetd_fail(why, whylen, err, "%s", X509_verify_cert_error_string(code));
out:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	return err;
}

/* P-256 or RSA of 2048 bits or more, with a key usage that fits. */
static int check_key(X509 *leaf, EVP_PKEY *key, struct duet_identity *out,
		     char *why, size_t whylen)
{
	uint32_t ku = X509_get_key_usage(leaf);
	unsigned char point[80];
	char group[32] = "";
	size_t plen = 0;

	out->key_bits = EVP_PKEY_get_bits(key);
	if (EVP_PKEY_is_a(key, "EC")) {
		EVP_PKEY_get_group_name(key, group, sizeof(group), NULL);
		if (strcmp(group, "prime256v1"))
			return duetd_fail(why, whylen, -EKEYREJECTED, "EC key on %s, not P-256", group);
		out->key_type = DUET_KEY_EC_P256;
		if (!(ku & (KU_KEY_AGREEMENT | KU_DIGITAL_SIGNATURE)))
			return duetd_fail(why, whylen, -EKEYREJECTED, "key usage forbids key agreement");
		if (!EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
						     point, sizeof(point), &plen) ||
		    plen != 65 || point[0] != 0x04)
			return duetd_fail(why, whylen, -EPROTO, "unreadable EC point");
		memcpy(out->pub, point + 1, 64);
		out->pub_len = 64;
	} else if (EVP_PKEY_is_a(key, "RSA")) {
		if (out->key_bits < 2048)
			return duetd_fail(why, whylen, -EKEYREJECTED, "RSA key of %d bits", out->key_bits);
		out->key_type = DUET_KEY_RSA;
		if (!(ku & (KU_KEY_ENCIPHERMENT | KU_DIGITAL_SIGNATURE)))
			return duetd_fail(why, whylen, -EKEYREJECTED, "key usage forbids key transport");
		if (out->key_bits > 8 * DUET_MAX_RSA_LEN)
			return duetd_fail(why, whylen, -EKEYREJECTED, "RSA key of %d bits", out->key_bits);
		memcpy(out->pub, out->spki, out->spki_len);
		out->pub_len = out->spki_len;
	} else {
		return duetd_fail(why, whylen, -EKEYREJECTED, "a key type duet does not use");
	}
	return 0;
}

int duetd_cert_identity(X509 *leaf, struct duet_identity *out, char *why,
			size_t whylen)
{
	EVP_PKEY *key = X509_get0_pubkey(leaf);
	struct tm tm;

	out->spki_len = sizeof(out->spki);
	if (!key || key_id(key, out->id, out->spki, &out->spki_len))
		return duetd_fail(why, whylen, -EPROTO, "unreadable public key");
	X509_NAME_oneline(X509_get_subject_name(leaf), out->subject, sizeof(out->subject));
	if (!ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &tm))
		return duetd_fail(why, whylen, -EPROTO, "unreadable validity");
	out->not_after = timegm(&tm);
	return check_key(leaf, key, out, why, whylen);
}

static int identity(X509 *leaf, const uint8_t id[32], struct duet_identity *out,
		    char *why, size_t whylen)
{
	int err = duetd_cert_identity(leaf, out, why, whylen);

	if (!err && memcmp(out->id, id, 32))
		return duetd_fail(why, whylen, -EKEYREJECTED,
			    "the certificate found is for another key");
	return err;
}

static int check_chain(const struct duetd_config *c, X509 *leaf,
		       STACK_OF(X509) *chain, const uint8_t id[32],
		       struct duet_identity *out, char *why, size_t whylen)
{
	int err = leaf ? identity(leaf, id, out, why, whylen) :
			 duetd_fail(why, whylen, -EPROTO, "no certificate in the answer");

	return err ?: verify(c, leaf, chain, why, whylen);
}

int duetd_cert_verify_der(const struct duetd_config *c, const uint8_t *der,
			  size_t len, const uint8_t id[32],
			  struct duet_identity *out, char *why, size_t whylen)
{
	STACK_OF(X509) *chain = sk_X509_new_null();
	const unsigned char *p = der, *end = der + len;
	X509 *leaf = NULL, *x;
	int err;

	memset(out, 0, sizeof(*out));
	if (!chain)
		return duetd_fail(why, whylen, -ENOMEM, "out of memory");
	while (p < end && (x = d2i_X509(NULL, &p, end - p))) {
		if (!leaf)
			leaf = x;
		else
			sk_X509_push(chain, x);
	}
	err = p != end ? duetd_fail(why, whylen, -EPROTO, "the peer's chain does not parse") :
			 check_chain(c, leaf, chain, id, out, why, whylen);
	X509_free(leaf);
	sk_X509_pop_free(chain, X509_free);
	return err;
}

int duetd_cert_from_pem(const struct duetd_config *c, const char *pem,
			size_t len, const uint8_t id[32],
			struct duet_identity *out, char *why, size_t whylen)
{
	STACK_OF(X509) *chain = sk_X509_new_null();
	X509 *leaf = NULL, *x;
	BIO *bio;
	int err;

	memset(out, 0, sizeof(*out));
	bio = chain && len <= INT_MAX ? BIO_new_mem_buf(pem, (int)len) : NULL;
	if (!bio) {
		sk_X509_free(chain);
		return duetd_fail(why, whylen, -ENOMEM, "out of memory");
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!leaf)
			leaf = x;
		else
			sk_X509_push(chain, x);
	}
	BIO_free(bio);
	ERR_clear_error();	/* the end of the input reads as an error */
	err = check_chain(c, leaf, chain, id, out, why, whylen);
	X509_free(leaf);
	sk_X509_pop_free(chain, X509_free);
	return err;
}

int duetd_cert_resolve(const struct duetd_config *c, const uint8_t id[32],
		       struct duet_identity *out, char *why, size_t whylen)
{
	struct buf b = { malloc(MAX_CHAIN_BYTES), 0 };
	char hex[65];
	int err;

	memset(out, 0, sizeof(*out));
	duet_id_hex(id, hex);
	err = b.data ? load_chain(c, hex, &b, why, whylen) :
		       duetd_fail(why, whylen, -ENOMEM, "out of memory");
	if (!err)
		err = duetd_cert_from_pem(c, b.data, b.len, id, out, why, whylen);
	free(b.data);
	return err;
}
