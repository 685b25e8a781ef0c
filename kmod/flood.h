/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_FLOOD_H
#define _DUET_FLOOD_H

#include "sock.h"
#include "wire.h"

struct duet_msg;

/* What duet_flood_check() wants done with an M1 that passed it. */
#define DUET_FLOOD_COOKIE 1		/* answer with a COOKIE message */

void duet_flood_net_init(struct net *net);
void duet_flood_net_exit(struct net *net);

/* Responder handshakes past M1 in progress: the load. */
void duet_flood_hs_begin(struct duet_sock *dsk);
void duet_flood_hs_end(struct duet_sock *dsk);

int duet_flood_check(struct duet_sock *dsk, const struct duet_msg *m);
void duet_flood_put_cookie(struct duet_sock *dsk, struct duet_wbuf *msg);
int duet_flood_client_cookie(struct duet_sock *dsk, const struct duet_msg *m);

#endif /* _DUET_FLOOD_H */
