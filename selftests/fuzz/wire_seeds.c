// SPDX-License-Identifier: GPL-2.0
/*
 * wire_seeds DIR: write a seed corpus for wire_fuzz, one valid message of
 * each kind made by the real encoder (kmod/wire.c).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static void save(const char *dir, const char *name, const u8 *buf, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static const u8 nonce[DUET_NONCE_LEN] = { 7 };

/* An M1's start: its header, SUITES (n bytes), NONCE and TIMESTAMP. */
static void hello(struct duet_wbuf *b, u8 *buf, size_t cap, const u8 *suites, size_t n)
{
	*b = (struct duet_wbuf){ .data = buf, .cap = cap };
	duet_put_msg_hdr(b, DUET_MSG_HELLO);
	duet_put_tlv(b, DUET_T_SUITES, suites, n);
	duet_put_tlv(b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(b, DUET_T_TIMESTAMP, 1795000000);
}

int main(int argc, char **argv)
{
	u8 buf[512], fin[48] = { 9 };
	u8 suites[] = { 0x01, 0x02, 0x01, 0x01 }, one = 1;
	u8 ticket[DUET_NEW_TICKET_LEN] = { 5 };
	struct duet_wbuf b;

	if (argc != 2) {
		fprintf(stderr, "usage: wire_seeds DIR\n");
		return 2;
	}
	hello(&b, buf, sizeof(buf), suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_PSK_ID, "client-1", 8);
	save(argv[1], "hello", buf, b.len);

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_REPLY);
	duet_put_tlv_be16(&b, DUET_T_SUITE, DUET_SUITE_PSK_AES256GCM_SHA384);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv(&b, DUET_T_FINISHED, fin, 48);
	save(argv[1], "reply", buf, b.len);

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_FINISHED);
	duet_put_tlv(&b, DUET_T_FINISHED, fin, 32);
	save(argv[1], "finished", buf, b.len);

	/* resumption: M1 with a ticket and early data, M2 echoing it, RETRY */
	hello(&b, buf, sizeof(buf), suites, 2);
	duet_put_tlv(&b, DUET_T_TICKET, ticket, DUET_TICKET_LEN);
	duet_put_tlv(&b, DUET_T_EARLY, &one, 1);
	save(argv[1], "hello-ticket", buf, b.len);

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_REPLY);
	duet_put_tlv_be16(&b, DUET_T_SUITE, DUET_SUITE_ECDHE_ECDH_P256_AES128GCM_SHA256);
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv(&b, DUET_T_TICKET, ticket, DUET_TICKET_LEN);
	duet_put_tlv(&b, DUET_T_NEW_TICKET, ticket, DUET_NEW_TICKET_LEN);
	duet_put_tlv(&b, DUET_T_EARLY, &one, 1);
	duet_put_tlv(&b, DUET_T_FINISHED, fin, 32);
	save(argv[1], "reply-ticket", buf, b.len);

	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_RETRY);
	save(argv[1], "retry", buf, b.len);

	/* an SA M1, and a key-distribution blob (sealed part as zeros) */
	hello(&b, buf, sizeof(buf), suites + 2, 2);
	duet_put_tlv(&b, DUET_T_SA, fin, DUET_SA_LEN);
	save(argv[1], "hello-sa", buf, b.len);
	{
		struct duet_dist d = { .type = DUET_DIST_SA, .n_members = 2,
				       .suite = DUET_SUITE_PSK_AES128GCM_SHA256,
				       .not_after = 1795000000, .seq = 1 };
		size_t aad = duet_dist_encode(&d, buf);

		memset(buf + aad, 0, DUET_DIST_SEALED_LEN);
		save(argv[1], "blob-sa", buf, aad + DUET_DIST_SEALED_LEN);
	}

	/* flood protection: a COOKIE message, and M1 echoing it */
	b = (struct duet_wbuf){ .data = buf, .cap = sizeof(buf) };
	duet_put_msg_hdr(&b, DUET_MSG_COOKIE);
	duet_put_tlv(&b, DUET_T_COOKIE, fin, DUET_COOKIE_LEN);
	save(argv[1], "cookie", buf, b.len);

	hello(&b, buf, sizeof(buf), suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_PSK_ID, "client-1", 8);
	duet_put_tlv(&b, DUET_T_COOKIE, fin, DUET_COOKIE_LEN);
	save(argv[1], "hello-cookie", buf, b.len);

	duet_rec_hdr_encode(buf, DUET_REC_DATA, 1000);
	save(argv[1], "record", buf, DUET_REC_HDR_LEN);
	return 0;
}
