/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * libduet: what an application needs to use AF_DUET sockets and to talk to
 * the duet module. Functions return a value >= 0 on success and a negative
 * errno on failure.
 */
#ifndef LIBDUET_DUET_H
#define LIBDUET_DUET_H

#include <stdint.h>
#include <linux/duet.h>

/*
 * The address family number AF_DUET has on this host (the module's
 * "family" parameter), or -ENOENT when the module is not loaded.
 */
int duet_family(void);

/* Same, read from another path (for tests and chroots). */
int duet_family_from(const char *path);

/*
 * Hex text: exactly 2n hex digits into n bytes (0, or -EINVAL); n bytes
 * as 2n lower-case digits and a NUL.
 */
#include <stddef.h>
int duet_hex_parse(const char *hex, uint8_t *out, size_t n);
void duet_hex_print(const uint8_t *b, size_t n, char *out);

#endif /* LIBDUET_DUET_H */
