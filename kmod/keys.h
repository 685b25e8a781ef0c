/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_KEYS_H
#define _DUET_KEYS_H

#include <crypto/aead.h>
#include <crypto/hash.h>

#include "wire.h"

/*
 * The keys of one direction of a session: its traffic secret, the AEAD
 * keyed from it, the record sequence number folded into the nonce, and
 * the generation (key updates so far). Used under the direction's lock.
 */
struct duet_keys {
	struct crypto_aead *aead;
	struct aead_request *req;
	struct crypto_shash *hmac;	/* derives the next secret */
	const struct duet_suite_info *suite;
	u8 secret[DUET_MAX_HASH_LEN];
	u8 iv[DUET_IV_LEN];
	u64 seq;
	u32 gen;
};

int duet_keys_init(struct duet_keys *k, const struct duet_suite_info *suite,
		   const u8 *secret);
int duet_keys_update(struct duet_keys *k);
void duet_keys_free(struct duet_keys *k);

/*
 * buf holds a record: DUET_REC_HDR_LEN header (already encoded, with the
 * sealed length), len bytes of plaintext, room for the tag. Seals in place.
 */
int duet_seal(struct duet_keys *k, u8 *buf, unsigned int len);
/* Opens the record in buf in place; returns the plaintext length. */
int duet_open(struct duet_keys *k, u8 *buf, unsigned int frag_len);

#endif /* _DUET_KEYS_H */
