// SPDX-License-Identifier: GPL-2.0
/*
 * mangle PORT TARGET_IP TARGET_PORT MODE [N]: a middlebox. Accepts one TCP
 * connection on PORT, relays it to TARGET, and does MODE to the client's
 * stream, whose records (M1 is record 0, M3 record 1, data from 2) it
 * parses by their headers:
 *   none        relay untouched
 *   flip OFF    flip the low bit of the stream's byte at offset OFF
 *   dup N       send record N twice (a replayed record)
 *   swap N      send record N+1 before record N (reordered)
 *   drop N      never send record N
 *   cut N       send half of record N, then end the stream (truncated)
 *   log         relay untouched; print each record of both streams on
 *               stderr: "c|s INDEX type TYPE len LEN" (LEN: the whole
 *               record, its 4-byte header included), and the size of
 *               each read of the client's stream: "c read N"
 *   rflip OFF   flip the low bit of the server's byte at offset OFF
 *   replay N    relay untouched; when the connection is over, send the
 *               client's records 0..N again on a new connection, as a
 *               middlebox that copied them would, and print on stderr
 *               what came back: "replay: type T [alert A] ..." per record
 * Prints "ready" once listening; gives up after 30 s.
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *mode;
static long arg;
static int up;	/* the socket to the target */

static unsigned char held[70000];	/* a record kept back by swap */
static size_t held_len;
static unsigned char copy[70000];	/* records kept by replay */
static size_t copy_len;

static void out(const unsigned char *p, size_t n)
{
	if (write(up, p, n) != (ssize_t)n)
		exit(0);
}

/* One whole record of the client's stream, number idx. */
static void record(unsigned char *rec, size_t len, long idx)
{
	if (!strcmp(mode, "log"))
		fprintf(stderr, "c %ld type %d len %zu\n", idx, rec[0], len);
	if (!strcmp(mode, "replay") && idx <= arg && copy_len + len <= sizeof(copy)) {
		memcpy(copy + copy_len, rec, len);
		copy_len += len;
	}
	if (!strcmp(mode, "dup") && idx == arg) {
		out(rec, len);
		out(rec, len);
	} else if (!strcmp(mode, "swap") && idx == arg) {
		memcpy(held, rec, len);
		held_len = len;
	} else if (!strcmp(mode, "drop") && idx == arg) {
		return;
	} else if (!strcmp(mode, "cut") && idx == arg) {
		out(rec, len / 2);
		shutdown(up, SHUT_WR);
		mode = "gone";
	} else if (strcmp(mode, "gone")) {
		out(rec, len);
		if (held_len && idx == arg + 1) {
			out(held, held_len);
			held_len = 0;
		}
	}
}

/* Client bytes in; whole records out. */
static void from_client(const unsigned char *p, size_t n)
{
	static unsigned char buf[1 << 20];
	static size_t have, seen;
	static long idx;
	size_t len;

	if (!strcmp(mode, "log"))
		fprintf(stderr, "c read %zu\n", n);
	if (!strcmp(mode, "flip") && arg >= (long)seen && arg < (long)(seen + n)) {
		unsigned char *q = (unsigned char *)p;

		q[arg - seen] ^= 1;
	}
	seen += n;
	if (have + n > sizeof(buf))
		exit(1);
	memcpy(buf + have, p, n);
	have += n;
	while (have >= 4 && have >= (len = 4 + (buf[2] << 8 | buf[3]))) {
		record(buf, len, idx++);
		memmove(buf, buf + len, have - len);
		have -= len;
	}
}

/* Server bytes: logged by record, or one flipped, then passed on. */
static void from_server(int c, unsigned char *p, size_t n)
{
	static unsigned char hdr[4];
	static size_t seen, left, hdr_have;
	static long idx;
	size_t i;

	if (!strcmp(mode, "rflip") && arg >= (long)seen && arg < (long)(seen + n))
		p[arg - seen] ^= 1;
	for (i = 0; !strcmp(mode, "log") && i < n; i++) {
		if (left) {
			left--;
			continue;
		}
		hdr[hdr_have++] = p[i];
		if (hdr_have < 4)
			continue;
		left = (size_t)(hdr[2] << 8 | hdr[3]);
		fprintf(stderr, "s %ld type %d len %zu\n", idx++, hdr[0], left + 4);
		hdr_have = 0;
	}
	seen += n;
	if (write(c, p, n) != (ssize_t)n)
		exit(0);
}

/* The copied records on a connection of their own; what came back. */
static void replay(const struct sockaddr_in *a)
{
	unsigned char buf[70000];
	size_t have = 0, off = 0, len;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ssize_t n;

	if (connect(fd, (const struct sockaddr *)a, sizeof(*a)) ||
	    write(fd, copy, copy_len) != (ssize_t)copy_len) {
		perror("replay");
		return;
	}
	shutdown(fd, SHUT_WR);
	while (have < sizeof(buf) && (n = read(fd, buf + have, sizeof(buf) - have)) > 0)
		have += n;
	fprintf(stderr, "replay:");
	while (have - off >= 4 && have - off >= (len = 4 + (buf[off + 2] << 8 | buf[off + 3]))) {
		fprintf(stderr, " type %d", buf[off]);
		if (buf[off] == 2 && len == 5)
			fprintf(stderr, " alert %d", buf[off + 4]);
		off += len;
	}
	fprintf(stderr, "\n");
	close(fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int one = 1, lfd, c, i;
	unsigned char buf[65536];
	struct pollfd p[2];
	ssize_t n;

	if (argc < 5) {
		fprintf(stderr, "usage: mangle PORT TARGET_IP TARGET_PORT MODE [N]\n");
		return 2;
	}
	mode = argv[4];
	arg = argc > 5 ? atol(argv[5]) : -1;
	alarm(30);	/* never outlive a test */
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons(atoi(argv[1]));
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 1))
		return perror("listen"), 1;
	printf("ready\n");
	fflush(stdout);
	c = accept(lfd, NULL, NULL);
	up = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = htons(atoi(argv[3]));
	inet_pton(AF_INET, argv[2], &a.sin_addr);
	if (c < 0 || connect(up, (struct sockaddr *)&a, sizeof(a)))
		return perror("connect"), 1;
	p[0] = (struct pollfd){ c, POLLIN, 0 };
	p[1] = (struct pollfd){ up, POLLIN, 0 };
	/* Relay until both directions have ended, passing each end on. */
	while ((p[0].fd >= 0 || p[1].fd >= 0) && poll(p, 2, 10000) > 0) {
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n <= 0) {
				shutdown(i ? c : up, SHUT_WR);
				p[i].fd = -1;
			} else if (i == 0) {
				from_client(buf, n);
			} else {
				from_server(c, buf, n);
			}
		}
	}
	if (!strcmp(mode, "replay"))
		replay(&a);
	return 0;
}
