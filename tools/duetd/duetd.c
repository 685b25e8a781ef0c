// SPDX-License-Identifier: GPL-2.0
/*
 * duetd: the helper the duet module asks for what the kernel does not do
 * itself (certificates, private keys). One per network namespace. It
 * registers its netlink socket as the namespace's helper, then answers
 * each upcall by id on that same socket (the kernel accepts answers only
 * from it). Operations so far: DUET_UPCALL_PING.
 *
 *   duetd [-c CONFIG]                 run in the foreground, log to stderr
 *   duetd [-c CONFIG] --resolve ID    find and verify the certificate of
 *                                     ID (hex), print the identity, exit
 * CONFIG defaults to /etc/duet/duetd.conf (see config.h).
 */

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "certs.h"
#include "config.h"
#include "duet_nl.h"

static volatile sig_atomic_t stop;

static void logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("duetd: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

struct helper {
	struct nl_sock *sock;
	int family;
};

static struct nl_msg *reply_new(const struct helper *h, uint64_t id, int err)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, 0,
				 DUET_CMD_HELPER_REPLY, DUET_GENL_VERSION) ||
	    nla_put_u64(msg, DUET_ATTR_UPCALL_ID, id) ||
	    nla_put_u32(msg, DUET_ATTR_UPCALL_ERROR, err)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void answer(const struct helper *h, struct nlattr **tb)
{
	uint64_t id = nla_get_u64(tb[DUET_ATTR_UPCALL_ID]);
	uint32_t op = nla_get_u32(tb[DUET_ATTR_UPCALL_OP]);
	struct nl_msg *msg;

	switch (op) {
	case DUET_UPCALL_PING:
		msg = reply_new(h, id, 0);
		if (msg && tb[DUET_ATTR_PING_DATA] &&
		    nla_put(msg, DUET_ATTR_PING_DATA, nla_len(tb[DUET_ATTR_PING_DATA]),
			    nla_data(tb[DUET_ATTR_PING_DATA]))) {
			nlmsg_free(msg);
			msg = NULL;
		}
		break;
	default:
		logmsg("upcall %llu: unknown operation %u", (unsigned long long)id, op);
		msg = reply_new(h, id, EOPNOTSUPP);
	}
	if (!msg) {
		logmsg("upcall %llu: out of memory", (unsigned long long)id);
		return;
	}
	if (nl_send_auto(h->sock, msg) < 0)
		logmsg("upcall %llu: cannot answer", (unsigned long long)id);
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
	int err;

	h->sock = nl_socket_alloc();
	if (!h->sock || genl_connect(h->sock))
		return -ENOMEM;
	h->family = genl_ctrl_resolve(h->sock, DUET_GENL_NAME);
	if (h->family < 0)
		return -ENOENT;
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

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "resolve", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa = { .sa_handler = on_signal };
	const char *config = NULL, *hex = NULL;
	struct duetd_config cfg = { .timeout_ms = 3000 };
	struct helper h = { 0 };
	char why[512];
	int err, opt;

	while ((opt = getopt_long(argc, argv, "c:r:", longopts, NULL)) != -1) {
		if (opt == 'c') {
			config = optarg;
		} else if (opt == 'r') {
			hex = optarg;
		} else {
			fprintf(stderr, "usage: duetd [-c CONFIG] [--resolve ID]\n");
			return 2;
		}
	}
	if (!config && access(DUETD_CONFIG_DEFAULT, F_OK) == 0)
		config = DUETD_CONFIG_DEFAULT;
	if (config && duetd_config_load(config, &cfg, why, sizeof(why))) {
		logmsg("%s", why);
		return 2;
	}
	if (hex)
		return resolve(&cfg, hex);

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	err = helper_open(&h);
	if (err) {
		logmsg("cannot register as this namespace's helper: %s%s", strerror(-err),
		       err == -EBUSY ? " (another duetd runs here)" :
		       err == -ENOENT ? " (is the duet module loaded?)" : "");
		return 1;
	}
	logmsg("registered; answering upcalls");
	while (!stop) {
		err = nl_recvmsgs_default(h.sock);
		if (err < 0 && err != -NLE_INTR && !stop)
			logmsg("receive: %s", nl_geterror(err));
	}
	nl_socket_free(h.sock);	/* the kernel forgets us with the socket */
	logmsg("stopped");
	return 0;
}
