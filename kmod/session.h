/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Established sessions of a namespace, so an operator can list them and a
 * revocation can find the ones that rest on a certificate.
 */
#ifndef _DUET_SESSION_H
#define _DUET_SESSION_H

#include <net/genetlink.h>

struct duet_sock;

void duet_session_add(struct duet_sock *dsk);
void duet_session_del(struct duet_sock *dsk);
/* Closes (asynchronously) every session whose peer is id; how many. */
int duet_sessions_revoke(struct net *net, const u8 *id);
/* In the socket's work: the revocation itself. */
void duet_session_close_revoked(struct duet_sock *dsk);
int duet_sessions_dump(struct sk_buff *skb, struct netlink_callback *cb);

void duet_session_net_init(struct net *net);

#endif /* _DUET_SESSION_H */
