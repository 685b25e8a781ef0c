// SPDX-License-Identifier: GPL-2.0
/*
 * duetctl tickets [list] | flush [held|issued] | set [lifetime S] [uses N]:
 * the resumption tickets this namespace issued and holds, and what new
 * ones get. Ids, peers, counts and times only: secrets never leave.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

struct listing {
	const struct duetctl_opts *opts;
	struct json_object *list;
};

static int ticket(const struct duet_ticket_entry *e, void *arg)
{
	char id[2 * DUET_TICKET_ID_LEN + 1], peer[65], addr[80] = "-";
	const char *role = e->role ? "issued" : "held";
	struct listing *l = arg;
	struct json_object *o;

	duetctl_hex(e->id, DUET_TICKET_ID_LEN, id);
	duetctl_id_hex(e->peer_id, peer);
	if (e->addr_len)
		duetctl_addr_str(e->addr, e->addr_len, addr, sizeof(addr));
	if (!l->list) {
		printf("%-6s %s  peer %s  %s  suite 0x%04x  %" PRIu32 " uses left, "
		       "expires in %" PRIu64 " s%s\n", role, id, peer, addr, e->suite,
		       e->uses_left, e->expires, e->early ? ", early data" : "");
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "role", json_object_new_string(role));
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "peer", json_object_new_string(peer));
	if (e->addr_len)
		json_object_object_add(o, "peer_addr", json_object_new_string(addr));
	json_object_object_add(o, "suite", json_object_new_int(e->suite));
	json_object_object_add(o, "uses_left", json_object_new_uint64(e->uses_left));
	json_object_object_add(o, "expires_in", json_object_new_uint64(e->expires));
	json_object_object_add(o, "early", json_object_new_boolean(e->early));
	json_object_array_add(l->list, o);
	return 0;
}

static int tickets_list(struct duet_nl *nl, const struct duetctl_opts *opts)
{
	struct listing l = { .opts = opts };
	struct json_object *o = NULL;
	struct duet_status st;
	int err;

	err = duet_status_get(nl, &st);
	if (err)
		return err;
	if (opts->json) {
		o = json_object_new_object();
		l.list = json_object_new_array();
		json_object_object_add(o, "lifetime", json_object_new_uint64(st.ticket_lifetime));
		json_object_object_add(o, "max_uses", json_object_new_uint64(st.ticket_uses));
		json_object_object_add(o, "tickets", l.list);
	} else {
		printf("new tickets: lifetime %" PRIu32 " s, %" PRIu32 " uses%s\n",
		       st.ticket_lifetime, st.ticket_uses,
		       st.ticket_lifetime ? "" : " (none issued)");
	}
	err = duet_tickets_list(nl, ticket, &l);
	if (o && !err)
		duetctl_print_json(o, opts);
	else if (o)
		json_object_put(o);
	return err;
}

static int tickets_flush(struct duet_nl *nl, int argc, char **argv)
{
	int role = -1, err;
	uint32_t n;

	if (argc == 3 && !strcmp(argv[2], "held"))
		role = 0;
	else if (argc == 3 && !strcmp(argv[2], "issued"))
		role = 1;
	else if (argc != 2)
		return -EINVAL;
	err = duet_tickets_flush(nl, role, &n);
	if (!err)
		printf("%" PRIu32 " ticket(s) flushed\n", n);
	return err;
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 ? v : -2;
}

static int tickets_set(struct duet_nl *nl, int argc, char **argv)
{
	long lifetime = -1, uses = -1;
	int i;

	for (i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "lifetime"))
			lifetime = number(argv[i + 1]);
		else if (!strcmp(argv[i], "uses"))
			uses = number(argv[i + 1]);
		else
			return -EINVAL;
	}
	if (i != argc || argc == 2 || lifetime == -2 || uses == -2)
		return -EINVAL;
	return duet_tickets_set(nl, lifetime, uses);
}

int tickets_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	const char *cmd = argc > 1 ? argv[1] : "list";
	struct duet_nl *nl;
	int err;

	if (strcmp(cmd, "list") && strcmp(cmd, "flush") && strcmp(cmd, "set"))
		goto usage;
	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	if (!strcmp(cmd, "list"))
		err = argc > 2 ? -EINVAL : tickets_list(nl, opts);
	else if (!strcmp(cmd, "flush"))
		err = tickets_flush(nl, argc, argv);
	else
		err = tickets_set(nl, argc, argv);
	duet_nl_close(nl);
	if (err == -EINVAL)
		goto usage;
	return err ? duetctl_fail("tickets", err) : 0;
usage:
	fprintf(stderr, "usage: duetctl tickets [list]\n"
			"       duetctl tickets flush [held|issued]\n"
			"       duetctl tickets set [lifetime SECONDS] [uses N]\n");
	return 2;
}
