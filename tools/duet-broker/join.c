// SPDX-License-Identifier: GPL-2.0
/*
 * A party joins its broker (join.h): one AF_DUET connection, and a link
 * key both kernels agree on. An existing chain goes on over a resumed
 * session; a broker that has no such link (it restarted, or the chain is
 * due for a refresh) gets a full handshake and a new chain.
 */

#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "duet.h"
#include "duet_nl.h"
#include "join.h"
#include "proto.h"

struct find {
	const uint8_t *peer;
	uint32_t role;
	struct duet_link_info found;
	int ok;
};

static int find_link(const struct duet_link_info *l, void *arg)
{
	struct find *f = arg;

	if (l->role == f->role && !memcmp(l->peer, f->peer, DUET_ID_LEN)) {
		f->found = *l;
		f->ok = 1;
	}
	return 0;
}

int bk_link_get(struct duet_nl *nl, const uint8_t *peer, uint32_t role,
		struct duet_link_info *l)
{
	struct find f = { .peer = peer, .role = role };

	if (duet_links_list(nl, find_link, &f))
		f.ok = 0;
	if (f.ok)
		*l = f.found;
	return f.ok;
}

static int dial(const char *host, const char *port, int full)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
	int fd, zero = 0, err;

	err = getaddrinfo(host, port, &hints, &ai);
	if (err)
		return -EHOSTUNREACH;
	fd = socket(duet_family(), SOCK_STREAM, 0);
	if (fd < 0) {
		err = -errno;
	} else if ((full && setsockopt(fd, SOL_DUET, DUET_RESUME, &zero, sizeof(zero))) ||
		   connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		err = -errno;
		close(fd);
	}
	freeaddrinfo(ai);
	return err ? err : fd;
}

static int was_resumed(int fd)
{
	struct duet_info info;
	socklen_t len = sizeof(info);

	return getsockopt(fd, SOL_DUET, DUET_INFO, &info, &len) || info.resumed;
}

/* HELLO, then the broker's word: 0 welcome, 1 reauth, < 0 failed. */
static int hello(int fd, int flags, const struct duet_link_info *l)
{
	uint8_t b[1 + 8 + 4] = { flags };
	struct bk_msg m;
	int err;

	if (l) {
		memcpy(b + 1, l->chain, 8);
		bk_put32(b + 9, l->gen);
	}
	err = bk_send(fd, BK_HELLO, b, sizeof(b)) ?: bk_recv(fd, &m);
	if (err)
		return err;
	if (m.type == BK_REAUTH)
		return 1;
	return m.type == BK_WELCOME ? 0 : -EPROTO;
}

int bk_join(struct bk_join *j, uint8_t broker[DUET_ID_LEN])
{
	int fd, role = DUET_LINK_PARTY, full = j->new_chain, err;
	struct duet_link_info l;

	j->made = 0;
	for (;;) {
		fd = dial(j->host, j->port, full);
		if (fd < 0)
			return fd;
		err = bk_peer_id(fd, broker);
		if (err)
			goto err_close;
		if (!full && bk_link_get(j->nl, broker, DUET_LINK_PARTY, &l)) {
			err = hello(fd, j->flags, &l);
			if (err <= 0)
				return err ? err : fd;
			close(fd);		/* the broker lost the chain */
			full = 1;
			continue;
		}
		if (!was_resumed(fd))
			break;
		close(fd);
		full = 1;
	}
	if (setsockopt(fd, SOL_DUET, DUET_LINK, &role, sizeof(role))) {
		err = -errno;
		goto err_close;
	}
	err = hello(fd, j->flags | BK_HELLO_NEW_LINK, NULL);
	if (!err) {
		j->made = 1;
		return fd;
	}
	if (err > 0)
		err = -EPROTO;
err_close:
	close(fd);
	return err;
}
