// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for what duetd reads from the network: a certificate
 * store's answer (PEM, duetd_cert_from_pem) and the chain a peer sent in
 * M2 (DER, duetd_cert_verify_der), through duetd's own code with OpenSSL
 * and the test PKI's trust anchors (DUET_FUZZ_TRUST, a directory). The
 * first byte picks the decoder; the rest is the answer. Seeds: the test
 * PKI's chains, both forms (make fuzz).
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "certs.h"
#include "config.h"

/* The ID the leaf claims, as duetd would have asked for it: deeper paths. */
static void leaf_id(const uint8_t *data, size_t size, int pem, uint8_t id[32])
{
	const unsigned char *p = data;
	X509 *x = NULL;
	BIO *bio;

	memset(id, 0, 32);
	if (pem) {
		bio = BIO_new_mem_buf(data, (int)size);
		x = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
		BIO_free(bio);
	} else {
		x = d2i_X509(NULL, &p, (long)size);
	}
	if (x)
		duetd_key_id(x, id);
	X509_free(x);
	ERR_clear_error();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct duetd_config c;
	struct duet_identity out;
	uint8_t id[32];
	char why[256];

	if (!c.trust_dir[0] && getenv("DUET_FUZZ_TRUST"))
		snprintf(c.trust_dir, sizeof(c.trust_dir), "%s", getenv("DUET_FUZZ_TRUST"));
	if (size < 1 || size > 65536)
		return 0;
	leaf_id(data + 1, size - 1, data[0] == 'P', id);
	if (data[0] == 'P')
		duetd_cert_from_pem(&c, (const char *)data + 1, size - 1, id, &out, why,
				    sizeof(why));
	else
		duetd_cert_verify_der(&c, data + 1, size - 1, id, &out, why, sizeof(why));
	return 0;
}
