// SPDX-License-Identifier: GPL-2.0
/*
 * duetd: the helper the duet module asks for what the kernel does not do
 * itself (certificates, private keys). One per network namespace. It
 * registers its netlink socket as the namespace's helper and its identity
 * (certificate, public key; never the private key), then answers each
 * upcall by id on that same socket (the kernel accepts answers only from
 * it). SIGHUP reloads the configuration, the identity and the CRLs, and
 * re-checks the kernel's certificate cache against them: a certificate
 * now revoked is revoked in the kernel too (its sessions close).
 *
 *   duetd [-c CONFIG] [--syslog]      run in the foreground
 *   duetd [-c CONFIG] --resolve ID    find and verify the certificate of
 *                                     ID (hex), print the identity, exit
 * CONFIG defaults to /etc/duet/duetd.conf (see config.h).
 */

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "certs.h"
#include "config.h"
#include "duet_nl.h"
#include "identity.h"
#include "keyops.h"
#include "trust.h"

static int use_syslog;

static void logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(LOG_NOTICE, fmt, ap);
	} else {
		fputs("duetd: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

struct helper {
	struct nl_sock *sock;
	int family;
	struct duetd_config cfg;
	struct duetd_self self;		/* key NULL: no identity */
	const char *config;
};

/* ---- operations: each reads tb, adds its answer to msg, returns errno */

typedef int (*op_fn)(struct helper *h, struct nlattr **tb, struct nl_msg *msg);

static int op_ping(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	(void)h;
	if (tb[DUET_ATTR_PING_DATA] &&
	    nla_put(msg, DUET_ATTR_PING_DATA, nla_len(tb[DUET_ATTR_PING_DATA]),
		    nla_data(tb[DUET_ATTR_PING_DATA])))
		return -ENOMEM;
	return 0;
}

static int put_identity(struct nl_msg *msg, const struct duet_identity *id)
{
	if (nla_put(msg, DUET_ATTR_ID, 32, id->id) ||
	    nla_put_u32(msg, DUET_ATTR_KEY_TYPE, id->key_type) ||
	    nla_put(msg, DUET_ATTR_PUBKEY, id->pub_len, id->pub) ||
	    nla_put_string(msg, DUET_ATTR_SUBJECT, id->subject) ||
	    nla_put_u64(msg, DUET_ATTR_NOT_AFTER, id->not_after))
		return -ENOMEM;
	return 0;
}

static int cert_failed(const uint8_t *id, const char *why, int err)
{
	char hex[65];

	duet_id_hex(id, hex);
	logmsg("certificate %.16s...: %s (%s)", hex, why, strerrorname_np(-err) ?: "?");
	/* The store unreachable: the kernel's peer hears "timed out". */
	return err == -ECONNREFUSED ? -ETIMEDOUT : err;
}

static int op_cert_by_id(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	struct duet_identity ident;
	char why[512];
	const uint8_t *id;
	int err;

	if (!tb[DUET_ATTR_ID])
		return -EINVAL;
	id = nla_data(tb[DUET_ATTR_ID]);
	err = duetd_cert_resolve(&h->cfg, id, &ident, why, sizeof(why));
	return err ? cert_failed(id, why, err) : put_identity(msg, &ident);
}

static int op_cert_verify(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	struct duet_identity ident;
	char why[512];
	const uint8_t *id;
	int err;

	if (!tb[DUET_ATTR_ID] || !tb[DUET_ATTR_CERT])
		return -EINVAL;
	id = nla_data(tb[DUET_ATTR_ID]);
	err = duetd_cert_verify_der(&h->cfg, nla_data(tb[DUET_ATTR_CERT]),
				    nla_len(tb[DUET_ATTR_CERT]), id, &ident, why,
				    sizeof(why));
	return err ? cert_failed(id, why, err) : put_identity(msg, &ident);
}

static int op_ecdh(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	uint8_t out[64];
	int err;

	if (!h->self.key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_POINT_E] || !tb[DUET_ATTR_POINT_S])
		return -EINVAL;
	err = duetd_ecdh(h->self.key, nla_data(tb[DUET_ATTR_POINT_E]), out) ?:
	      duetd_ecdh(h->self.key, nla_data(tb[DUET_ATTR_POINT_S]), out + 32);
	if (!err && nla_put(msg, DUET_ATTR_SECRET, sizeof(out), out))
		err = -ENOMEM;
	OPENSSL_cleanse(out, sizeof(out));
	return err;
}

static int op_rsa_decrypt(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	uint8_t out[DUET_MAX_RSA_LEN];
	size_t len = sizeof(out);
	int err;

	if (!h->self.key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_WRAPPED])
		return -EINVAL;
	err = duetd_rsa_decrypt(h->self.key, nla_data(tb[DUET_ATTR_WRAPPED]),
				nla_len(tb[DUET_ATTR_WRAPPED]), out, &len);
	if (!err && (len > 64 || nla_put(msg, DUET_ATTR_SECRET, len, out)))
		err = -EKEYREJECTED;
	OPENSSL_cleanse(out, sizeof(out));
	return err;
}

static int op_rsa_sign(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	uint8_t sig[DUET_MAX_RSA_LEN];
	size_t len = sizeof(sig);
	int err;

	if (!h->self.key)
		return -ENOKEY;
	if (!tb[DUET_ATTR_DIGEST])
		return -EINVAL;
	err = duetd_rsa_sign(h->self.key, nla_data(tb[DUET_ATTR_DIGEST]),
			     nla_len(tb[DUET_ATTR_DIGEST]), sig, &len);
	if (!err && nla_put(msg, DUET_ATTR_SIGNATURE, len, sig))
		err = -ENOMEM;
	return err;
}

static int op_rsa_encrypt(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	uint8_t out[DUET_MAX_RSA_LEN];
	size_t len = sizeof(out);
	int err;

	(void)h;
	if (!tb[DUET_ATTR_PUBKEY] || !tb[DUET_ATTR_SECRET])
		return -EINVAL;
	err = duetd_rsa_encrypt(nla_data(tb[DUET_ATTR_PUBKEY]), nla_len(tb[DUET_ATTR_PUBKEY]),
				nla_data(tb[DUET_ATTR_SECRET]), nla_len(tb[DUET_ATTR_SECRET]),
				out, &len);
	if (!err && nla_put(msg, DUET_ATTR_WRAPPED, len, out))
		err = -ENOMEM;
	return err;
}

static int op_rsa_verify(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	(void)h;
	(void)msg;
	if (!tb[DUET_ATTR_PUBKEY] || !tb[DUET_ATTR_DIGEST] || !tb[DUET_ATTR_SIGNATURE])
		return -EINVAL;
	return duetd_rsa_verify(nla_data(tb[DUET_ATTR_PUBKEY]), nla_len(tb[DUET_ATTR_PUBKEY]),
				nla_data(tb[DUET_ATTR_DIGEST]), nla_len(tb[DUET_ATTR_DIGEST]),
				nla_data(tb[DUET_ATTR_SIGNATURE]),
				nla_len(tb[DUET_ATTR_SIGNATURE]));
}

static int op_trust(struct helper *h, struct nlattr **tb, struct nl_msg *msg)
{
	(void)tb;
	return duetd_trust_list(&h->cfg, msg);
}

static const struct {
	const char *name;
	op_fn fn;
} ops[] = {
	[DUET_UPCALL_PING] = { "ping", op_ping },
	[DUET_UPCALL_CERT_BY_ID] = { "cert-by-id", op_cert_by_id },
	[DUET_UPCALL_CERT_VERIFY] = { "cert-verify", op_cert_verify },
	[DUET_UPCALL_ECDH] = { "ecdh", op_ecdh },
	[DUET_UPCALL_RSA_DECRYPT] = { "rsa-decrypt", op_rsa_decrypt },
	[DUET_UPCALL_RSA_SIGN] = { "rsa-sign", op_rsa_sign },
	[DUET_UPCALL_RSA_ENCRYPT] = { "rsa-encrypt", op_rsa_encrypt },
	[DUET_UPCALL_RSA_VERIFY] = { "rsa-verify", op_rsa_verify },
	[DUET_UPCALL_TRUST] = { "trust", op_trust },
};

/* ---- the netlink side ------------------------------------------------ */

/* An answer to op: room for the longest it can be (a chain, or the trust lists). */
static struct nl_msg *reply_new(const struct helper *h, uint64_t id, uint32_t op,
				int err)
{
	size_t room = err ? 0 : op == DUET_UPCALL_TRUST ? DUET_MAX_TRUST_LEN :
		      DUET_MAX_CHAIN_LEN;
	struct nl_msg *msg = nlmsg_alloc_size(room + 4096);

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, 0,
				 DUET_CMD_HELPER_REPLY, DUET_GENL_VERSION) ||
	    nla_put_u64(msg, DUET_ATTR_UPCALL_ID, id) ||
	    nla_put_u32(msg, DUET_ATTR_UPCALL_ERROR, err)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void answer(struct helper *h, struct nlattr **tb)
{
	uint64_t id = nla_get_u64(tb[DUET_ATTR_UPCALL_ID]);
	uint32_t op = nla_get_u32(tb[DUET_ATTR_UPCALL_OP]);
	struct nl_msg *msg = reply_new(h, id, op, 0);
	int err = -EOPNOTSUPP;

	if (!msg) {
		logmsg("upcall %llu: out of memory", (unsigned long long)id);
		return;
	}
	if (op < sizeof(ops) / sizeof(ops[0]) && ops[op].fn)
		err = ops[op].fn(h, tb, msg);
	else
		logmsg("upcall %llu: unknown operation %u", (unsigned long long)id, op);
	if (err) {
		nlmsg_free(msg);
		msg = reply_new(h, id, op, -err);
		if (!msg)
			return;
	}
	if (nl_send_auto(h->sock, msg) < 0)
		logmsg("upcall %llu (%s): cannot answer", (unsigned long long)id,
		       op < sizeof(ops) / sizeof(ops[0]) && ops[op].name ? ops[op].name : "?");
	nlmsg_free(msg);
}

static int on_message(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[DUET_ATTR_MAX + 1];

	if (g->cmd != DUET_CMD_HELPER_REQUEST)
		return NL_OK;
	if (duet_nl_parse(nlmsg_hdr(msg), tb) || !tb[DUET_ATTR_UPCALL_ID] ||
	    !tb[DUET_ATTR_UPCALL_OP]) {
		logmsg("malformed upcall ignored");
		return NL_OK;
	}
	answer(arg, tb);
	return NL_OK;
}

/* The kernel refused an answer (e.g. ENOENT: that upcall timed out). */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	(void)who;
	(void)arg;
	if (e->error)
		logmsg("the kernel refused an answer: %s", strerror(-e->error));
	return NL_OK;
}

static int helper_open(struct helper *h)
{
	struct nl_msg *msg;
	int err, big = 8 << 20;

	h->sock = nl_socket_alloc();
	if (!h->sock || genl_connect(h->sock))
		return -ENOMEM;
	h->family = genl_ctrl_resolve(h->sock, DUET_GENL_NAME);
	if (h->family < 0)
		return -ENOENT;
	/* Room for a burst of upcalls (past rmem_max: we are privileged). */
	setsockopt(nl_socket_get_fd(h->sock), SOL_SOCKET, SO_RCVBUFFORCE, &big,
		   sizeof(big));
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0,
				 NLM_F_ACK, DUET_CMD_HELPER_REGISTER, DUET_GENL_VERSION))
		return -ENOMEM;
	err = nl_send_auto(h->sock, msg);
	nlmsg_free(msg);
	if (err >= 0)
		err = nl_wait_for_ack(h->sock);
	if (err < 0)
		return err == -NLE_BUSY ? -EBUSY : err == -NLE_PERM ? -EPERM : -EIO;
	nl_socket_disable_seq_check(h->sock);
	nl_socket_modify_cb(h->sock, NL_CB_VALID, NL_CB_CUSTOM, on_message, h);
	nl_socket_modify_err_cb(h->sock, NL_CB_CUSTOM, on_error, h);
	return 0;
}

/* ---- identity and reload -------------------------------------------- */

/* Tell the kernel who we are (or that we are nobody). */
static int identity_register(struct helper *h)
{
	const struct duet_identity *id = &h->self.ident;
	struct duet_ident_set s = { 0 };
	struct duet_nl *nl;
	char hex[65];
	int err;

	if (h->self.key)
		s = (struct duet_ident_set){ id->id, id->key_type, id->pub,
					     h->self.chain, id->pub_len,
					     h->self.chain_len, id->subject,
					     id->not_after };
	err = duet_nl_open(&nl);
	if (!err)
		err = duet_identity_set(nl, &s);
	duet_nl_close(nl);
	if (err) {
		logmsg("cannot register the identity: %s", strerror(-err));
		return err;
	}
	duet_id_hex(id->id, hex);
	if (h->self.key)
		logmsg("identity %s (%s)", hex, id->subject);
	return 0;
}

static int load(struct helper *h, int quiet)
{
	char why[512];
	int err;

	duetd_self_free(&h->self);
	if (h->config && duetd_config_load(h->config, &h->cfg, why, sizeof(why))) {
		logmsg("%s", why);
		return -EINVAL;
	}
	err = duetd_self_load(&h->cfg, &h->self, why, sizeof(why));
	if (quiet)
		return 0;
	if (err == -ENOENT && !h->cfg.identity_cert[0])
		logmsg("no identity configured: certificate handshakes need one");
	else if (err)
		logmsg("identity: %s", why);
	return 0;
}

struct recheck {
	struct helper *h;
	uint8_t ids[1024][DUET_ID_LEN];
	unsigned int n;
};

static int collect(const struct duet_ident_info *e, void *arg)
{
	struct recheck *r = arg;

	if (r->n < sizeof(r->ids) / sizeof(r->ids[0]))
		memcpy(r->ids[r->n++], e->id, DUET_ID_LEN);
	return 0;
}

/* Every cached certificate checked again: revoked ones revoked in the kernel. */
static void recheck_cache(struct helper *h)
{
	static struct recheck r;
	struct duet_identity ident;
	struct duet_nl *nl;
	uint32_t closed;
	char why[512], hex[65];
	unsigned int i;
	int err;

	r.h = h;
	r.n = 0;
	if (duet_nl_open(&nl))
		return;
	duet_cache_list(nl, collect, &r);
	for (i = 0; i < r.n; i++) {
		err = duetd_cert_resolve(&h->cfg, r.ids[i], &ident, why, sizeof(why));
		if (!err || err == -ETIMEDOUT || err == -ECONNREFUSED)
			continue;
		duet_id_hex(r.ids[i], hex);
		if (err == -EKEYREVOKED && !duet_revoke(nl, r.ids[i], &closed))
			logmsg("%.16s... revoked: %u session(s) closed", hex, closed);
		else
			duet_cache_flush(nl, r.ids[i]);
	}
	duet_nl_close(nl);
}

static int resolve(const struct duetd_config *c, const char *hex)
{
	struct duet_identity ident;
	char why[512], when[32];
	uint8_t id[32];
	struct tm tm;
	time_t t;
	int err;

	if (duet_id_parse(hex, id)) {
		logmsg("%s: an ID is 64 hex digits", hex);
		return 2;
	}
	err = duetd_cert_resolve(c, id, &ident, why, sizeof(why));
	if (err) {
		logmsg("%s: %s (%s)", hex, why, strerrorname_np(-err) ?: "?");
		return 1;
	}
	t = ident.not_after;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	printf("id        %s\nsubject   %s\nkey       %s %d\nnot_after %s\n", hex,
	       ident.subject, ident.key_type == DUET_KEY_RSA ? "rsa" : "ec-p256",
	       ident.key_bits, when);
	return 0;
}

/* Upcalls and signals, one at a time, until SIGTERM or SIGINT. */
static void serve(struct helper *h, int sigfd)
{
	struct pollfd p[2] = { { nl_socket_get_fd(h->sock), POLLIN, 0 },
			       { sigfd, POLLIN, 0 } };
	struct signalfd_siginfo si;
	int err;

	nl_socket_set_nonblocking(h->sock);
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return;
		if (p[1].revents && read(sigfd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo != SIGHUP)
				return;
			logmsg("reloading %s", h->config ?: "(no config)");
			if (!load(h, 0) && !identity_register(h))
				recheck_cache(h);
		}
		if (p[0].revents) {
			err = nl_recvmsgs_default(h->sock);
			if (err < 0 && err != -NLE_AGAIN && err != -NLE_INTR)
				logmsg("receive: %s", nl_geterror(err));
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "resolve", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, 'c' },
		{ "syslog", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	static struct helper h = { .cfg = { .timeout_ms = 3000 } };
	const char *hex = NULL;
	int err, opt, sigfd;
	sigset_t sigs;

	while ((opt = getopt_long(argc, argv, "c:r:s", longopts, NULL)) != -1) {
		if (opt == 'c') {
			h.config = optarg;
		} else if (opt == 'r') {
			hex = optarg;
		} else if (opt == 's') {
			use_syslog = 1;
		} else {
			fprintf(stderr, "usage: duetd [-c CONFIG] [--syslog] [--resolve ID]\n");
			return 2;
		}
	}
	if (use_syslog)
		openlog("duetd", LOG_PID, LOG_DAEMON);
	if (!h.config && access(DUETD_CONFIG_DEFAULT, F_OK) == 0)
		h.config = DUETD_CONFIG_DEFAULT;
	if (load(&h, hex != NULL))
		return 2;
	if (hex)
		return resolve(&h.cfg, hex);

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sigfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sigfd < 0) {
		logmsg("signalfd: %s", strerror(errno));
		return 1;
	}
	err = helper_open(&h);
	if (err) {
		logmsg("cannot register as this namespace's helper: %s%s", strerror(-err),
		       err == -EBUSY ? " (another duetd runs here)" :
		       err == -ENOENT ? " (is the duet module loaded?)" : "");
		return 1;
	}
	if (identity_register(&h) && h.self.key)
		return 1;
	logmsg("registered; answering upcalls");
	serve(&h, sigfd);
	duetd_self_free(&h.self);
	nl_socket_free(h.sock);	/* the kernel forgets us with the socket */
	logmsg("stopped");
	return 0;
}
