/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_NETLINK_H
#define _DUET_NETLINK_H

#include <net/genetlink.h>

extern struct genl_family duet_genl_family;

int duet_genl_init(void);
void duet_genl_exit(void);

#endif /* _DUET_NETLINK_H */
