// SPDX-License-Identifier: GPL-2.0
/*
 * refpeer: the PSK handshake and record layer written again in userspace
 * with OpenSSL, from Documentation/protocol.md, to check the kernel
 * against an independent implementation.
 *   refpeer HOST PORT PSK_ID PSK_HEX   handshake as initiator with a duet
 *       listener, send one DATA record ("hello from userspace"), print
 *       the first DATA record that comes back, then send CLOSE
 *   refpeer --vectors                  the key schedule for fixed inputs
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "wire.h"

#define H 32	/* SHA-256: suite PSK-AES128GCM-SHA256 */

struct sched {
	u8 prk[H], th2[H], th3[H], fin_b[H], fin_a[H], master[H];
	u8 c_ts[H], s_ts[H], c_key[16], c_iv[12], s_key[16], s_iv[12];
};

static void die(const char *what)
{
	fprintf(stderr, "refpeer: %s\n", what);
	exit(1);
}

static void hkdf(const char *mode, const u8 *key, size_t klen, const u8 *salt,
		 size_t slen, const u8 *info, size_t ilen, u8 *out, size_t olen)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM p[6], *q = p;

	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "SHA256", 0);
	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, (char *)mode, 0);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, klen);
	if (salt)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, slen);
	if (info)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, ilen);
	*q = OSSL_PARAM_construct_end();
	if (!ctx || EVP_KDF_derive(ctx, out, olen, p) != 1)
		die("HKDF");
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
}

/* Expand-Label: info = be16 len || u8 n || "duet " label || u8 m || ctx */
static void expand_label(const u8 *secret, const char *label, const u8 *ctx,
			 size_t clen, u8 *out, size_t olen)
{
	u8 info[600], *p = info;
	size_t llen = strlen(label);

	*p++ = olen >> 8;
	*p++ = olen;
	*p++ = 5 + llen;
	memcpy(p, "duet ", 5);
	memcpy(p + 5, label, llen);
	p += 5 + llen;
	*p++ = clen;
	memcpy(p, ctx, clen);
	p += clen;
	hkdf("EXPAND_ONLY", secret, H, NULL, 0, info, p - info, out, olen);
}

static void sha256_2(const u8 *a, size_t alen, const u8 *b, size_t blen, u8 *out)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c || !EVP_DigestInit(c, EVP_sha256()) || !EVP_DigestUpdate(c, a, alen) ||
	    !EVP_DigestUpdate(c, b, blen) || !EVP_DigestFinal(c, out, NULL))
		die("SHA-256");
	EVP_MD_CTX_free(c);
}

static void finished(const u8 *prk, const char *label, const u8 *th, u8 *out)
{
	u8 key[H];

	expand_label(prk, label, th, H, key, H);
	if (!HMAC(EVP_sha256(), key, H, th, H, out, NULL))
		die("HMAC");
}

/* The schedule of Documentation/protocol.md; m2 up to fin_off is hashed for B's Finished. */
static void schedule(struct sched *s, const u8 *psk, size_t psk_len,
		     const u8 *na, const u8 *nb, const u8 *m1, size_t m1_len,
		     const u8 *m2, size_t fin_off, size_t m2_len)
{
	u8 salt[64];

	memcpy(salt, na, 32);
	memcpy(salt + 32, nb, 32);
	hkdf("EXTRACT_ONLY", psk, psk_len, salt, 64, NULL, 0, s->prk, H);
	sha256_2(m1, m1_len, m2, fin_off, s->th2);
	finished(s->prk, "fin b", s->th2, s->fin_b);
	sha256_2(m1, m1_len, m2, m2_len, s->th3);
	finished(s->prk, "fin a", s->th3, s->fin_a);
	expand_label(s->prk, "master", s->th3, H, s->master, H);
	expand_label(s->master, "c ap", s->th3, H, s->c_ts, H);
	expand_label(s->master, "s ap", s->th3, H, s->s_ts, H);
	expand_label(s->c_ts, "key", NULL, 0, s->c_key, 16);
	expand_label(s->c_ts, "iv", NULL, 0, s->c_iv, 12);
	expand_label(s->s_ts, "key", NULL, 0, s->s_key, 16);
	expand_label(s->s_ts, "iv", NULL, 0, s->s_iv, 12);
}

/* AES-128-GCM over a record in place: hdr(4) as AAD, nonce = iv ^ seq. */
static int gcm(int enc, const u8 *key, const u8 *iv, u64 seq, u8 *rec, int len)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	u8 nonce[12];
	int n, ok, i;

	memcpy(nonce, iv, 12);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= seq >> (56 - 8 * i);
	ok = EVP_CipherInit_ex(c, EVP_aes_128_gcm(), NULL, key, nonce, enc) &&
	     EVP_CipherUpdate(c, NULL, &n, rec, 4) &&
	     (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, rec + 4 + len)) &&
	     EVP_CipherUpdate(c, rec + 4, &n, rec + 4, len) &&
	     EVP_CipherFinal_ex(c, rec + 4 + n, &n) &&
	     (!enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, rec + 4 + len));
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

static void hex(const char *name, const u8 *p, size_t n)
{
	size_t i;

	printf("%-10s ", name);
	for (i = 0; i < n; i++)
		printf("%02x%s", p[i], (i % 32 == 31 && i + 1 < n) ? "\n           " : "");
	printf("\n");
}

static size_t build_m1(u8 *buf, size_t cap, const u8 *na, u64 ts, const char *id)
{
	struct duet_wbuf b = { .data = buf, .cap = cap };
	u8 suites[2] = { 0x01, 0x01 };

	duet_put_msg_hdr(&b, DUET_MSG_HELLO);
	duet_put_tlv(&b, DUET_T_SUITES, suites, 2);
	duet_put_tlv(&b, DUET_T_NONCE, na, 32);
	duet_put_tlv_be64(&b, DUET_T_TIMESTAMP, ts);
	duet_put_tlv(&b, DUET_T_PSK_ID, id, strlen(id));
	return b.err ? 0 : b.len;
}

static int vectors(void)
{
	u8 psk[32], na[32], nb[32], m1[256], m2[256], rec[64];
	struct duet_wbuf b = { .data = m2, .cap = sizeof(m2) };
	size_t m1_len, fin_off, i;
	struct sched s;

	for (i = 0; i < 32; i++) {
		psk[i] = i;
		na[i] = 0xa0 + (i & 0xf);
		nb[i] = 0xb0 + (i & 0xf);
	}
	m1_len = build_m1(m1, sizeof(m1), na, 1795000000, "client-1");
	duet_put_msg_hdr(&b, DUET_MSG_REPLY);
	duet_put_tlv_be16(&b, DUET_T_SUITE, DUET_SUITE_PSK_AES128GCM_SHA256);
	duet_put_tlv(&b, DUET_T_NONCE, nb, 32);
	fin_off = b.len;
	schedule(&s, psk, 32, na, nb, m1, m1_len, m2, fin_off, fin_off);
	duet_put_tlv(&b, DUET_T_FINISHED, s.fin_b, H);
	schedule(&s, psk, 32, na, nb, m1, m1_len, m2, fin_off, b.len);
	hex("psk", psk, 32);
	hex("M1", m1, m1_len);
	hex("M2", m2, b.len);
	hex("prk", s.prk, H);
	hex("th2", s.th2, H);
	hex("fin_b", s.fin_b, H);
	hex("th3", s.th3, H);
	hex("fin_a", s.fin_a, H);
	hex("master", s.master, H);
	hex("c_ts", s.c_ts, H);
	hex("s_ts", s.s_ts, H);
	hex("c_key", s.c_key, 16);
	hex("c_iv", s.c_iv, 12);
	duet_rec_hdr_encode(rec, DUET_REC_DATA, 5 + 16);
	memcpy(rec + 4, "hello", 5);
	gcm(1, s.c_key, s.c_iv, 0, rec, 5);
	hex("rec0", rec, 4 + 5 + 16);
	return 0;
}

static void rd(int fd, u8 *buf, size_t n)
{
	if (recv(fd, buf, n, MSG_WAITALL) != (ssize_t)n)
		die("short read");
}

static size_t rd_record(int fd, u8 *rec)
{
	u8 type;
	u16 len;

	rd(fd, rec, 4);
	if (duet_rec_hdr_decode(rec, &type, &len))
		die("bad record header");
	rd(fd, rec + 4, len);
	return len;
}

static void send_rec(int fd, u8 type, const u8 *body, size_t len, u8 *key,
		     u8 *iv, u64 seq)
{
	u8 rec[4 + 256 + 16];

	duet_rec_hdr_encode(rec, type, len + (key ? 16 : 0));
	memcpy(rec + 4, body, len);
	if (key && gcm(1, key, iv, seq, rec, len))
		die("seal");
	if (send(fd, rec, 4 + len + (key ? 16 : 0), 0) < 0)
		die("send");
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	u8 psk[64], na[32], m1[256], rec[4 + DUET_MAX_FRAGMENT], m3[64];
	struct duet_wbuf b = { .data = m3, .cap = sizeof(m3) };
	long psk_len;
	size_t m1_len, len;
	struct duet_msg m;
	struct sched s;
	u8 *hexkey;
	int fd;

	if (argc == 2 && !strcmp(argv[1], "--vectors"))
		return vectors();
	if (argc != 5)
		die("usage: refpeer HOST PORT PSK_ID PSK_HEX | --vectors");
	hexkey = OPENSSL_hexstr2buf(argv[4], &psk_len);
	if (!hexkey || psk_len > 64)
		die("bad key");
	memcpy(psk, hexkey, psk_len);
	RAND_bytes(na, 32);
	m1_len = build_m1(m1, sizeof(m1), na, time(NULL), argv[3]);

	fd = socket(AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, argv[1], &a.sin_addr);
	a.sin_port = htons(atoi(argv[2]));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	send_rec(fd, DUET_REC_HANDSHAKE, m1, m1_len, NULL, NULL, 0);
	len = rd_record(fd, rec);
	if (rec[0] != DUET_REC_HANDSHAKE || duet_msg_decode(&m, rec + 4, len) ||
	    m.type != DUET_MSG_REPLY)
		die("no M2");
	schedule(&s, psk, psk_len, na, m.tlv[DUET_T_NONCE].data, m1, m1_len,
		 rec + 4, m.finished_off, len);
	if (CRYPTO_memcmp(s.fin_b, m.tlv[DUET_T_FINISHED].data, H))
		die("the kernel's Finished does not verify");
	duet_put_msg_hdr(&b, DUET_MSG_FINISHED);
	duet_put_tlv(&b, DUET_T_FINISHED, s.fin_a, H);
	send_rec(fd, DUET_REC_HANDSHAKE, m3, b.len, NULL, NULL, 0);
	send_rec(fd, DUET_REC_DATA, (const u8 *)"hello from userspace", 20,
		 s.c_key, s.c_iv, 0);

	len = rd_record(fd, rec);
	if (rec[0] != DUET_REC_DATA || gcm(0, s.s_key, s.s_iv, 0, rec, len - 16))
		die("the kernel's record does not open");
	printf("%.*s\n", (int)(len - 16), rec + 4);
	send_rec(fd, DUET_REC_CLOSE, NULL, 0, s.c_key, s.c_iv, 1);
	close(fd);
	return 0;
}
