/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_NETLINK_H
#define _DUET_NETLINK_H

int duet_genl_init(void);
void duet_genl_exit(void);

#endif /* _DUET_NETLINK_H */
