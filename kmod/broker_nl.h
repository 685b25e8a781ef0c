/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key broker's commands of the "duet" family (broker_nl.c) and its
 * event; netlink.c lists them with the others.
 */
#ifndef _DUET_BROKER_NL_H
#define _DUET_BROKER_NL_H

#include <net/genetlink.h>

int duet_nl_sa_create(struct sk_buff *skb, struct genl_info *info);
int duet_nl_sa_wrap(struct sk_buff *skb, struct genl_info *info);
int duet_nl_sa_member_add(struct sk_buff *skb, struct genl_info *info);
int duet_nl_sa_install(struct sk_buff *skb, struct genl_info *info);
int duet_nl_sa_rewrap(struct sk_buff *skb, struct genl_info *info);
int duet_nl_sa_del(struct sk_buff *skb, struct genl_info *info);
int duet_nl_link_next(struct sk_buff *skb, struct genl_info *info);
int duet_nl_link_commit(struct sk_buff *skb, struct genl_info *info);
int duet_nl_links_flush(struct sk_buff *skb, struct genl_info *info);

/* DUET_CMD_SA_ENDED to the namespace's DUET_MCGRP_BROKER listeners. */
void duet_nl_sa_ended(struct net *net, const u8 *sa_id, const u8 *broker);

#endif /* _DUET_BROKER_NL_H */
