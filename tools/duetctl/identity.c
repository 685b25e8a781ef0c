// SPDX-License-Identifier: GPL-2.0
/*
 * duetctl identity | trust | cache list|flush [ID] | revoke ID | sessions:
 * the certificate side of this namespace.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

static const char *key_name(uint32_t type)
{
	return type == DUET_KEY_EC_P256 ? "ec-p256" : type == DUET_KEY_RSA ? "rsa" : "?";
}

static void when(uint64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
}

static struct json_object *ident_json(const struct duet_ident_info *e, bool cache)
{
	struct json_object *o = json_object_new_object();
	char hex[65], t[32];

	duetctl_id_hex(e->id, hex);
	when(e->not_after, t, sizeof(t));
	json_object_object_add(o, "id", json_object_new_string(hex));
	json_object_object_add(o, "subject", json_object_new_string(e->subject));
	json_object_object_add(o, "key", json_object_new_string(key_name(e->key_type)));
	json_object_object_add(o, "not_after", json_object_new_string(t));
	if (cache) {
		json_object_object_add(o, "expires_in", json_object_new_uint64(e->expires));
		json_object_object_add(o, "hits", json_object_new_uint64(e->hits));
	}
	return o;
}

static void ident_print(const struct duet_ident_info *e, bool cache)
{
	char hex[65], t[32];

	duetctl_id_hex(e->id, hex);
	when(e->not_after, t, sizeof(t));
	printf("%s %-7s until %s  %s", hex, key_name(e->key_type), t, e->subject);
	if (cache)
		printf("  (expires in %" PRIu64 " s, %" PRIu64 " hits)", e->expires, e->hits);
	putchar('\n');
}

static int with_nl(int (*fn)(struct duet_nl *nl, void *arg), void *arg, const char *what)
{
	struct duet_nl *nl;
	int err = duet_nl_open(&nl);

	if (err)
		return duetctl_fail("netlink", err);
	err = fn(nl, arg);
	duet_nl_close(nl);
	return err ? duetctl_fail(what, err) : 0;
}

struct call {
	const struct duetctl_opts *opts;
	struct duet_nl *nl;
	struct json_object *list;
	const unsigned char *id;
	uint32_t closed;
};

static int identity_get(struct duet_nl *nl, void *arg)
{
	struct call *c = arg;
	struct duet_ident_info e;
	int err = duet_identity_get(nl, &e);

	if (err == -ENOENT) {
		fprintf(stderr, "duetctl: no identity in this namespace (is duetd running "
				"with identity_cert and identity_key?)\n");
		return 0;
	}
	if (err)
		return err;
	if (c->opts->json)
		duetctl_print_json(ident_json(&e, false), c->opts);
	else
		ident_print(&e, false);
	return 0;
}

int identity_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct call c = { .opts = opts };

	(void)argv;
	if (duetctl_no_args(argc, "identity"))
		return 2;
	return with_nl(identity_get, &c, "identity");
}

static int cache_entry(const struct duet_ident_info *e, void *arg)
{
	struct call *c = arg;

	if (c->list)
		json_object_array_add(c->list, ident_json(e, true));
	else
		ident_print(e, true);
	return 0;
}

/* A dump printed line by line, or collected into one JSON array. */
static int listing(struct call *c, int err_of_dump(struct call *c))
{
	int err;

	if (c->opts->json)
		c->list = json_object_new_array();
	err = err_of_dump(c);
	if (c->list) {
		if (!err)
			duetctl_print_json(c->list, c->opts);
		else
			json_object_put(c->list);
	}
	return err;
}

static int cache_dump(struct call *c)
{
	return duet_cache_list(c->nl, cache_entry, c);
}

static int cache_list(struct duet_nl *nl, void *arg)
{
	((struct call *)arg)->nl = nl;
	return listing(arg, cache_dump);
}

static int cache_flush(struct duet_nl *nl, void *arg)
{
	return duet_cache_flush(nl, ((struct call *)arg)->id);
}

int cache_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct call c = { .opts = opts };
	unsigned char id[32];

	if (argc == 2 && !strcmp(argv[1], "list"))
		return with_nl(cache_list, &c, "cache list");
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "flush")) {
		if (argc == 3) {
			if (duetctl_parse_id(argv[2], id)) {
				fprintf(stderr, "duetctl: an ID is 64 hex digits\n");
				return 2;
			}
			c.id = id;
		}
		return with_nl(cache_flush, &c, "cache flush");
	}
	fprintf(stderr, "usage: duetctl cache list | flush [ID]\n");
	return 2;
}

static int revoke(struct duet_nl *nl, void *arg)
{
	struct call *c = arg;
	int err = duet_revoke(nl, c->id, &c->closed);
	struct json_object *o;

	if (err)
		return err;
	if (c->opts->json) {
		o = json_object_new_object();
		json_object_object_add(o, "closed", json_object_new_uint64(c->closed));
		duetctl_print_json(o, c->opts);
	} else {
		printf("revoked; %u session(s) closed\n", c->closed);
	}
	return 0;
}

int revoke_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct call c = { .opts = opts };
	unsigned char id[32];

	if (argc != 2 || duetctl_parse_id(argv[1], id)) {
		fprintf(stderr, "usage: duetctl revoke ID (64 hex digits)\n");
		return 2;
	}
	c.id = id;
	return with_nl(revoke, &c, "revoke");
}

static int session(const struct duet_session_info *s, void *arg)
{
	struct call *c = arg;
	char addr[80], peer[65];
	struct json_object *o;

	duetctl_addr_str(s->addr, s->addr_len, addr, sizeof(addr));
	if (s->auth == DUET_AUTH_CERT)
		duetctl_id_hex(s->peer_id, peer);
	else
		snprintf(peer, sizeof(peer), "psk:%.*s", (int)s->psk_id_len, s->psk_id);
	if (!c->list) {
		printf("%-9s %-24s suite 0x%04x  %s  tx %" PRIu64 " rx %" PRIu64 "\n",
		       s->role ? "responder" : "initiator", addr, s->suite, peer,
		       s->tx_bytes, s->rx_bytes);
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "role", json_object_new_string(s->role ? "responder" :
								  "initiator"));
	json_object_object_add(o, "peer_addr", json_object_new_string(addr));
	json_object_object_add(o, "suite", json_object_new_int(s->suite));
	json_object_object_add(o, "auth", json_object_new_string(
			       s->auth == DUET_AUTH_CERT ? "cert" : "psk"));
	json_object_object_add(o, "peer", json_object_new_string(peer));
	json_object_object_add(o, "tx_bytes", json_object_new_uint64(s->tx_bytes));
	json_object_object_add(o, "rx_bytes", json_object_new_uint64(s->rx_bytes));
	json_object_array_add(c->list, o);
	return 0;
}

static int sessions_dump(struct call *c)
{
	return duet_sessions_list(c->nl, session, c);
}

static int sessions(struct duet_nl *nl, void *arg)
{
	((struct call *)arg)->nl = nl;
	return listing(arg, sessions_dump);
}

int sessions_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct call c = { .opts = opts };

	(void)argv;
	if (duetctl_no_args(argc, "sessions"))
		return 2;
	return with_nl(sessions, &c, "sessions");
}

struct trust_out {
	const struct duetctl_opts *opts;
	struct json_object *anchors, *crls;
	int truncated;
};

static struct json_object *trust_json(const struct duet_trust_entry *e)
{
	struct json_object *o = json_object_new_object();
	char hex[65], t[32] = "";

	if (e->not_after)
		when(e->not_after, t, sizeof(t));
	if (e->crl) {
		json_object_object_add(o, "issuer", json_object_new_string(e->subject));
		json_object_object_add(o, "next_update", e->not_after ?
				       json_object_new_string(t) : NULL);
		json_object_object_add(o, "revoked", json_object_new_uint64(e->entries));
		return o;
	}
	duetctl_id_hex(e->id, hex);
	json_object_object_add(o, "id", json_object_new_string(hex));
	json_object_object_add(o, "subject", json_object_new_string(e->subject));
	json_object_object_add(o, "not_after", json_object_new_string(t));
	return o;
}

static int trust_entry(const struct duet_trust_entry *e, void *arg)
{
	struct trust_out *o = arg;
	char hex[65], t[32] = "none";

	if (o->opts->json) {
		json_object_array_add(e->crl ? o->crls : o->anchors, trust_json(e));
		return 0;
	}
	if (e->not_after)
		when(e->not_after, t, sizeof(t));
	if (e->crl) {
		printf("crl    next update %s  %u revoked  %s\n", t, e->entries, e->subject);
	} else {
		duetctl_id_hex(e->id, hex);
		printf("anchor %s until %s  %s\n", hex, t, e->subject);
	}
	return 0;
}

static int trust(struct duet_nl *nl, void *arg)
{
	struct trust_out *o = arg;
	struct json_object *doc;
	int err;

	if (o->opts->json) {
		o->anchors = json_object_new_array();
		o->crls = json_object_new_array();
	}
	err = duet_trust_list(nl, trust_entry, o, &o->truncated);
	if (o->opts->json) {
		doc = json_object_new_object();
		json_object_object_add(doc, "anchors", o->anchors);
		json_object_object_add(doc, "crls", o->crls);
		json_object_object_add(doc, "truncated", json_object_new_boolean(o->truncated));
		if (err)
			json_object_put(doc);
		else
			duetctl_print_json(doc, o->opts);
	} else if (!err && o->truncated) {
		printf("(more: the helper's answer is limited to %u bytes)\n",
		       DUET_MAX_TRUST_LEN);
	}
	return err;
}

int trust_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct trust_out o = { .opts = opts };

	(void)argv;
	if (duetctl_no_args(argc, "trust"))
		return 2;
	return with_nl(trust, &o, "trust");
}
