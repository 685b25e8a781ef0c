// SPDX-License-Identifier: GPL-2.0
/* duet-broker's framing over AF_DUET (proto.h). */

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "proto.h"

static int io_all(int fd, void *buf, size_t n, int out)
{
	uint8_t *p = buf;
	ssize_t r;

	while (n) {
		r = out ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, MSG_WAITALL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EPIPE;
		p += r;
		n -= r;
	}
	return 0;
}

int bk_send(int fd, uint8_t type, const void *body, size_t len)
{
	uint8_t buf[BK_HDR_LEN + BK_MAX_BODY];

	if (len > BK_MAX_BODY)
		return -EMSGSIZE;
	buf[0] = type;
	buf[1] = 0;
	buf[2] = len >> 8;
	buf[3] = len;
	memcpy(buf + BK_HDR_LEN, body, len);
	return io_all(fd, buf, BK_HDR_LEN + len, 1);	/* one record */
}

int bk_recv(int fd, struct bk_msg *m)
{
	uint8_t hdr[BK_HDR_LEN];
	int err;

	err = io_all(fd, hdr, sizeof(hdr), 0);
	if (err)
		return err;
	m->type = hdr[0];
	m->len = (hdr[2] << 8) | hdr[3];
	if (!m->type || m->type >= __BK_MAX || hdr[1] || m->len > BK_MAX_BODY)
		return -EPROTO;
	return io_all(fd, m->body, m->len, 0);
}

void bk_put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

void bk_put64(uint8_t *p, uint64_t v)
{
	bk_put32(p, v >> 32);
	bk_put32(p + 4, v);
}

uint32_t bk_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

uint64_t bk_get64(const uint8_t *p)
{
	return (uint64_t)bk_get32(p) << 32 | bk_get32(p + 4);
}

int bk_peer_id(int fd, uint8_t id[DUET_ID_LEN])
{
	socklen_t len = DUET_ID_LEN;

	return getsockopt(fd, SOL_DUET, DUET_PEER_ID, id, &len) ? -errno : 0;
}
