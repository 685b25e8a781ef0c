// SPDX-License-Identifier: GPL-2.0
/*
 * duetctl broker: this namespace's link keys and security associations
 * (generations, members, limits; never a key), and the broker's
 * primitives one by one, for operators and tests. duet-broker does the
 * same through libduet. Blobs are printed and read as hex.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

#define SA_HEX (2 * DUET_SA_ID_LEN + 1)
#define USAGE (-1000)		/* bad arguments, not a kernel answer */

struct listing {
	struct json_object *links, *sas;
};

static const char *link_role(uint32_t role)
{
	return role == DUET_LINK_PARTY ? "broker" : "party";
}

static int show_link(const struct duet_link_info *l, void *arg)
{
	char peer[65], chain[17];
	struct listing *ls = arg;
	struct json_object *o;

	duetctl_id_hex(l->peer, peer);
	duetctl_hex(l->chain, sizeof(l->chain), chain);
	if (!ls->links) {
		printf("link %-6s %s  chain %s  gen %" PRIu32 "%s  seq %" PRIu64
		       "  chain age %" PRIu64 " s, refreshed %" PRIu64 " s ago\n",
		       link_role(l->role), peer, chain, l->gen,
		       l->pending ? " (next key pending)" : "", l->seq, l->age,
		       l->refreshed);
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "peer", json_object_new_string(peer));
	json_object_object_add(o, "peer_is", json_object_new_string(link_role(l->role)));
	json_object_object_add(o, "chain", json_object_new_string(chain));
	json_object_object_add(o, "gen", json_object_new_uint64(l->gen));
	json_object_object_add(o, "pending", json_object_new_boolean(l->pending));
	json_object_object_add(o, "seq", json_object_new_uint64(l->seq));
	json_object_object_add(o, "age", json_object_new_uint64(l->age));
	json_object_object_add(o, "refreshed", json_object_new_uint64(l->refreshed));
	json_object_array_add(ls->links, o);
	return 0;
}

static int show_sa(const struct duet_sa_info *s, void *arg)
{
	char id[SA_HEX], hex[65];
	struct listing *ls = arg;
	struct json_object *o, *m;
	unsigned int i;

	duetctl_hex(s->id, DUET_SA_ID_LEN, id);
	if (!ls->sas) {
		printf("sa %-6s %s  suite 0x%04x  %u members  expires in %" PRIu64
		       " s  %" PRIu64 " sessions\n", s->role ? "issued" : "held", id,
		       s->suite, s->n_members, s->expires, s->hits);
		for (i = 0; i < s->n_members; i++) {
			duetctl_id_hex(s->members[i], hex);
			printf("    member %s\n", hex);
		}
		return 0;
	}
	o = json_object_new_object();
	m = json_object_new_array();
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "role", json_object_new_string(s->role ? "issued" : "held"));
	if (!s->role) {
		duetctl_id_hex(s->broker, hex);
		json_object_object_add(o, "broker", json_object_new_string(hex));
	}
	json_object_object_add(o, "suite", json_object_new_int(s->suite));
	for (i = 0; i < s->n_members; i++) {
		duetctl_id_hex(s->members[i], hex);
		json_object_array_add(m, json_object_new_string(hex));
	}
	json_object_object_add(o, "members", m);
	json_object_object_add(o, "expires_in", json_object_new_uint64(s->expires));
	if (s->soft >= 0)
		json_object_object_add(o, "soft_in", json_object_new_int64(s->soft));
	json_object_object_add(o, "bytes_hard", json_object_new_uint64(s->bytes_hard));
	json_object_object_add(o, "bytes_soft", json_object_new_uint64(s->bytes_soft));
	json_object_object_add(o, "sessions", json_object_new_uint64(s->hits));
	json_object_array_add(ls->sas, o);
	return 0;
}

static int do_show(struct duet_nl *nl, int argc, char **argv,
		   const struct duetctl_opts *opts)
{
	struct listing ls = { 0 };
	struct json_object *o = NULL;
	int err;

	(void)argv;
	if (argc != 0)
		return USAGE;
	if (opts->json) {
		o = json_object_new_object();
		ls.links = json_object_new_array();
		ls.sas = json_object_new_array();
		json_object_object_add(o, "links", ls.links);
		json_object_object_add(o, "sas", ls.sas);
	}
	err = duet_links_list(nl, show_link, &ls) ?: duet_sas_list(nl, show_sa, &ls);
	if (o && !err)
		duetctl_print_json(o, opts);
	else if (o)
		json_object_put(o);
	return err;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return !*s || *end || errno || *s == '-' ? USAGE : 0;
}

static int parse_id(const char *s, uint8_t *id)
{
	return duetctl_parse_id(s, id) ? USAGE : 0;
}

static int parse_sa(const char *s, uint8_t *id)
{
	return duetctl_parse_hex(s, id, DUET_SA_ID_LEN) != DUET_SA_ID_LEN ? USAGE : 0;
}

static void print_hex(const uint8_t *b, size_t n)
{
	char hex[2 * DUET_MAX_BLOB_LEN + 1];

	duetctl_hex(b, n, hex);
	puts(hex);
}

/* sa-create MEMBER MEMBER... [suite N] [lifetime S] [soft S] [bytes N] [soft-bytes N] */
static int do_create(struct duet_nl *nl, int argc, char **argv,
		     const struct duetctl_opts *opts)
{
	uint8_t members[DUET_MAX_SA_MEMBERS * DUET_ID_LEN], id[DUET_SA_ID_LEN];
	struct duet_sa_params p = { .members = members };
	uint64_t v;
	int i, err;

	(void)opts;
	for (i = 0; i < argc && p.n < DUET_MAX_SA_MEMBERS &&
		    !parse_id(argv[i], members + p.n * DUET_ID_LEN); i++)
		p.n++;
	for (; i + 1 < argc; i += 2) {
		if (parse_u64(argv[i + 1], &v))
			return USAGE;
		if (!strcmp(argv[i], "suite"))
			p.suite = v;
		else if (!strcmp(argv[i], "lifetime"))
			p.lifetime = v;
		else if (!strcmp(argv[i], "soft"))
			p.soft = v;
		else if (!strcmp(argv[i], "bytes"))
			p.bytes_hard = v;
		else if (!strcmp(argv[i], "soft-bytes"))
			p.bytes_soft = v;
		else
			return USAGE;
	}
	if (i != argc || p.n < 2)
		return USAGE;
	err = duet_sa_create(nl, &p, id);
	if (!err)
		print_hex(id, sizeof(id));
	return err;
}

static int do_wrap(struct duet_nl *nl, int argc, char **argv,
		   const struct duetctl_opts *opts)
{
	uint8_t id[DUET_SA_ID_LEN], party[DUET_ID_LEN], blob[DUET_MAX_BLOB_LEN];
	size_t len;
	int err;

	(void)opts;
	if (argc != 2 || parse_sa(argv[0], id) || parse_id(argv[1], party))
		return USAGE;
	err = duet_sa_wrap(nl, id, party, blob, &len);
	if (!err)
		print_hex(blob, len);
	return err;
}

static int do_add(struct duet_nl *nl, int argc, char **argv,
		  const struct duetctl_opts *opts)
{
	uint8_t id[DUET_SA_ID_LEN], member[DUET_ID_LEN];

	(void)opts;
	if (argc != 2 || parse_sa(argv[0], id) || parse_id(argv[1], member))
		return USAGE;
	return duet_sa_member_add(nl, id, member);
}

static int do_install(struct duet_nl *nl, int argc, char **argv,
		      const struct duetctl_opts *opts)
{
	uint8_t blob[DUET_MAX_BLOB_LEN], id[DUET_SA_ID_LEN];
	uint32_t gen;
	long len;
	int err;

	(void)opts;
	len = argc == 1 ? duetctl_parse_hex(argv[0], blob, sizeof(blob)) : -1;
	if (len < 0)
		return USAGE;
	err = duet_sa_install(nl, blob, len, id, &gen);
	if (err)
		return err;
	if (gen) {
		printf("link gen %" PRIu32 "\n", gen);
		return 0;
	}
	printf("sa ");
	print_hex(id, sizeof(id));
	return 0;
}

static int do_rewrap(struct duet_nl *nl, int argc, char **argv,
		     const struct duetctl_opts *opts)
{
	uint8_t in[DUET_MAX_BLOB_LEN], out[DUET_MAX_BLOB_LEN], party[DUET_ID_LEN];
	size_t out_len;
	long len;
	int err;

	(void)opts;
	len = argc == 2 ? duetctl_parse_hex(argv[0], in, sizeof(in)) : -1;
	if (len < 0 || parse_id(argv[1], party))
		return USAGE;
	err = duet_sa_rewrap(nl, in, len, party, out, &out_len);
	if (!err)
		print_hex(out, out_len);
	return err;
}

static int do_del(struct duet_nl *nl, int argc, char **argv,
		  const struct duetctl_opts *opts)
{
	uint8_t id[DUET_SA_ID_LEN];

	(void)opts;
	if (argc != 1 || parse_sa(argv[0], id))
		return USAGE;
	return duet_sa_del(nl, id);
}

static int do_next(struct duet_nl *nl, int argc, char **argv,
		   const struct duetctl_opts *opts)
{
	uint8_t party[DUET_ID_LEN], blob[DUET_MAX_BLOB_LEN];
	uint32_t gen;
	size_t len;
	int err;

	(void)opts;
	if (argc != 1 || parse_id(argv[0], party))
		return USAGE;
	err = duet_link_next(nl, party, blob, &len, &gen);
	if (!err) {
		printf("%" PRIu32 " ", gen);
		print_hex(blob, len);
	}
	return err;
}

static int do_commit(struct duet_nl *nl, int argc, char **argv,
		     const struct duetctl_opts *opts)
{
	uint8_t party[DUET_ID_LEN];
	uint64_t gen;

	(void)opts;
	if (argc != 2 || parse_id(argv[0], party) || parse_u64(argv[1], &gen) ||
	    gen > UINT32_MAX)
		return USAGE;
	return duet_link_commit(nl, party, gen);
}

static int do_flush(struct duet_nl *nl, int argc, char **argv,
		    const struct duetctl_opts *opts)
{
	uint32_t role = 0, n;
	int err;

	(void)opts;
	if (argc == 1 && !strcmp(argv[0], "party"))
		role = DUET_LINK_PARTY;		/* our links to brokers */
	else if (argc == 1 && !strcmp(argv[0], "broker"))
		role = DUET_LINK_BROKER;	/* our links to our parties */
	else if (argc != 0)
		return USAGE;
	err = duet_links_flush(nl, role, &n);
	if (!err)
		printf("%" PRIu32 " link key(s) flushed\n", n);
	return err;
}

static const struct {
	const char *name;
	int (*fn)(struct duet_nl *nl, int argc, char **argv,
		  const struct duetctl_opts *opts);
	const char *usage;
} cmds[] = {
	{ "show", do_show, "[show]" },
	{ "sa-create", do_create, "sa-create ID ID... [suite N] [lifetime S] [soft S] [bytes N] [soft-bytes N]" },
	{ "wrap", do_wrap, "wrap SA PARTY-ID" },
	{ "add", do_add, "add SA MEMBER-ID" },
	{ "install", do_install, "install BLOB" },
	{ "rewrap", do_rewrap, "rewrap BLOB PARTY-ID" },
	{ "del", do_del, "del SA" },
	{ "next", do_next, "next PARTY-ID" },
	{ "commit", do_commit, "commit PARTY-ID GEN" },
	{ "flush", do_flush, "flush [party|broker]" },
};

int broker_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	const char *cmd = argc > 1 ? argv[1] : "show";
	struct duet_nl *nl;
	size_t i;
	int err;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(cmd, cmds[i].name))
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0]))
		goto usage;
	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	err = cmds[i].fn(nl, argc > 2 ? argc - 2 : 0, argv + 2, opts);
	duet_nl_close(nl);
	if (err == USAGE)
		goto usage;
	return err ? duetctl_fail("broker", err) : 0;
usage:
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(stderr, "%s duetctl broker %s\n", i ? "      " : "usage:",
			cmds[i].usage);
	return 2;
}
