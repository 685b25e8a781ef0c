/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_WRAP_H
#define _DUET_WRAP_H

#include "wire.h"

/* A link key and its chain id from a full handshake's exporter secret. */
int duet_link_derive(const struct duet_suite_info *s, const u8 *exp,
		     u8 *key, u8 *chain);
/*
 * d's header and key (DUET_LINK_KEY_LEN) sealed under link into blob
 * (DUET_DIST_MAX_LEN, kmalloc'd): its length, or an errno.
 */
int duet_wrap_seal(const u8 *link, const struct duet_dist *d, const u8 *key,
		   u8 *blob);
/* The key a blob (aad bytes of header, decoded) carries; -EKEYREJECTED. */
int duet_wrap_open(const u8 *link, const u8 *blob, size_t aad, u64 seq,
		   u8 *key);

#endif /* _DUET_WRAP_H */
