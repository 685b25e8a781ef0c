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
 * @DUET_PEER_ID: set/get, 32 bytes, certificate mode: the responder's ID
 *	connect() expects (another ID fails with EKEYREJECTED). When that
 *	identity is in the kernel's cache, M1 says so and the responder
 *	sends its ID instead of its certificate. After the handshake, get
 *	reads the peer's ID (as duet_info.peer_id does).
 *
 * Resumption (certificate mode): a full handshake leaves both sides a
 * ticket, kept in their kernels; connect() to the same address (and the
 * same DUET_PEER_ID, when set) redeems it, with no upcall and no
 * public-key operation. A refused ticket costs one more round trip and a
 * full handshake; duet_info.resumed says which one happened.
 *
 * Early data: sendto(fd, buf, len, MSG_FASTOPEN, addr, addrlen) on a new
 * socket connects and sends up to DUET_MAX_EARLY_DATA bytes of buf with
 * M1 when a ticket allows it, and returns how many it took (blocking:
 * once established; non-blocking: at once, the handshake going on). The bytes
 * are never lost nor duplicated: if the responder refuses them they go
 * again, after M3, before anything sent later; duet_info.early says which.
 *
 * Broker sessions (Documentation/broker.md):
 * @DUET_SA_ID: set/get, DUET_SA_ID_LEN bytes: connect() confirms the
 *	security association a key broker distributed (DUET_CMD_SA_INSTALL)
 *	instead of a full handshake: no upcall, no public-key operation.
 *	ENOKEY when the kernel holds no such SA, EKEYEXPIRED when it is past
 *	its hard lifetime. After the handshake, get reads the session's SA.
 * @DUET_LINK: set, int, on an established certificate-mode socket that
 *	was a full handshake: the session's exporter secret becomes a link
 *	key with its peer, generation 0 of a new chain. DUET_LINK_PARTY: the
 *	peer is our broker; DUET_LINK_BROKER: the peer is one of our
 *	parties. Both ends must set it; once per socket (EALREADY).
 * @DUET_RESUME: set/get, int, default 1: 0, connect() never redeems a
 *	ticket (a full handshake, e.g. to start a new link key chain).
 *
 * Mode: a socket with DUET_PSK_ID set uses PSK mode; otherwise certificate
 * mode when its namespace has an identity (duetd registers it), else PSK
 * mode with the namespace's only PSK. connect() offers the suites of its
 * mode (and of its identity's key type) only.
 */
#define DUET_PSK_ID		1
#define DUET_INFO		2
#define DUET_KEY_UPDATE		3
#define DUET_SUITES		4
#define DUET_ACCEPT_FAILURES	5
#define DUET_HANDSHAKE_TIMEOUT	6
#define DUET_PEER_ID		7
#define DUET_SA_ID		8
#define DUET_LINK		9
#define DUET_RESUME		10

#define DUET_MAX_EARLY_DATA	16384
#define DUET_SA_ID_LEN		16
#define DUET_MAX_SA_MEMBERS	8
#define DUET_MAX_BLOB_LEN	512	/* a wrapped SA or link key */

enum duet_link_role {
	DUET_LINK_PARTY = 1,	/* the peer is our broker */
	DUET_LINK_BROKER = 2,	/* the peer is a party of ours */
};
#define DUET_TICKET_ID_LEN	16

#define DUET_MAX_PSK_ID_LEN	64
#define DUET_MIN_PSK_LEN	16
#define DUET_MAX_PSK_LEN	64

/* Cipher suites (wire values). */
#define DUET_SUITE_PSK_AES128GCM_SHA256	0x0101
#define DUET_SUITE_PSK_AES256GCM_SHA384	0x0102
#define DUET_SUITE_ECDHE_ECDH_P256_AES128GCM_SHA256	0x0201
#define DUET_SUITE_ECDHE_ECDH_P256_AES256GCM_SHA384	0x0202
#define DUET_SUITE_RSA_KT_AES128GCM_SHA256		0x0301

#define DUET_ID_LEN		32	/* SHA-256 of the DER SubjectPublicKeyInfo */
#define DUET_MAX_CHAIN_LEN	8192	/* an identity's certificates, DER */
#define DUET_MAX_SUBJECT_LEN	256
#define DUET_P256_POINT_LEN	64	/* x || y, big-endian */
#define DUET_MAX_PUBKEY_LEN	1100	/* RSA: DER SubjectPublicKeyInfo */
#define DUET_MAX_RSA_LEN	512	/* 4096-bit modulus */

/* Key types of identities. */
enum duet_key_type {
	DUET_KEY_NONE,
	DUET_KEY_EC_P256,
	DUET_KEY_RSA,
};

enum duet_sock_state {
	DUET_STATE_CLOSED,
	DUET_STATE_LISTEN,
	DUET_STATE_HANDSHAKE,
	DUET_STATE_ESTABLISHED,
};

enum duet_auth {
	DUET_AUTH_NONE,
	DUET_AUTH_PSK,
	DUET_AUTH_CERT,
	DUET_AUTH_BROKER,	/* by a security association a broker distributed */
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
	__u8 early;
	__u8 reserved;
	__u8 peer_id[32];
	__u8 psk_id[DUET_MAX_PSK_ID_LEN];
	__u32 tx_key_gen;
	__u32 rx_key_gen;
	__u64 tx_records;
	__u64 rx_records;
	__u64 tx_bytes;
	__u64 rx_bytes;
};

enum duet_early {
	DUET_EARLY_NONE,	/* none sent (or received) */
	DUET_EARLY_ACCEPTED,	/* it rode M1 and the responder took it */
	DUET_EARLY_RESENT,	/* refused with M1, sent again after M3 */
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
 * @DUET_CMD_IDENTITY_SET: admin (the helper, at start and on reload). This
 *	namespace's identity: DUET_ATTR_ID, DUET_ATTR_KEY_TYPE,
 *	DUET_ATTR_PUBKEY, DUET_ATTR_CERT (the chain M2 carries, leaf first),
 *	DUET_ATTR_SUBJECT, DUET_ATTR_NOT_AFTER. Its private key stays with
 *	the helper. Without DUET_ATTR_ID: remove the identity.
 * @DUET_CMD_IDENTITY_GET: read the identity: the same attributes but
 *	DUET_ATTR_CERT and DUET_ATTR_PUBKEY. ENOENT when there is none.
 * @DUET_CMD_CACHE_GET: dump the certificate cache, one message per entry:
 *	DUET_ATTR_ID, DUET_ATTR_SUBJECT, DUET_ATTR_KEY_TYPE,
 *	DUET_ATTR_NOT_AFTER, DUET_ATTR_EXPIRES, DUET_ATTR_HITS.
 * @DUET_CMD_CACHE_FLUSH: admin. Empty the certificate cache (DUET_ATTR_ID:
 *	only that entry).
 * @DUET_CMD_REVOKE: admin. DUET_ATTR_ID is revoked: purged from the cache,
 *	refused from now on (EKEYREVOKED) whatever the helper says, and the
 *	sessions authenticated by it are closed (alert KEY_REVOKED). Reply:
 *	DUET_ATTR_CLOSED, how many sessions were closed.
 * @DUET_CMD_SESSIONS_GET: admin, dump: one message per established
 *	session: DUET_ATTR_SUITE, DUET_ATTR_ROLE, DUET_ATTR_AUTH,
 *	DUET_ATTR_ID (the peer's; certificate mode), DUET_ATTR_PSK_ID (PSK
 *	mode), DUET_ATTR_PEER_ADDR, DUET_ATTR_TX_BYTES, DUET_ATTR_RX_BYTES.
 * @DUET_CMD_TRUST_GET: admin. What the helper trusts, as it reads it now
 *	(a DUET_UPCALL_TRUST): DUET_ATTR_ANCHORS, DUET_ATTR_CRLS and
 *	DUET_ATTR_TRUNCATED when they did not all fit in one answer. ENOKEY
 *	without a helper, ETIMEDOUT if it does not answer.
 * @DUET_CMD_TICKETS_GET: admin, dump: one message per resumption ticket,
 *	those this namespace issued (DUET_ATTR_ROLE 1) and those it holds
 *	(DUET_ATTR_ROLE 0): DUET_ATTR_TICKET, DUET_ATTR_ID (the peer's),
 *	DUET_ATTR_SUITE, DUET_ATTR_USES_LEFT, DUET_ATTR_EXPIRES,
 *	DUET_ATTR_EARLY, and DUET_ATTR_PEER_ADDR for held ones. Never a
 *	secret.
 * @DUET_CMD_TICKETS_FLUSH: admin. Forget tickets: all, or those of
 *	DUET_ATTR_ROLE only. Reply: DUET_ATTR_ENTRIES, how many.
 * @DUET_CMD_TICKETS_SET: admin. What new tickets get: DUET_ATTR_LIFETIME
 *	(seconds, 0: issue none; default 86400), DUET_ATTR_MAX_USES (1..
 *	65535, default 100). STATUS reports both.
 *
 * Key broker (Documentation/broker.md). Key bytes never leave the kernel:
 * what userspace carries is sealed under a link key (a blob).
 * @DUET_CMD_LINKS_GET: admin, dump: one message per link key:
 *	DUET_ATTR_ID (the peer), DUET_ATTR_ROLE (enum duet_link_role),
 *	DUET_ATTR_CHAIN, DUET_ATTR_GEN, DUET_ATTR_SEQ, DUET_ATTR_PENDING
 *	(broker: a next key sent, not yet confirmed), DUET_ATTR_AGE (seconds
 *	since the chain began), DUET_ATTR_REFRESHED (seconds since its last
 *	generation).
 * @DUET_CMD_SA_GET: admin, dump: one message per security association:
 *	DUET_ATTR_SA_ID, DUET_ATTR_ROLE (0 held, 1 issued), DUET_ATTR_ID (the
 *	broker it came from; held), DUET_ATTR_SUITE, DUET_ATTR_MEMBERS,
 *	DUET_ATTR_EXPIRES (seconds to the hard limit), DUET_ATTR_SOFT_LIFETIME
 *	(seconds to the soft limit), DUET_ATTR_BYTES_HARD, DUET_ATTR_BYTES_SOFT,
 *	DUET_ATTR_HITS (sessions confirmed with it).
 * @DUET_CMD_SA_CREATE: admin, broker: a new SA with a fresh key:
 *	DUET_ATTR_MEMBERS (2..DUET_MAX_SA_MEMBERS IDs), DUET_ATTR_SUITE (a
 *	PSK suite), DUET_ATTR_LIFETIME (hard, seconds), and optionally
 *	DUET_ATTR_SOFT_LIFETIME, DUET_ATTR_BYTES_HARD, DUET_ATTR_BYTES_SOFT.
 *	Reply: DUET_ATTR_SA_ID.
 * @DUET_CMD_SA_WRAP: admin, broker: the SA DUET_ATTR_SA_ID sealed for the
 *	party DUET_ATTR_ID under our link key with it: a member, or the
 *	broker of another domain that rewraps it for one. Reply:
 *	DUET_ATTR_BLOB. ENOKEY without such a link.
 * @DUET_CMD_SA_MEMBER_ADD: admin, broker: DUET_ATTR_ID joins the SA
 *	DUET_ATTR_SA_ID (a group); wrap it again for every member after.
 * @DUET_CMD_SA_INSTALL: admin, party: open DUET_ATTR_BLOB with the link
 *	key of the broker that sealed it and keep what it holds: an SA, or
 *	the next link key (the old one is erased). Reply: DUET_ATTR_SA_ID or
 *	DUET_ATTR_GEN. EKEYREJECTED when it does not open; ESTALE when it is
 *	a replay (its sequence number is not above the last one taken) or
 *	sealed under an older generation; ENOKEY without the link; EINVAL
 *	for an SA we are not a member of.
 * @DUET_CMD_SA_REWRAP: admin, broker of another domain: open DUET_ATTR_BLOB
 *	(an SA sealed for us by a broker we are a party of) and seal it for
 *	our party DUET_ATTR_ID, a member of it. Reply: DUET_ATTR_BLOB.
 * @DUET_CMD_SA_DEL: admin: forget the SA DUET_ATTR_SA_ID (ENOENT).
 * @DUET_CMD_LINK_NEXT: admin, broker: the next link key for the party
 *	DUET_ATTR_ID, sealed under the current one (made once, sealed again
 *	while it is pending). Reply: DUET_ATTR_BLOB, DUET_ATTR_GEN.
 * @DUET_CMD_LINK_COMMIT: admin, broker: the party DUET_ATTR_ID confirmed
 *	generation DUET_ATTR_GEN: the key before it is erased.
 * @DUET_CMD_LINKS_FLUSH: admin: forget link keys (DUET_ATTR_ROLE: of one
 *	role only) and, with them, the SAs they brought or issued. Reply:
 *	DUET_ATTR_ENTRIES.
 * @DUET_CMD_SA_ENDED: event, multicast group DUET_MCGRP_BROKER: a session
 *	confirmed with an SA closed: DUET_ATTR_SA_ID, DUET_ATTR_ID (the
 *	broker the SA came from).
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
	DUET_CMD_IDENTITY_SET,
	DUET_CMD_IDENTITY_GET,
	DUET_CMD_CACHE_GET,
	DUET_CMD_CACHE_FLUSH,
	DUET_CMD_REVOKE,
	DUET_CMD_SESSIONS_GET,
	DUET_CMD_TRUST_GET,
	DUET_CMD_TICKETS_GET,
	DUET_CMD_TICKETS_FLUSH,
	DUET_CMD_TICKETS_SET,
	DUET_CMD_LINKS_GET,
	DUET_CMD_SA_GET,
	DUET_CMD_SA_CREATE,
	DUET_CMD_SA_WRAP,
	DUET_CMD_SA_MEMBER_ADD,
	DUET_CMD_SA_INSTALL,
	DUET_CMD_SA_REWRAP,
	DUET_CMD_SA_DEL,
	DUET_CMD_LINK_NEXT,
	DUET_CMD_LINK_COMMIT,
	DUET_CMD_LINKS_FLUSH,
	DUET_CMD_SA_ENDED,

	__DUET_CMD_MAX,
};
#define DUET_CMD_MAX (__DUET_CMD_MAX - 1)

#define DUET_MCGRP_BROKER	"broker"

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
 * @DUET_ATTR_ID: binary, DUET_ID_LEN: an identity's ID
 * @DUET_ATTR_CERT: binary, up to DUET_MAX_CHAIN_LEN: DER certificates
 *	one after another, leaf first
 * @DUET_ATTR_SUBJECT: string, a certificate's subject, one line
 * @DUET_ATTR_KEY_TYPE: u32, enum duet_key_type
 * @DUET_ATTR_PUBKEY: binary: P-256, the point (DUET_P256_POINT_LEN);
 *	RSA, the DER SubjectPublicKeyInfo
 * @DUET_ATTR_NOT_AFTER: u64, seconds since the epoch
 * @DUET_ATTR_POINT_E: binary, DUET_P256_POINT_LEN: the peer's ephemeral key
 * @DUET_ATTR_POINT_S: binary, DUET_P256_POINT_LEN: the peer's static key
 * @DUET_ATTR_SECRET: binary, up to 64: a shared or pre-master secret
 * @DUET_ATTR_WRAPPED: binary, up to DUET_MAX_RSA_LEN: an RSA-OAEP
 *	ciphertext
 * @DUET_ATTR_DIGEST: binary, 32 or 48: a transcript hash to sign or verify
 * @DUET_ATTR_SIGNATURE: binary, up to DUET_MAX_RSA_LEN: RSA-PSS
 * @DUET_ATTR_EXPIRES: u64, seconds until a cache entry expires
 * @DUET_ATTR_HITS: u64, handshakes a cache entry served
 * @DUET_ATTR_CLOSED: u32, sessions closed by a revocation
 * @DUET_ATTR_SUITE: u32, DUET_SUITE_*
 * @DUET_ATTR_ROLE: u32, 0 initiator, 1 responder
 * @DUET_ATTR_AUTH: u32, enum duet_auth
 * @DUET_ATTR_PEER_ADDR: binary, the peer's struct sockaddr_in or _in6
 * @DUET_ATTR_TX_BYTES: u64, application bytes sent
 * @DUET_ATTR_RX_BYTES: u64, application bytes received
 * @DUET_ATTR_ANCHORS: nested array, one nest per trust anchor:
 *	DUET_ATTR_ID (of its key), DUET_ATTR_SUBJECT, DUET_ATTR_NOT_AFTER
 * @DUET_ATTR_CRLS: nested array, one nest per CRL: DUET_ATTR_SUBJECT (its
 *	issuer), DUET_ATTR_NOT_AFTER (its next update, 0: none given),
 *	DUET_ATTR_ENTRIES
 * @DUET_ATTR_ENTRIES: u32, certificates a CRL revokes
 * @DUET_ATTR_TRUNCATED: flag, a list was cut short to fit one message
 * @DUET_ATTR_TICKET: binary, DUET_TICKET_ID_LEN: a ticket's id
 * @DUET_ATTR_USES_LEFT: u32, resumptions a ticket still allows
 * @DUET_ATTR_LIFETIME: u32, seconds a new ticket lives (0: none issued)
 * @DUET_ATTR_MAX_USES: u32, resumptions a new ticket allows
 * @DUET_ATTR_EARLY: u32, 1 if a ticket allows early data
 * @DUET_ATTR_SA_ID: binary, DUET_SA_ID_LEN: a security association
 * @DUET_ATTR_MEMBERS: binary, DUET_ID_LEN each: an SA's parties
 * @DUET_ATTR_BLOB: binary, up to DUET_MAX_BLOB_LEN: a sealed SA or link key
 * @DUET_ATTR_GEN: u32, a link key's generation
 * @DUET_ATTR_CHAIN: binary, 8: a link key chain's id
 * @DUET_ATTR_SEQ: u64, the last distribution sealed (broker) or taken (party)
 * @DUET_ATTR_PENDING: flag, a next link key is out, not yet confirmed
 * @DUET_ATTR_AGE: u64, seconds since a chain began
 * @DUET_ATTR_SOFT_LIFETIME: u32, seconds: past it a session updates its keys
 * @DUET_ATTR_BYTES_HARD: u64, bytes (both ways) a session may carry
 * @DUET_ATTR_BYTES_SOFT: u64, bytes after which it updates its keys
 * @DUET_ATTR_REFRESHED: u64, seconds since a link key's last generation
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
	DUET_ATTR_ID,
	DUET_ATTR_CERT,
	DUET_ATTR_SUBJECT,
	DUET_ATTR_KEY_TYPE,
	DUET_ATTR_PUBKEY,
	DUET_ATTR_NOT_AFTER,
	DUET_ATTR_POINT_E,
	DUET_ATTR_POINT_S,
	DUET_ATTR_SECRET,
	DUET_ATTR_WRAPPED,
	DUET_ATTR_DIGEST,
	DUET_ATTR_SIGNATURE,
	DUET_ATTR_EXPIRES,
	DUET_ATTR_HITS,
	DUET_ATTR_CLOSED,
	DUET_ATTR_SUITE,
	DUET_ATTR_ROLE,
	DUET_ATTR_AUTH,
	DUET_ATTR_PEER_ADDR,
	DUET_ATTR_TX_BYTES,
	DUET_ATTR_RX_BYTES,
	DUET_ATTR_ANCHORS,
	DUET_ATTR_CRLS,
	DUET_ATTR_ENTRIES,
	DUET_ATTR_TRUNCATED,
	DUET_ATTR_TICKET,
	DUET_ATTR_USES_LEFT,
	DUET_ATTR_LIFETIME,
	DUET_ATTR_MAX_USES,
	DUET_ATTR_EARLY,
	DUET_ATTR_SA_ID,
	DUET_ATTR_MEMBERS,
	DUET_ATTR_BLOB,
	DUET_ATTR_GEN,
	DUET_ATTR_CHAIN,
	DUET_ATTR_SEQ,
	DUET_ATTR_PENDING,
	DUET_ATTR_AGE,
	DUET_ATTR_SOFT_LIFETIME,
	DUET_ATTR_BYTES_HARD,
	DUET_ATTR_BYTES_SOFT,
	DUET_ATTR_REFRESHED,

	__DUET_ATTR_MAX,
};
#define DUET_ATTR_MAX (__DUET_ATTR_MAX - 1)

#define DUET_MAX_PING_DATA 256

/**
 * enum duet_upcall_op - what the kernel asks its helper
 *
 * Each answer carries DUET_ATTR_UPCALL_ERROR: 0, or the errno the
 * handshake fails with (ENOKEY, EKEYREJECTED, EKEYEXPIRED, EKEYREVOKED,
 * ETIMEDOUT, ...).
 *
 * @DUET_UPCALL_PING: answer with the same DUET_ATTR_PING_DATA
 * @DUET_UPCALL_CERT_BY_ID: find and verify the certificate of DUET_ATTR_ID.
 *	Answer: DUET_ATTR_ID, DUET_ATTR_SUBJECT, DUET_ATTR_KEY_TYPE,
 *	DUET_ATTR_PUBKEY, DUET_ATTR_NOT_AFTER.
 * @DUET_UPCALL_CERT_VERIFY: verify the chain DUET_ATTR_CERT the peer sent,
 *	whose leaf must have the ID DUET_ATTR_ID. Answer: as CERT_BY_ID.
 * @DUET_UPCALL_ECDH: with this host's static P-256 key s, answer
 *	DUET_ATTR_SECRET = x(s * POINT_E) || x(s * POINT_S), 64 bytes.
 * @DUET_UPCALL_RSA_DECRYPT: RSA-OAEP (SHA-256) decrypt DUET_ATTR_WRAPPED
 *	with this host's key. Answer: DUET_ATTR_SECRET.
 * @DUET_UPCALL_RSA_SIGN: RSA-PSS (the digest's hash, salt of its length)
 *	over DUET_ATTR_DIGEST with this host's key. Answer: DUET_ATTR_SIGNATURE.
 * @DUET_UPCALL_RSA_ENCRYPT: RSA-OAEP (SHA-256) encrypt DUET_ATTR_SECRET to
 *	the DUET_ATTR_PUBKEY. Answer: DUET_ATTR_WRAPPED.
 * @DUET_UPCALL_RSA_VERIFY: check DUET_ATTR_SIGNATURE over DUET_ATTR_DIGEST
 *	with DUET_ATTR_PUBKEY (RSA-PSS). Answer: 0 or EKEYREJECTED.
 * @DUET_UPCALL_TRUST: list the trust anchors and CRLs. Answer:
 *	DUET_ATTR_ANCHORS, DUET_ATTR_CRLS, DUET_ATTR_TRUNCATED, at most
 *	DUET_MAX_TRUST_LEN bytes of them.
 */
enum duet_upcall_op {
	DUET_UPCALL_UNSPEC,
	DUET_UPCALL_PING,
	DUET_UPCALL_CERT_BY_ID,
	DUET_UPCALL_CERT_VERIFY,
	DUET_UPCALL_ECDH,
	DUET_UPCALL_RSA_DECRYPT,
	DUET_UPCALL_RSA_SIGN,
	DUET_UPCALL_RSA_ENCRYPT,
	DUET_UPCALL_RSA_VERIFY,
	DUET_UPCALL_TRUST,
};

#define DUET_MAX_TRUST_LEN	24576

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
 * @DUET_STAT_FAIL_EXPIRED: failed: the peer's certificate expired
 * @DUET_STAT_FAIL_REVOKED: failed: the peer's certificate is revoked
 * @DUET_STAT_CACHE_HITS: peer identities found in the certificate cache
 * @DUET_STAT_CACHE_MISSES: peer identities the helper had to find
 * @DUET_STAT_CACHE_ENTRIES: certificates in the cache now
 * @DUET_STAT_SESSIONS_ACTIVE: established sessions now
 * @DUET_STAT_SESSIONS_REVOKED: sessions closed by a revocation
 * @DUET_STAT_PK_OPS: public-key operations, the kernel's (P-256 key
 *	generation and ECDH) and those it asked the helper for
 * @DUET_STAT_RESUMED: handshakes completed by resumption, either side
 * @DUET_STAT_RESUME_REFUSED: tickets not honoured (unknown, expired, used
 *	up, revoked): a full handshake followed
 * @DUET_STAT_TICKETS_ISSUED: tickets issued (responder)
 * @DUET_STAT_TICKET_ENTRIES: tickets kept now, issued and held
 * @DUET_STAT_TICKETS_EVICTED: tickets dropped for room (oldest first)
 * @DUET_STAT_EARLY_ACCEPTED: early data taken with M1 (responder) or
 *	acknowledged (initiator)
 * @DUET_STAT_EARLY_REJECTED: early data refused: discarded (responder),
 *	sent again after M3 (initiator)
 * @DUET_STAT_SA_SESSIONS: handshakes completed by confirming a broker's SA
 * @DUET_STAT_SA_REFUSED: SA handshakes refused (unknown, expired or
 *	stale SA, a peer not in it)
 * @DUET_STAT_SA_EXPIRED: sessions ended by an SA's hard limit
 * @DUET_STAT_LINK_ENTRIES: link keys kept now
 * @DUET_STAT_SA_ENTRIES: security associations kept now
 * @DUET_STAT_UNWRAP_FAILED: blobs refused (did not open, replayed, stale)
 * @DUET_STAT_HS_PENDING: responder handshakes past M1 in progress now (the
 *	load that flood_pending is compared with)
 * @DUET_STAT_COOKIES_SENT: M1s answered with a COOKIE message (under load)
 * @DUET_STAT_COOKIES_BAD: M1s whose cookie was stale or not ours
 * @DUET_STAT_RATE_LIMITED: handshakes ended with BUSY (either side): the
 *	source was over its rate, or the source table was full
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
	DUET_STAT_FAIL_EXPIRED,
	DUET_STAT_FAIL_REVOKED,
	DUET_STAT_CACHE_HITS,
	DUET_STAT_CACHE_MISSES,
	DUET_STAT_CACHE_ENTRIES,
	DUET_STAT_SESSIONS_ACTIVE,
	DUET_STAT_SESSIONS_REVOKED,
	DUET_STAT_PK_OPS,
	DUET_STAT_RESUMED,
	DUET_STAT_RESUME_REFUSED,
	DUET_STAT_TICKETS_ISSUED,
	DUET_STAT_TICKET_ENTRIES,
	DUET_STAT_TICKETS_EVICTED,
	DUET_STAT_EARLY_ACCEPTED,
	DUET_STAT_EARLY_REJECTED,
	DUET_STAT_SA_SESSIONS,
	DUET_STAT_SA_REFUSED,
	DUET_STAT_SA_EXPIRED,
	DUET_STAT_LINK_ENTRIES,
	DUET_STAT_SA_ENTRIES,
	DUET_STAT_UNWRAP_FAILED,
	DUET_STAT_HS_PENDING,
	DUET_STAT_COOKIES_SENT,
	DUET_STAT_COOKIES_BAD,
	DUET_STAT_RATE_LIMITED,

	__DUET_STAT_MAX,
};
#define DUET_STAT_MAX (__DUET_STAT_MAX - 1)

#endif /* _UAPI_LINUX_DUET_H */
