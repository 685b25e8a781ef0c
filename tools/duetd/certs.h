/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_CERTS_H
#define DUETD_CERTS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/duet.h>

#include "config.h"

/* A verified peer: what duetd tells the kernel. */
struct duet_identity {
	uint8_t id[32];			/* SHA-256 of the DER SPKI */
	char subject[256];
	int key_type;			/* enum duet_key_type */
	int key_bits;
	uint8_t spki[DUET_MAX_PUBKEY_LEN];	/* DER SubjectPublicKeyInfo */
	size_t spki_len;
	uint8_t pub[DUET_MAX_PUBKEY_LEN];	/* for the kernel: P-256 x || y, RSA the SPKI */
	size_t pub_len;
	int64_t not_after;		/* seconds since the epoch */
};

/*
 * Find the certificate whose key has this ID (cert_dir, then the store),
 * check that it is that key's, and verify it against the trust anchors
 * and CRLs. 0 with out filled, or a negative errno and a reason in why:
 * -ENOKEY (no such certificate), -EKEYEXPIRED, -EKEYREVOKED,
 * -EKEYREJECTED (untrusted, wrong key, unfit key), -ECONNREFUSED or
 * -ETIMEDOUT (store unreachable), -EPROTO (store's answer unusable).
 */
int duetd_cert_resolve(const struct duetd_config *c, const uint8_t id[32],
		       struct duet_identity *out, char *why, size_t whylen);

/* The same checks for a chain as the store sends it: PEM, leaf first. */
int duetd_cert_from_pem(const struct duetd_config *c, const char *pem,
			size_t len, const uint8_t id[32],
			struct duet_identity *out, char *why, size_t whylen);

/* The same checks for a chain the peer sent: DER certificates, leaf first. */
int duetd_cert_verify_der(const struct duetd_config *c, const uint8_t *der,
			  size_t len, const uint8_t id[32],
			  struct duet_identity *out, char *why, size_t whylen);

/* The identity of a certificate (no trust checks): for our own. */
struct x509_st;
int duetd_cert_identity(struct x509_st *leaf, struct duet_identity *out,
			char *why, size_t whylen);

/* The ID (SHA-256 of the DER SPKI) of any certificate's key: 0 or -1. */
int duetd_key_id(struct x509_st *cert, uint8_t id[32]);

/*
 * fn(path, arg) for every file of dir that holds trust anchors (*.pem) or,
 * with crls, CRLs (*.pem, *.crl), in name order, until fn returns
 * non-zero. -1 when dir cannot be read, else what fn last returned.
 */
int duetd_dir_each(const char *dir, int crls,
		   int (*fn)(const char *path, void *arg), void *arg);

/* A reason into why (printf), and err back: return duetd_fail(...). */
int duetd_fail(char *why, size_t len, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* hex (64 digits) <-> ID */
int duet_id_parse(const char *hex, uint8_t id[32]);
void duet_id_hex(const uint8_t id[32], char hex[65]);

#endif /* DUETD_CERTS_H */
