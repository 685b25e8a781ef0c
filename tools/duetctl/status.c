// SPDX-License-Identifier: GPL-2.0
/* duetctl status: the module's version, family and this namespace's counters. */

#include <inttypes.h>
#include <stdio.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

static void status_print_json(const struct duet_status *st,
			      const struct duetctl_opts *opts)
{
	struct json_object *obj = json_object_new_object();
	struct json_object *stats = json_object_new_object();
	unsigned int i;

	json_object_object_add(obj, "version", json_object_new_string(st->version));
	json_object_object_add(obj, "protocol", json_object_new_int64(st->protocol));
	json_object_object_add(obj, "family", json_object_new_int64(st->family));
	json_object_object_add(obj, "netns_cookie",
			       json_object_new_uint64(st->netns_cookie));
	for (i = 0; i <= DUET_STAT_MAX; i++)
		if (duet_stat_name(i))
			json_object_object_add(stats, duet_stat_name(i),
					       json_object_new_uint64(st->stats[i]));
	json_object_object_add(obj, "stats", stats);
	duetctl_print_json(obj, opts);
}

static void status_print(const struct duet_status *st)
{
	printf("duet %s, protocol %" PRIu32 ", AF_DUET %" PRIu32 "\n"
	       "  netns:   cookie %" PRIu64 "\n"
	       "  sockets: %" PRIu64 " active, %" PRIu64 " created\n",
	       st->version, st->protocol, st->family, st->netns_cookie,
	       st->stats[DUET_STAT_SOCKETS_ACTIVE],
	       st->stats[DUET_STAT_SOCKETS_CREATED]);
}

int status_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct duet_status st;
	struct duet_nl *nl;
	int err;

	if (duetctl_no_args(argc, "status"))
		return 2;
	(void)argv;

	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	err = duet_status_get(nl, &st);
	duet_nl_close(nl);
	if (err)
		return duetctl_fail("status", err);

	if (opts->json)
		status_print_json(&st, opts);
	else
		status_print(&st);
	return 0;
}

/* duetctl stats: every counter, one per line (or JSON). */
int stats_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	struct json_object *obj;
	struct duet_status st;
	struct duet_nl *nl;
	unsigned int i;
	int err;

	(void)argv;
	if (duetctl_no_args(argc, "stats"))
		return 2;
	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	err = duet_status_get(nl, &st);
	duet_nl_close(nl);
	if (err)
		return duetctl_fail("stats", err);
	if (opts->json) {
		obj = json_object_new_object();
		for (i = 0; i <= DUET_STAT_MAX; i++)
			if (duet_stat_name(i))
				json_object_object_add(obj, duet_stat_name(i),
						       json_object_new_uint64(st.stats[i]));
		duetctl_print_json(obj, opts);
		return 0;
	}
	for (i = 0; i <= DUET_STAT_MAX; i++)
		if (duet_stat_name(i))
			printf("%-22s %" PRIu64 "\n", duet_stat_name(i), st.stats[i]);
	return 0;
}
