// SPDX-License-Identifier: GPL-2.0
/*
 * duet-cat: netcat for AF_DUET.
 *   duet-cat [-4|-6] [-v] [-e] [-p PSK_ID] [-P PEER_ID] [-S SA_ID] [-s SUITES]
 *            [-L ROLE] HOST PORT          connect, relay stdio
 * -e: the first read of standard input goes as early data (sendto with
 * MSG_FASTOPEN): with M1 when a resumption ticket allows it.
 *   duet-cat -l [-4|-6] [-v] [-k] [-s SUITES] [-L ROLE] [ADDR] PORT
 *                                         serve one connection (-k: one
 *                                         after another, reading only)
 * PEER_ID: the responder's ID (64 hex digits) to expect (certificate mode);
 * SA_ID: a security association a key broker distributed (32 hex digits):
 * connect confirms it, with no public-key work (duet-broker(8));
 * -L party|broker: once established, the session becomes a link key
 * with the peer (DUET_LINK: the peer is our broker, or our party);
 * SUITES: suite numbers, in hex, comma-separated (0201,0202), to offer or
 * accept.
 * The listener reports each failed handshake on stderr and keeps waiting
 * for a good one. Standard input's end shuts our side down (a CLOSE
 * record); the program ends when both sides have ended.
 */

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "duet.h"

#define DUET_MAX_SUITES_OPT 16

struct opts {
	int listen, verbose, family, early, keep, link;
	const char *psk_id, *peer_id, *sa_id, *suites, *host, *port;
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "duet-cat: %s: %s (%s)\n", what, strerror(err),
		strerrorname_np(err) ?: "?");
	return 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: duet-cat [-4|-6] [-v] [-e] [-p PSK_ID] [-P PEER_ID] [-S SA_ID] "
			"[-s SUITES] [-L party|broker] HOST PORT\n"
			"       duet-cat -l [-4|-6] [-v] [-k] [-s SUITES] [-L party|broker] "
			"[ADDR] PORT\n");
	exit(2);
}

static struct addrinfo *resolve(const struct opts *o)
{
	struct addrinfo hints = { .ai_family = o->family, .ai_socktype = SOCK_STREAM,
				  .ai_flags = o->listen ? AI_PASSIVE : 0 }, *ai;
	int err = getaddrinfo(o->host, o->port, &hints, &ai);

	if (err) {
		fprintf(stderr, "duet-cat: %s: %s\n", o->host ? o->host : o->port,
			gai_strerror(err));
		exit(1);
	}
	return ai;
}

static void show_info(int fd)
{
	struct duet_info info;
	socklen_t len = sizeof(info);

	int i;

	if (getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len))
		return;
	if (info.auth == DUET_AUTH_PSK) {
		fprintf(stderr, "duet-cat: established, suite 0x%04x, psk '%.*s'\n",
			info.suite, info.psk_id_len, info.psk_id);
		return;
	}
	fprintf(stderr, "duet-cat: established, suite 0x%04x, peer ", info.suite);
	for (i = 0; i < 32; i++)
		fprintf(stderr, "%02x", info.peer_id[i]);
	fprintf(stderr, ", %s%s\n", info.auth == DUET_AUTH_BROKER ? "broker" :
		info.resumed ? "resumed" : "full",
		info.early == DUET_EARLY_ACCEPTED ? ", early data accepted" :
		info.early == DUET_EARLY_RESENT ? ", early data sent again" : "");
}

/* -s 0201,0202, -P HEX and -S HEX into socket options. */
static int set_opts(const struct opts *o, int fd)
{
	uint16_t suites[DUET_MAX_SUITES_OPT];
	unsigned char id[32], sa[DUET_SA_ID_LEN];
	const char *p = o->suites;
	unsigned int n = 0;
	char *end;

	while (p && *p && n < DUET_MAX_SUITES_OPT) {
		suites[n++] = strtoul(p, &end, 16);
		p = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return fail("suites", EINVAL);
	}
	if (n && setsockopt(fd, SOL_DUET, DUET_SUITES, suites, n * sizeof(suites[0])))
		return fail("suites", errno);
	if (o->peer_id) {
		if (duet_hex_parse(o->peer_id, id, sizeof(id)))
			return fail("peer id (64 hex digits)", EINVAL);
		if (setsockopt(fd, SOL_DUET, DUET_PEER_ID, id, sizeof(id)))
			return fail("peer id", errno);
	}
	if (o->sa_id) {
		if (duet_hex_parse(o->sa_id, sa, sizeof(sa)))
			return fail("SA id (32 hex digits)", EINVAL);
		if (setsockopt(fd, SOL_DUET, DUET_SA_ID, sa, sizeof(sa)))
			return fail("SA id", errno);
	}
	return 0;
}

/* Established: say so (-v), make the link key (-L). */
static int established(const struct opts *o, int fd)
{
	if (o->verbose)
		show_info(fd);
	if (o->link && setsockopt(fd, SOL_DUET, DUET_LINK, &o->link, sizeof(o->link)))
		return fail("link key", errno);
	return 0;
}

static int write_all(int fd, const char *buf, ssize_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		n -= w;
	}
	return 0;
}

/* Relay both ways until both have ended: our stdin's EOF and the peer's. */
static int relay(int fd, int in_open)
{
	struct pollfd p[2] = { { in_open ? STDIN_FILENO : -1, POLLIN, 0 },
			       { fd, POLLIN, 0 } };
	static char buf[65536];
	ssize_t n;
	int err;

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return fail("poll", errno);
		}
		if (p[1].revents) {
			n = read(fd, buf, sizeof(buf));
			if (n < 0)
				return fail("recv", errno);
			if (n == 0)
				p[1].fd = -1;	/* poll ignores it from now on */
			err = n > 0 ? write_all(STDOUT_FILENO, buf, n) : 0;
			if (err)
				return fail("stdout", -err);
		}
		if (p[0].revents) {
			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n < 0)
				return fail("stdin", errno);
			if (n == 0) {
				p[0].fd = -1;
				if (shutdown(fd, SHUT_WR))
					return fail("shutdown", errno);
				continue;
			}
			err = write_all(fd, buf, n);
			if (err)
				return fail("send", -err);
		}
	}
	return 0;
}

static int serve(const struct opts *o, int af, struct addrinfo *ai)
{
	int one = 1, lfd, fd;

	lfd = socket(af, SOCK_STREAM, 0);
	if (lfd < 0)
		return fail("socket", errno);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(lfd, SOL_DUET, DUET_ACCEPT_FAILURES, &one, sizeof(one));
	if (set_opts(o, lfd))
		return 1;
	if (bind(lfd, ai->ai_addr, ai->ai_addrlen))
		return fail("bind", errno);
	if (listen(lfd, 16))
		return fail("listen", errno);
	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd >= 0 && o->keep) {
			if (o->verbose)
				show_info(fd);
			relay(fd, 0);
			close(fd);
			continue;
		}
		if (fd >= 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno == EMFILE || errno == ENFILE || errno == ENOMEM ||
		    errno == EINVAL || errno == EBADF)
			return fail("accept", errno);
		fail("handshake failed", errno);	/* keep waiting */
	}
	close(lfd);
	if (established(o, fd))
		return 1;
	return relay(fd, 1);
}

/* The first read of stdin rides M1 (if a ticket allows), then relay. */
static int dial_early(int fd, const struct opts *o, struct addrinfo *ai)
{
	static char buf[DUET_MAX_EARLY_DATA];
	ssize_t n, sent;
	int err;

	n = read(STDIN_FILENO, buf, sizeof(buf));
	if (n < 0)
		return fail("stdin", errno);
	sent = sendto(fd, buf, n, MSG_FASTOPEN, ai->ai_addr, ai->ai_addrlen);
	if (sent < 0)
		return fail("connect", errno);
	err = write_all(fd, buf + sent, n - sent);
	if (err)
		return fail("send", -err);
	if (o->verbose)
		show_info(fd);
	if (n == 0 && shutdown(fd, SHUT_WR))
		return fail("shutdown", errno);
	return relay(fd, n > 0);
}

static int dial(const struct opts *o, int af, struct addrinfo *ai)
{
	int fd = socket(af, SOCK_STREAM, 0);

	if (fd < 0)
		return fail("socket", errno);
	if (o->psk_id && setsockopt(fd, SOL_DUET, DUET_PSK_ID, o->psk_id,
				    strlen(o->psk_id)))
		return fail("psk", errno);
	if (set_opts(o, fd))
		return 1;
	if (o->early)
		return dial_early(fd, o, ai);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen))
		return fail("connect", errno);
	if (established(o, fd))
		return 1;
	return relay(fd, 1);
}

int main(int argc, char **argv)
{
	struct opts o = { .family = AF_UNSPEC };
	struct addrinfo *ai;
	int c, af, ret;

	while ((c = getopt(argc, argv, "46lvekp:P:S:s:L:")) != -1) {
		switch (c) {
		case '4': o.family = AF_INET; break;
		case '6': o.family = AF_INET6; break;
		case 'l': o.listen = 1; break;
		case 'v': o.verbose = 1; break;
		case 'e': o.early = 1; break;
		case 'k': o.keep = 1; break;
		case 'p': o.psk_id = optarg; break;
		case 'P': o.peer_id = optarg; break;
		case 'S': o.sa_id = optarg; break;
		case 'L':
			o.link = !strcmp(optarg, "party") ? DUET_LINK_PARTY :
				 !strcmp(optarg, "broker") ? DUET_LINK_BROKER : 0;
			if (!o.link)
				usage();
			break;
		case 's': o.suites = optarg; break;
		default: usage();
		}
	}
	if (argc - optind == 2) {
		o.host = argv[optind];
		o.port = argv[optind + 1];
	} else if (argc - optind == 1 && o.listen) {
		o.port = argv[optind];
	} else {
		usage();
	}
	af = duet_family();
	if (af < 0)
		return fail("AF_DUET (is the duet module loaded?)", -af);
	ai = resolve(&o);
	ret = o.listen ? serve(&o, af, ai) : dial(&o, af, ai);
	freeaddrinfo(ai);
	return ret;
}
