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

/*
 * Socket options, level SOL_DUET. Options of level SOL_TCP, SOL_IP and
 * SOL_IPV6 are passed to the TCP socket underneath.
 * @DUET_PSK_ID: set, bytes (1..64): the pre-shared key connect() uses.
 *	Unset: the namespace's only PSK, if it has exactly one.
 * @DUET_INFO: get, struct duet_info.
 * @DUET_KEY_UPDATE: set, int: update the sending key now; non-zero also
 *	asks the peer to update its own.
 * @DUET_SUITES: set/get, __u16 array: the suites offered (connect) or
 *	accepted (listen), in preference order. Default: all, AES-128 first.
 * @DUET_ACCEPT_FAILURES: set/get, int, on a listener: accept() also reports
 *	each failed handshake, once, as its errno (EKEYREJECTED, ENOKEY, ...).
 *	Off by default: failures are counted (DUET_CMD_STATUS) and the peer
 *	gets an alert, but accept() returns established connections only.
 * @DUET_HANDSHAKE_TIMEOUT: set/get, int, milliseconds a handshake may take
 *	(default 10000); past it the handshake fails with ETIMEDOUT.
 */
#define DUET_PSK_ID		1
#define DUET_INFO		2
#define DUET_KEY_UPDATE		3
#define DUET_SUITES		4
#define DUET_ACCEPT_FAILURES	5
#define DUET_HANDSHAKE_TIMEOUT	6

#define DUET_MAX_PSK_ID_LEN	64
#define DUET_MIN_PSK_LEN	16
#define DUET_MAX_PSK_LEN	64

/* Cipher suites (wire values). */
#define DUET_SUITE_PSK_AES128GCM_SHA256	0x0101
#define DUET_SUITE_PSK_AES256GCM_SHA384	0x0102

enum duet_sock_state {
	DUET_STATE_CLOSED,
	DUET_STATE_LISTEN,
	DUET_STATE_HANDSHAKE,
	DUET_STATE_ESTABLISHED,
};

enum duet_auth {
	DUET_AUTH_NONE,
	DUET_AUTH_PSK,
};

/**
 * struct duet_info - getsockopt(SOL_DUET, DUET_INFO)
 * @state: enum duet_sock_state
 * @auth: enum duet_auth: how the peer was authenticated
 * @resumed: 1 if the session was resumed (no public-key work)
 * @psk_id_len: length of @psk_id (PSK mode)
 * @suite: DUET_SUITE_*, 0 before the handshake
 * @peer_id: SHA-256 of the peer certificate's SubjectPublicKeyInfo
 *	(certificate mode; zero in PSK mode)
 * @psk_id: the pre-shared key's identity (PSK mode)
 * @tx_key_gen: generation of the sending key (0 after the handshake,
 *	+1 per key update); @rx_key_gen likewise for the receiving key
 * @tx_records: records sent, all types; @rx_records likewise received
 * @tx_bytes: application bytes sent; @rx_bytes likewise received
 */
struct duet_info {
	__u8 state;
	__u8 auth;
	__u8 resumed;
	__u8 psk_id_len;
	__u16 suite;
	__u16 reserved;
	__u8 peer_id[32];
	__u8 psk_id[DUET_MAX_PSK_ID_LEN];
	__u32 tx_key_gen;
	__u32 rx_key_gen;
	__u64 tx_records;
	__u64 rx_records;
	__u64 tx_bytes;
	__u64 rx_bytes;
};

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
 * @DUET_CMD_PSK_ADD: admin. Add a pre-shared key: DUET_ATTR_PSK_ID,
 *	DUET_ATTR_PSK_KEY (DUET_MIN_PSK_LEN..DUET_MAX_PSK_LEN bytes). EEXIST
 *	if the id is taken, ENOSPC past DUET_MAX_PSKS.
 * @DUET_CMD_PSK_DEL: admin. Remove the key DUET_ATTR_PSK_ID (ENOENT if
 *	none); handshakes started before keep their copy.
 * @DUET_CMD_PSK_GET: admin, dump. One message per key: DUET_ATTR_PSK_ID,
 *	DUET_ATTR_PSK_KEY_LEN. Key bytes never leave the kernel.
 * @DUET_CMD_HELPER_REGISTER: admin. The sending socket becomes this
 *	namespace's helper (duetd): upcalls go to it. EBUSY while another
 *	helper's socket is open. Its socket closing unregisters it and fails
 *	its upcalls in flight at once (ETIMEDOUT).
 * @DUET_CMD_HELPER_REQUEST: kernel to helper, an upcall: DUET_ATTR_UPCALL_ID,
 *	DUET_ATTR_UPCALL_OP, then the operation's attributes.
 * @DUET_CMD_HELPER_REPLY: admin, helper to kernel: DUET_ATTR_UPCALL_ID,
 *	DUET_ATTR_UPCALL_ERROR (an errno, 0 for success), the result's
 *	attributes. ENOENT when no upcall has that id (it timed out).
 * @DUET_CMD_HELPER_PING: admin. Send the helper a DUET_UPCALL_PING with
 *	DUET_ATTR_PING_DATA and wait for its answer. Reply: the helper's
 *	DUET_ATTR_PING_DATA and DUET_ATTR_PING_NS, the round trip. ENOKEY
 *	without a helper, ETIMEDOUT when it does not answer in time.
 */
enum duet_cmd {
	DUET_CMD_UNSPEC,
	DUET_CMD_STATUS,
	DUET_CMD_PSK_ADD,
	DUET_CMD_PSK_DEL,
	DUET_CMD_PSK_GET,
	DUET_CMD_HELPER_REGISTER,
	DUET_CMD_HELPER_REQUEST,
	DUET_CMD_HELPER_REPLY,
	DUET_CMD_HELPER_PING,

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
 * @DUET_ATTR_PSK_ID: binary, 1..DUET_MAX_PSK_ID_LEN bytes
 * @DUET_ATTR_PSK_KEY: binary, DUET_MIN_PSK_LEN..DUET_MAX_PSK_LEN bytes
 * @DUET_ATTR_PSK_KEY_LEN: u32, length of a key (in dumps)
 * @DUET_ATTR_UPCALL_ID: u64, names one upcall
 * @DUET_ATTR_UPCALL_OP: u32, enum duet_upcall_op
 * @DUET_ATTR_UPCALL_ERROR: u32, the helper's errno for an upcall, 0 for success
 * @DUET_ATTR_PING_DATA: binary, up to 256 bytes, echoed by the helper
 * @DUET_ATTR_PING_NS: u64, nanoseconds from upcall to answer
 */
enum duet_attr {
	DUET_ATTR_UNSPEC,
	DUET_ATTR_VERSION,
	DUET_ATTR_PROTOCOL,
	DUET_ATTR_FAMILY,
	DUET_ATTR_NETNS_COOKIE,
	DUET_ATTR_STATS,
	DUET_ATTR_PAD,
	DUET_ATTR_PSK_ID,
	DUET_ATTR_PSK_KEY,
	DUET_ATTR_PSK_KEY_LEN,
	DUET_ATTR_UPCALL_ID,
	DUET_ATTR_UPCALL_OP,
	DUET_ATTR_UPCALL_ERROR,
	DUET_ATTR_PING_DATA,
	DUET_ATTR_PING_NS,

	__DUET_ATTR_MAX,
};
#define DUET_ATTR_MAX (__DUET_ATTR_MAX - 1)

#define DUET_MAX_PING_DATA 256

/**
 * enum duet_upcall_op - what the kernel asks its helper
 * @DUET_UPCALL_PING: answer with the same DUET_ATTR_PING_DATA
 */
enum duet_upcall_op {
	DUET_UPCALL_UNSPEC,
	DUET_UPCALL_PING,
};

/**
 * enum duet_stat - counters nested in DUET_ATTR_STATS, all u64
 * @DUET_STAT_SOCKETS_CREATED: AF_DUET sockets created since the namespace
 *	came up
 * @DUET_STAT_SOCKETS_ACTIVE: AF_DUET sockets open now
 * @DUET_STAT_PAD: padding
 * @DUET_STAT_HANDSHAKES_STARTED: handshakes begun, either side
 * @DUET_STAT_HANDSHAKES_DONE: handshakes completed
 * @DUET_STAT_HANDSHAKES_DROPPED: incoming connections dropped because
 *	the listener's backlog of handshakes was full
 * @DUET_STAT_FAIL_PROTO: failed: malformed or unexpected message (EPROTO)
 * @DUET_STAT_FAIL_STALE: failed: timestamp out of window or replayed M1
 * @DUET_STAT_FAIL_UNKNOWN_KEY: failed: unknown PSK or identity (ENOKEY)
 * @DUET_STAT_FAIL_KEY_REJECTED: failed: bad Finished (EKEYREJECTED)
 * @DUET_STAT_FAIL_TIMEOUT: failed: peer too slow (ETIMEDOUT)
 * @DUET_STAT_FAIL_OTHER: failed otherwise (connection, memory, ...)
 * @DUET_STAT_BAD_RECORDS: records that failed to open (EBADMSG)
 * @DUET_STAT_KEY_UPDATES: key updates, sent and received
 * @DUET_STAT_REPLAY_ENTRIES: M1 nonces remembered now
 * @DUET_STAT_UPCALLS: upcalls sent to the helper
 * @DUET_STAT_UPCALLS_FAILED: upcalls that timed out, found no helper or
 *	were lost with it
 * @DUET_STAT_UPCALLS_REFUSED: upcalls refused because the queue was full
 */
enum duet_stat {
	DUET_STAT_UNSPEC,
	DUET_STAT_SOCKETS_CREATED,
	DUET_STAT_SOCKETS_ACTIVE,
	DUET_STAT_PAD,
	DUET_STAT_HANDSHAKES_STARTED,
	DUET_STAT_HANDSHAKES_DONE,
	DUET_STAT_HANDSHAKES_DROPPED,
	DUET_STAT_FAIL_PROTO,
	DUET_STAT_FAIL_STALE,
	DUET_STAT_FAIL_UNKNOWN_KEY,
	DUET_STAT_FAIL_KEY_REJECTED,
	DUET_STAT_FAIL_TIMEOUT,
	DUET_STAT_FAIL_OTHER,
	DUET_STAT_BAD_RECORDS,
	DUET_STAT_KEY_UPDATES,
	DUET_STAT_REPLAY_ENTRIES,
	DUET_STAT_UPCALLS,
	DUET_STAT_UPCALLS_FAILED,
	DUET_STAT_UPCALLS_REFUSED,

	__DUET_STAT_MAX,
};
#define DUET_STAT_MAX (__DUET_STAT_MAX - 1)

#endif /* _UAPI_LINUX_DUET_H */
