/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_PSK_H
#define _DUET_PSK_H

#include <linux/types.h>
#include <net/net_namespace.h>
#include <uapi/linux/duet.h>

#define DUET_MAX_PSKS 1024

struct duet_psk {
	struct list_head list;
	struct rcu_head rcu;
	u8 id_len;
	u8 key_len;
	u8 id[DUET_MAX_PSK_ID_LEN];
	u8 key[DUET_MAX_PSK_LEN];
};

int duet_psk_add(struct net *net, const u8 *id, unsigned int id_len,
		 const u8 *key, unsigned int key_len);
int duet_psk_del(struct net *net, const u8 *id, unsigned int id_len);
void duet_psk_flush(struct net *net);

/*
 * Copy the key named id (or, when id_len is 0, the namespace's only key)
 * into out, its id into out_id when given. Returns the key length or
 * -ENOKEY.
 */
int duet_psk_get(struct net *net, const u8 *id, unsigned int id_len,
		 u8 *out, u8 *out_id, u8 *out_id_len);

#endif /* _DUET_PSK_H */
