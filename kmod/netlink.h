/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_NETLINK_H
#define _DUET_NETLINK_H

#include <net/genetlink.h>

extern struct genl_family duet_genl_family;

enum { DUET_MCGRP_BROKER_IDX };

/* A reply of a binary attribute and/or a u32 one (an attribute 0: none). */
int duet_nl_reply(struct genl_info *info, u8 cmd, int attr, const void *data,
		  int len, int attr_u32, u32 val);
/* A reply that is one u32 attribute. */
int duet_nl_reply_u32(struct genl_info *info, u8 cmd, int attr, u32 val);

int duet_genl_init(void);
void duet_genl_exit(void);

#endif /* _DUET_NETLINK_H */
