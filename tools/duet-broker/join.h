/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUET_BROKER_JOIN_H
#define DUET_BROKER_JOIN_H

#include <stdint.h>
#include <linux/duet.h>

struct duet_link_info;
struct duet_nl;

struct bk_join {
	struct duet_nl *nl;
	const char *host, *port;
	int flags;		/* BK_HELLO_BROKER */
	int new_chain;		/* a full handshake and a new chain, whatever we hold */
	int made;		/* out: a new chain was made */
};

/* Connected and linked to the broker: the socket, its ID in broker. */
int bk_join(struct bk_join *j, uint8_t broker[DUET_ID_LEN]);
/* Our link key with peer in role (enum duet_link_role): 1 and *l, or 0. */
int bk_link_get(struct duet_nl *nl, const uint8_t *peer, uint32_t role,
		struct duet_link_info *l);

#endif /* DUET_BROKER_JOIN_H */
