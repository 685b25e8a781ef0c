/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_IDENTITY_H
#define DUETD_IDENTITY_H

#include <openssl/evp.h>

#include "certs.h"

/* This host's identity: its certificate chain and private key. */
struct duetd_self {
	EVP_PKEY *key;			/* loaded through OpenSSL; never sent */
	struct duet_identity ident;
	uint8_t chain[DUET_MAX_CHAIN_LEN];	/* DER, leaf first, for M2 */
	size_t chain_len;
};

/*
 * Loads identity_cert and identity_key of c: the key must be the
 * certificate's, of a type duet uses. 0, or -errno with a reason.
 */
int duetd_self_load(const struct duetd_config *c, struct duetd_self *self,
		    char *why, size_t whylen);
void duetd_self_free(struct duetd_self *self);

#endif /* DUETD_IDENTITY_H */
