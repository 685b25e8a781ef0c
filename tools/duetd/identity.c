// SPDX-License-Identifier: GPL-2.0
/*
 * This host's identity. The key is read with OSSL_STORE, so a "file:"
 * path works today and a provider URI (PKCS#11, TPM) is a configuration
 * change, not a code change.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/pem.h>
#include <openssl/store.h>
#include <openssl/x509.h>

#include "identity.h"

static EVP_PKEY *load_key(const char *uri)
{
	OSSL_STORE_CTX *ctx = OSSL_STORE_open(uri, NULL, NULL, NULL, NULL);
	OSSL_STORE_INFO *info;
	EVP_PKEY *key = NULL;

	while (ctx && !key && !OSSL_STORE_eof(ctx)) {
		info = OSSL_STORE_load(ctx);
		if (info && OSSL_STORE_INFO_get_type(info) == OSSL_STORE_INFO_PKEY)
			key = OSSL_STORE_INFO_get1_PKEY(info);
		OSSL_STORE_INFO_free(info);
	}
	OSSL_STORE_close(ctx);
	return key;
}

/* The chain file's certificates, DER, one after another. */
static int load_chain(const char *path, struct duetd_self *self, X509 **leaf)
{
	FILE *f = fopen(path, "re");
	unsigned char *p;
	X509 *x;
	int len;

	if (!f)
		return -errno;
	while ((x = PEM_read_X509(f, NULL, NULL, NULL))) {
		len = i2d_X509(x, NULL);
		if (len <= 0 || self->chain_len + len > sizeof(self->chain)) {
			X509_free(x);
			fclose(f);
			return -EFBIG;
		}
		p = self->chain + self->chain_len;
		i2d_X509(x, &p);
		self->chain_len += len;
		if (!*leaf)
			*leaf = x;
		else
			X509_free(x);
	}
	fclose(f);
	return *leaf ? 0 : -ENOENT;
}

int duetd_self_load(const struct duetd_config *c, struct duetd_self *self,
		    char *why, size_t whylen)
{
	X509 *leaf = NULL;
	int err;

	memset(self, 0, sizeof(*self));
	if (!c->identity_cert[0] || !c->identity_key[0])
		return duetd_fail(why, whylen, -ENOENT, "no identity_cert/identity_key configured");
	err = load_chain(c->identity_cert, self, &leaf);
	if (err) {
		duetd_fail(why, whylen, err, "%s: no certificate (%s)", c->identity_cert,
		     strerror(-err));
		goto out;
	}
	err = duetd_cert_identity(leaf, &self->ident, why, whylen);
	if (err)
		goto out;
	self->key = load_key(c->identity_key);
	if (!self->key) {
		err = duetd_fail(why, whylen, -ENOKEY, "%s: no private key", c->identity_key);
		goto out;
	}
	if (EVP_PKEY_eq(self->key, X509_get0_pubkey(leaf)) != 1)
		err = duetd_fail(why, whylen, -EKEYREJECTED, "%s is not the key of %s",
			   c->identity_key, c->identity_cert);
out:
	X509_free(leaf);
	if (err)
		duetd_self_free(self);
	return err;
}

void duetd_self_free(struct duetd_self *self)
{
	EVP_PKEY_free(self->key);
	self->key = NULL;
}
