/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * duet: AF_DUET sockets with a two-message mutually authenticated handshake.
 *
 * This header is the whole contract between the kernel module and userspace:
 * the socket family, socket options, and the "duet" generic netlink family.
 * Attributes are only ever appended; numbers never change.
 */
#ifndef _UAPI_LINUX_DUET_H
#define _UAPI_LINUX_DUET_H

#include <linux/types.h>

/*
 * Address family. Mainline assigns no number to AF_DUET, so the module takes
 * it as its parameter "family" (default DUET_FAMILY_DEFAULT: 13, a number
 * mainline never used) and publishes the number in use in
 * DUET_FAMILY_SYSFS and in DUET_ATTR_FAMILY of DUET_CMD_STATUS.
 * Applications read it at run time (libduet: duet_family()).
 */
#define DUET_FAMILY_DEFAULT	13
#define DUET_FAMILY_SYSFS	"/sys/module/duet/parameters/family"

/*
 * socket(AF_DUET, SOCK_STREAM, DUET_PROTO_STREAM or 0). Any other type fails
 * with ESOCKTNOSUPPORT, any other protocol with EPROTONOSUPPORT.
 */
#define DUET_PROTO_STREAM	0

/* Level for setsockopt()/getsockopt(). */
#define SOL_DUET		300

/* Version of the module and of the wire protocol it speaks. */
#define DUET_PROTOCOL_VERSION	1

/* Generic netlink family. */
#define DUET_GENL_NAME		"duet"
#define DUET_GENL_VERSION	1

/**
 * enum duet_cmd - commands of the "duet" generic netlink family
 * @DUET_CMD_STATUS: read the module's state in the caller's network
 *	namespace. Open to every user. Reply: DUET_ATTR_VERSION,
 *	DUET_ATTR_PROTOCOL, DUET_ATTR_FAMILY, DUET_ATTR_NETNS_COOKIE,
 *	DUET_ATTR_STATS.
 */
enum duet_cmd {
	DUET_CMD_UNSPEC,
	DUET_CMD_STATUS,

	__DUET_CMD_MAX,
};
#define DUET_CMD_MAX (__DUET_CMD_MAX - 1)

/**
 * enum duet_attr - top-level attributes
 * @DUET_ATTR_VERSION: string, the module's version
 * @DUET_ATTR_PROTOCOL: u32, wire protocol version (DUET_PROTOCOL_VERSION)
 * @DUET_ATTR_FAMILY: u32, the address family number AF_DUET has
 * @DUET_ATTR_NETNS_COOKIE: u64, the network namespace's cookie: the state
 *	in this reply belongs to that namespace only
 * @DUET_ATTR_STATS: nested, enum duet_stat counters of this namespace
 * @DUET_ATTR_PAD: padding for 64-bit attributes
 */
enum duet_attr {
	DUET_ATTR_UNSPEC,
	DUET_ATTR_VERSION,
	DUET_ATTR_PROTOCOL,
	DUET_ATTR_FAMILY,
	DUET_ATTR_NETNS_COOKIE,
	DUET_ATTR_STATS,
	DUET_ATTR_PAD,

	__DUET_ATTR_MAX,
};
#define DUET_ATTR_MAX (__DUET_ATTR_MAX - 1)

/**
 * enum duet_stat - counters nested in DUET_ATTR_STATS, all u64
 * @DUET_STAT_SOCKETS_CREATED: AF_DUET sockets created since the namespace
 *	came up
 * @DUET_STAT_SOCKETS_ACTIVE: AF_DUET sockets open now
 * @DUET_STAT_PAD: padding
 */
enum duet_stat {
	DUET_STAT_UNSPEC,
	DUET_STAT_SOCKETS_CREATED,
	DUET_STAT_SOCKETS_ACTIVE,
	DUET_STAT_PAD,

	__DUET_STAT_MAX,
};
#define DUET_STAT_MAX (__DUET_STAT_MAX - 1)

#endif /* _UAPI_LINUX_DUET_H */
