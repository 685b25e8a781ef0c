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
#include "log.h"
#include "ops.h"

struct helper {
	struct nl_sock *sock;
	int family;
	struct duetd_config cfg;
	struct duetd_self self;		/* key NULL: no identity */
	const char *config;
};

static void answer(struct helper *h, struct nlattr **tb)
{
	struct duetd_upcall_ctx c = { h->family, &h->cfg, &h->self };
	struct nl_msg *msg = duetd_upcall_answer(&c, tb);

	if (!msg)
		return;
	if (nl_send_auto(h->sock, msg) < 0)
		logmsg("upcall %llu: cannot answer",
		       (unsigned long long)nla_get_u64(tb[DUET_ATTR_UPCALL_ID]));
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
			duetd_use_syslog = 1;
		} else {
			fprintf(stderr, "usage: duetd [-c CONFIG] [--syslog] [--resolve ID]\n");
			return 2;
		}
	}
	if (duetd_use_syslog)
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
