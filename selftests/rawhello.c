// SPDX-License-Identifier: GPL-2.0
/*
 * rawhello HOST PORT PSK_ID [-t SECONDS] [-n COUNT] [-C COOKIE_HEX]: a
 * hand-made initiator. Builds one M1 with the real encoder (kmod/wire.c),
 * its timestamp off by SECONDS, with COOKIE when given, and sends that same
 * M1 on COUNT plain TCP connections. Prints what came back on each:
 * "reply", "cookie", "alert N" or "closed".
 * PSK_ID "id:HEX" makes a certificate-mode M1 instead: identity HEX, suite
 * ECDHE-ECDH-P256-AES128GCM-SHA256, and a key share that is no point of
 * the curve (04 01 01 ... 01).
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "wire.h"

static size_t hello(u8 *rec, size_t cap, const char *id, long skew,
		    const u8 *cookie)
{
	struct duet_wbuf b = { .data = rec + DUET_REC_HDR_LEN,
			       .cap = cap - DUET_REC_HDR_LEN };
	u8 nonce[DUET_NONCE_LEN], suites[2];
	unsigned int i;

	srandom(time(NULL) ^ getpid());
	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = random();
	put_unaligned_be16(strncmp(id, "id:", 3) ? DUET_SUITE_PSK_AES128GCM_SHA256 :
			   DUET_SUITE_ECDHE_ECDH_P256_AES128GCM_SHA256, suites);
	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suites, sizeof(suites));
	duet_put_tlv(&b, DUET_T_NONCE, nonce, sizeof(nonce));
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, time(NULL) + skew);
	if (strncmp(id, "id:", 3)) {
		duet_put_tlv(&b, DUET_T_PSK_ID, id, strlen(id));
	} else {
		u8 ident[DUET_ID_LEN], point[DUET_POINT_LEN];
		unsigned int v;

		for (i = 0; i < DUET_ID_LEN; i++)
			ident[i] = sscanf(id + 3 + 2 * i, "%2x", &v) == 1 ? v : 0;
		memset(point, 1, sizeof(point));
		point[0] = 0x04;
		duet_put_tlv(&b, DUET_T_IDENTITY, ident, sizeof(ident));
		duet_put_tlv(&b, DUET_T_KEY_SHARE, point, sizeof(point));
	}
	if (cookie)
		duet_put_tlv(&b, DUET_T_COOKIE, cookie, DUET_COOKIE_LEN);
	if (b.err)
		exit(1);
	duet_rec_hdr_encode(rec, DUET_REC_HANDSHAKE, b.len);
	return DUET_REC_HDR_LEN + b.len;
}

static void attempt(const struct sockaddr_in *a, const u8 *m1, size_t len)
{
	struct timeval tv = { 5, 0 };
	u8 hdr[DUET_REC_HDR_LEN], body[8];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (const struct sockaddr *)a, sizeof(*a)) ||
	    write(fd, m1, len) != (ssize_t)len) {
		perror("rawhello");
		exit(1);
	}
	if (recv(fd, hdr, sizeof(hdr), MSG_WAITALL) != sizeof(hdr))
		printf("closed\n");
	else if (hdr[0] == DUET_REC_HANDSHAKE && recv(fd, body, 1, 0) == 1)
		printf("%s\n", body[0] == DUET_MSG_COOKIE ? "cookie" : "reply");
	else if (hdr[0] == DUET_REC_ALERT && recv(fd, body, 1, 0) == 1)
		printf("alert %u\n", body[0]);
	else
		printf("record %u\n", hdr[0]);
	close(fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	long skew = 0, count = 1, i;
	u8 m1[512], cookie[DUET_COOKIE_LEN];
	bool with_cookie = false;
	unsigned int v;
	size_t len;
	int c;

	while ((c = getopt(argc, argv, "t:n:C:")) != -1) {
		if (c == 't') {
			skew = atol(optarg);
		} else if (c == 'n') {
			count = atol(optarg);
		} else if (c == 'C' && strlen(optarg) == 2 * DUET_COOKIE_LEN) {
			for (i = 0; i < DUET_COOKIE_LEN; i++)
				cookie[i] = sscanf(optarg + 2 * i, "%2x", &v) == 1 ? v : 0;
			with_cookie = true;
		} else {
			return 2;
		}
	}
	if (argc - optind != 3) {
		fprintf(stderr, "usage: rawhello HOST PORT PSK_ID [-t SECONDS] [-n COUNT] "
			"[-C COOKIE_HEX]\n");
		return 2;
	}
	inet_pton(AF_INET, argv[optind], &a.sin_addr);
	a.sin_port = htons(atoi(argv[optind + 1]));
	len = hello(m1, sizeof(m1), argv[optind + 2], skew, with_cookie ? cookie : NULL);
	for (i = 0; i < count; i++) {
		attempt(&a, m1, len);
		fflush(stdout);
	}
	return 0;
}
