// SPDX-License-Identifier: LGPL-2.1
/* Hex text for IDs, SA ids and blobs: one parser and printer for every tool. */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "duet.h"

static int nibble(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

int duet_hex_parse(const char *hex, uint8_t *out, size_t n)
{
	size_t i;

	if (strlen(hex) != 2 * n)
		return -EINVAL;
	for (i = 0; i < 2 * n; i++)
		if (!isxdigit((unsigned char)hex[i]))
			return -EINVAL;
	for (i = 0; i < n; i++)
		out[i] = nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]);
	return 0;
}

void duet_hex_print(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = '\0';
}
