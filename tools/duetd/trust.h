/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_TRUST_H
#define DUETD_TRUST_H

#include <netlink/msg.h>

#include "config.h"

/*
 * DUET_UPCALL_TRUST: the trust anchors in trust_dir and the CRLs in
 * crl_dir, read as the next verification will read them, into msg
 * (DUET_ATTR_ANCHORS, DUET_ATTR_CRLS, DUET_ATTR_TRUNCATED past
 * DUET_MAX_TRUST_LEN bytes). Files in name order. 0 or a negative errno.
 */
int duetd_trust_list(const struct duetd_config *c, struct nl_msg *msg);

#endif /* DUETD_TRUST_H */
