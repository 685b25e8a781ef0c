/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_OPS_H
#define DUETD_OPS_H

#include <netlink/msg.h>

#include "config.h"
#include "identity.h"

/* What an upcall's answer may use. */
struct duetd_upcall_ctx {
	int family;			/* duet's generic netlink family */
	const struct duetd_config *cfg;
	const struct duetd_self *self;	/* key NULL: no identity */
};

/*
 * The HELPER_REPLY to one HELPER_REQUEST: tb as duet_nl_parse() left it,
 * UPCALL_ID and UPCALL_OP present. The answer or the errno the operation
 * ended with; NULL only when out of memory.
 */
struct nl_msg *duetd_upcall_answer(const struct duetd_upcall_ctx *c,
				   struct nlattr **tb);

#endif /* DUETD_OPS_H */
