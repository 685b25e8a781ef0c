/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_UPCALL_H
#define _DUET_UPCALL_H

#include <linux/completion.h>
#include <linux/refcount.h>
#include <linux/timer.h>
#include <net/genetlink.h>

/*
 * Requests from the kernel to the namespace's helper (duetd), answered by
 * id over the "duet" netlink family. Each completes exactly once: with
 * the helper's answer, on its timeout, or when the helper goes away; the
 * first of those wins (a bit), the others do nothing.
 */
#define DUET_UPCALL_MAX 1024		/* in flight per namespace */

struct duet_upcall {
	struct list_head node;		/* in the namespace's list, up_lock */
	refcount_t ref;
	struct net *net;
	u64 id;
	u32 op;
	bool answered;			/* set (release) just before done() */
	struct timer_list timer;
	int err;
	struct nlattr **attrs;		/* the answer, parsed (err == 0) */
	struct sk_buff *reply;		/* holds attrs' memory */
	struct completion completion;
	size_t msg_size;		/* the request's payload, at most; 0: 1 KiB */
	/* Optional: called once, as it completes, before the completion. */
	void (*done)(void *ctx);
	void *ctx;
};

/* Fills the request after its header and id; returns 0 or -EMSGSIZE. */
typedef int (*duet_upcall_fill_t)(struct sk_buff *msg, void *arg);

struct duet_upcall *duet_upcall_new(struct net *net, u32 op);
/* fill (may be NULL) adds the operation's attributes. */
int duet_upcall_send(struct duet_upcall *up, duet_upcall_fill_t fill, void *arg);
/* Waits for the answer; returns the upcall's errno (0: attrs hold it). */
int duet_upcall_wait(struct duet_upcall *up);
void duet_upcall_put(struct duet_upcall *up);
/*
 * For an upcall whose owner does not wait (done set): true once its
 * answer (or error) is in and its completion over, so its owner may read
 * and put it. done() may run its owner again before that: this waits out
 * the few instructions between done() and complete(). Process context.
 * duet_upcall_cancel() withdraws it, or waits for whoever is completing
 * it, so done() has returned when it does.
 */
bool duet_upcall_ready(struct duet_upcall *up);
void duet_upcall_cancel(struct duet_upcall *up);

/* From netlink.c */
int duet_upcall_register(struct net *net, u32 portid);
int duet_upcall_answer(struct net *net, struct sk_buff *skb,
		       struct genl_info *info);
int duet_upcall_fill_header(struct sk_buff *msg, u64 id, u32 op);

int duet_upcall_init(void);
void duet_upcall_exit(void);
void duet_upcall_net_exit(struct net *net);

#endif /* _DUET_UPCALL_H */
