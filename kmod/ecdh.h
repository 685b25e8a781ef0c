/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ephemeral P-256 keys for the ECDHE suites, from the kernel's kpp
 * "ecdh-nist-p256". Points are x || y (64 bytes) here, 0x04 || x || y on
 * the wire. The peer's points are checked by the kpp (on the curve, in
 * range) before any use: a bad one fails with -EPROTO.
 */
#ifndef _DUET_ECDH_H
#define _DUET_ECDH_H

#include <linux/types.h>

struct crypto_kpp;

/* A fresh private key; its public point into pub (64 bytes, kmalloc'ed). */
struct crypto_kpp *duet_ecdh_new(u8 *pub);
/* x of (our private key * peer), 32 bytes; peer and out kmalloc'ed. */
int duet_ecdh_shared(struct crypto_kpp *kpp, const u8 *peer, u8 *out);
void duet_ecdh_free(struct crypto_kpp *kpp);

#endif /* _DUET_ECDH_H */
