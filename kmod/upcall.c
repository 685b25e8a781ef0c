// SPDX-License-Identifier: GPL-2.0
/*
 * Upcalls: the kernel's requests to the namespace's helper.
 *
 * An upcall in flight sits on its namespace's list, which holds a
 * reference. Whoever takes it off the list under up_lock (the helper's
 * answer, the timer, the helper's socket closing, a waiter giving up)
 * completes it, and is the only one to: that removal is the exactly-once
 * token. The list's reference is dropped before complete(), so the waiter,
 * who holds its own, is always the last to put.
 */

#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>

#include "netlink.h"
#include "netns.h"
#include "upcall.h"

static unsigned int duet_upcall_timeout_ms = 5000;
module_param_named(upcall_timeout_ms, duet_upcall_timeout_ms, uint, 0644);
MODULE_PARM_DESC(upcall_timeout_ms, "milliseconds the helper has to answer");

static bool duet_upcall_take(struct duet_net *dn, struct duet_upcall *up);
static void duet_upcall_finish(struct duet_upcall *up, int err,
			       struct sk_buff *reply, struct nlattr **attrs);

static void duet_upcall_timeout(struct timer_list *t)
{
	struct duet_upcall *up = from_timer(up, t, timer);

	if (duet_upcall_take(duet_net(up->net), up))
		duet_upcall_finish(up, -ETIMEDOUT, NULL, NULL);
}

struct duet_upcall *duet_upcall_new(struct net *net, u32 op)
{
	struct duet_upcall *up = kzalloc(sizeof(*up), GFP_KERNEL);

	if (!up)
		return NULL;
	INIT_LIST_HEAD(&up->node);
	refcount_set(&up->ref, 1);
	up->net = net;
	up->op = op;
	init_completion(&up->completion);
	timer_setup(&up->timer, duet_upcall_timeout, 0);
	return up;
}

void duet_upcall_put(struct duet_upcall *up)
{
	if (!up || !refcount_dec_and_test(&up->ref))
		return;
	del_timer_sync(&up->timer);
	kfree(up->attrs);
	kfree_skb(up->reply);
	kfree(up);
}

/* Take up off its list; true if we did (and so must complete it). */
static bool duet_upcall_take(struct duet_net *dn, struct duet_upcall *up)
{
	bool taken;

	spin_lock_bh(&dn->up_lock);
	taken = !list_empty(&up->node);
	if (taken) {
		list_del_init(&up->node);
		dn->n_upcalls--;
	}
	spin_unlock_bh(&dn->up_lock);
	return taken;
}

/* Completes an upcall taken off the list; up may be freed on return. */
static void duet_upcall_finish(struct duet_upcall *up, int err,
			       struct sk_buff *reply, struct nlattr **attrs)
{
	if (err)
		duet_stat_inc(up->net, DUET_STAT_UPCALLS_FAILED);
	up->err = err;
	up->reply = reply;
	up->attrs = attrs;
	smp_store_release(&up->answered, true);
	if (up->done)
		up->done(up->ctx);
	refcount_dec(&up->ref);	/* the list's: never the last, the waiter has one */
	complete(&up->completion);
}

bool duet_upcall_ready(struct duet_upcall *up)
{
	if (!smp_load_acquire(&up->answered))
		return false;
	/*
	 * done() ran before complete(): it may have run our owner already,
	 * and complete() still touches up. Wait for it before anyone puts.
	 */
	wait_for_completion(&up->completion);
	return true;
}

void duet_upcall_cancel(struct duet_upcall *up)
{
	if (duet_upcall_take(duet_net(up->net), up))
		refcount_dec(&up->ref);	/* the list's */
	else
		wait_for_completion(&up->completion);
}

int duet_upcall_send(struct duet_upcall *up, duet_upcall_fill_t fill, void *arg)
{
	struct duet_net *dn = duet_net(up->net);
	struct sk_buff *msg;
	u32 portid = 0;
	int err = 0;

	msg = genlmsg_new(up->msg_size ?: 1024, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	spin_lock_bh(&dn->up_lock);
	if (!dn->helper_portid) {
		err = -ENOKEY;
	} else if (dn->n_upcalls >= DUET_UPCALL_MAX) {
		err = -EBUSY;
		duet_stat_inc(up->net, DUET_STAT_UPCALLS_REFUSED);
	} else {
		portid = dn->helper_portid;
		up->id = ++dn->up_next_id;
		list_add_tail(&up->node, &dn->upcalls);
		dn->n_upcalls++;
		refcount_inc(&up->ref);
		mod_timer(&up->timer, jiffies + msecs_to_jiffies(max(READ_ONCE(duet_upcall_timeout_ms), 1U)));
	}
	spin_unlock_bh(&dn->up_lock);
	if (err) {
		nlmsg_free(msg);
		duet_stat_inc(up->net, DUET_STAT_UPCALLS_FAILED);
		return err;
	}

	duet_stat_inc(up->net, DUET_STAT_UPCALLS);
	err = duet_upcall_fill_header(msg, up->id, up->op) ?: (fill ? fill(msg, arg) : 0);
	if (err) {
		nlmsg_free(msg);
		goto err_abort;
	}
	nlmsg_end(msg, nlmsg_hdr(msg));
	err = genlmsg_unicast(up->net, msg, portid);	/* consumes msg */
	if (err)
		goto err_abort;
	return 0;

err_abort:
	if (duet_upcall_take(dn, up))
		duet_upcall_finish(up, err, NULL, NULL);
	return 0;	/* the waiter reads the error */
}

int duet_upcall_wait(struct duet_upcall *up)
{
	if (wait_for_completion_killable(&up->completion)) {
		if (duet_upcall_take(duet_net(up->net), up)) {
			refcount_dec(&up->ref);	/* the list's */
			return -EINTR;
		}
		/* Someone took it and is completing it right now. */
		wait_for_completion(&up->completion);
	}
	return up->err;
}

int duet_upcall_register(struct net *net, u32 portid)
{
	struct duet_net *dn = duet_net(net);
	int err = 0;

	spin_lock_bh(&dn->up_lock);
	if (dn->helper_portid && dn->helper_portid != portid)
		err = -EBUSY;
	else
		dn->helper_portid = portid;
	spin_unlock_bh(&dn->up_lock);
	return err;
}

int duet_upcall_answer(struct net *net, struct sk_buff *skb,
		       struct genl_info *info)
{
	struct duet_net *dn = duet_net(net);
	struct duet_upcall *up = NULL, *pos;
	struct nlattr **attrs;
	u64 id;

	if (!info->attrs[DUET_ATTR_UPCALL_ID] || !info->attrs[DUET_ATTR_UPCALL_ERROR])
		return -EINVAL;
	id = nla_get_u64(info->attrs[DUET_ATTR_UPCALL_ID]);
	attrs = kmemdup(info->attrs, sizeof(*attrs) * (DUET_ATTR_MAX + 1), GFP_KERNEL);
	if (!attrs)
		return -ENOMEM;

	spin_lock_bh(&dn->up_lock);
	if (info->snd_portid == dn->helper_portid) {
		list_for_each_entry(pos, &dn->upcalls, node) {
			if (pos->id == id) {
				up = pos;
				list_del_init(&up->node);
				dn->n_upcalls--;
				break;
			}
		}
	}
	spin_unlock_bh(&dn->up_lock);
	if (!up) {
		kfree(attrs);
		return -ENOENT;	/* timed out already, or not the helper's */
	}
	/* attrs point into skb: keep it for the waiter. */
	duet_upcall_finish(up, -(int)nla_get_u32(info->attrs[DUET_ATTR_UPCALL_ERROR]),
			   skb_get(skb), attrs);
	return 0;
}

/* The helper's socket is gone: so is the helper, and its upcalls fail now. */
static void duet_upcall_helper_gone(struct net *net, u32 portid)
{
	struct duet_net *dn = duet_net(net);
	struct duet_upcall *up, *tmp;
	LIST_HEAD(lost);

	spin_lock_bh(&dn->up_lock);
	if (dn->helper_portid != portid) {
		spin_unlock_bh(&dn->up_lock);
		return;
	}
	dn->helper_portid = 0;
	list_splice_init(&dn->upcalls, &lost);
	dn->n_upcalls = 0;
	spin_unlock_bh(&dn->up_lock);

	list_for_each_entry_safe(up, tmp, &lost, node) {
		list_del_init(&up->node);
		duet_upcall_finish(up, -ETIMEDOUT, NULL, NULL);
	}
}

static int duet_netlink_notify(struct notifier_block *nb, unsigned long state,
			       void *ptr)
{
	struct netlink_notify *n = ptr;

	if (state == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    n->portid)
		duet_upcall_helper_gone(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block duet_netlink_notifier = {
	.notifier_call = duet_netlink_notify,
};

void duet_upcall_net_exit(struct net *net)
{
	WARN_ON_ONCE(!list_empty(&duet_net(net)->upcalls));
}

int __init duet_upcall_init(void)
{
	return netlink_register_notifier(&duet_netlink_notifier);
}

void duet_upcall_exit(void)
{
	netlink_unregister_notifier(&duet_netlink_notifier);
}
