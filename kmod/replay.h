/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_REPLAY_H
#define _DUET_REPLAY_H

#include <linux/types.h>
#include <net/net_namespace.h>

/*
 * M1 nonces seen inside the timestamp window, per namespace, so a copied
 * M1 is refused. Bounded: when full of unexpired entries, new M1s are
 * refused too (fail closed) and counted as stale.
 */
#define DUET_REPLAY_MAX 16384

/* 0 if the nonce is new (and now remembered), -ESTALE if seen or full. */
int duet_replay_check(struct net *net, const u8 *nonce, time64_t now);
void duet_replay_flush(struct net *net);

#endif /* _DUET_REPLAY_H */
