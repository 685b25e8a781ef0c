// SPDX-License-Identifier: GPL-2.0
/*
 * Pre-shared keys of a network namespace. Few and rarely changed: a list
 * under a mutex for writers, RCU for handshakes that copy a key out.
 * Keys are zeroed when freed.
 */

#include <linux/slab.h>
#include <linux/string.h>

#include "netns.h"
#include "psk.h"

static struct duet_psk *duet_psk_find(struct duet_net *dn, const u8 *id,
				      unsigned int id_len)
{
	struct duet_psk *psk;

	list_for_each_entry_rcu(psk, &dn->psks, list,
				lockdep_is_held(&dn->psk_lock))
		if (psk->id_len == id_len && !memcmp(psk->id, id, id_len))
			return psk;
	return NULL;
}

int duet_psk_add(struct net *net, const u8 *id, unsigned int id_len,
		 const u8 *key, unsigned int key_len)
{
	struct duet_net *dn = duet_net(net);
	struct duet_psk *psk;
	int err = 0;

	if (!id_len || id_len > DUET_MAX_PSK_ID_LEN ||
	    key_len < DUET_MIN_PSK_LEN || key_len > DUET_MAX_PSK_LEN)
		return -EINVAL;
	psk = kzalloc(sizeof(*psk), GFP_KERNEL);
	if (!psk)
		return -ENOMEM;
	psk->id_len = id_len;
	psk->key_len = key_len;
	memcpy(psk->id, id, id_len);
	memcpy(psk->key, key, key_len);

	mutex_lock(&dn->psk_lock);
	if (duet_psk_find(dn, id, id_len))
		err = -EEXIST;
	else if (dn->n_psks >= DUET_MAX_PSKS)
		err = -ENOSPC;
	if (!err) {
		list_add_tail_rcu(&psk->list, &dn->psks);
		dn->n_psks++;
	}
	mutex_unlock(&dn->psk_lock);
	if (err)
		kfree_sensitive(psk);
	return err;
}

static void duet_psk_free_rcu(struct rcu_head *rcu)
{
	kfree_sensitive(container_of(rcu, struct duet_psk, rcu));
}

static void duet_psk_unlink(struct duet_net *dn, struct duet_psk *psk)
{
	list_del_rcu(&psk->list);
	dn->n_psks--;
	call_rcu(&psk->rcu, duet_psk_free_rcu);
}

int duet_psk_del(struct net *net, const u8 *id, unsigned int id_len)
{
	struct duet_net *dn = duet_net(net);
	struct duet_psk *psk;

	mutex_lock(&dn->psk_lock);
	psk = duet_psk_find(dn, id, id_len);
	if (psk)
		duet_psk_unlink(dn, psk);
	mutex_unlock(&dn->psk_lock);
	return psk ? 0 : -ENOENT;
}

void duet_psk_flush(struct net *net)
{
	struct duet_net *dn = duet_net(net);
	struct duet_psk *psk, *tmp;

	mutex_lock(&dn->psk_lock);
	list_for_each_entry_safe(psk, tmp, &dn->psks, list)
		duet_psk_unlink(dn, psk);
	mutex_unlock(&dn->psk_lock);
}

int duet_psk_get(struct net *net, const u8 *id, unsigned int id_len,
		 u8 *out, u8 *out_id, u8 *out_id_len)
{
	struct duet_net *dn = duet_net(net);
	struct duet_psk *psk = NULL;
	int len = -ENOKEY;

	rcu_read_lock();
	if (id_len) {
		psk = duet_psk_find(dn, id, id_len);
	} else {
		psk = list_first_or_null_rcu(&dn->psks, struct duet_psk, list);
		if (psk && !list_is_singular(&dn->psks))
			psk = NULL;	/* several keys: the caller must name one */
	}
	if (psk) {
		memcpy(out, psk->key, psk->key_len);
		if (out_id) {
			memcpy(out_id, psk->id, psk->id_len);
			*out_id_len = psk->id_len;
		}
		len = psk->key_len;
	}
	rcu_read_unlock();
	return len;
}
