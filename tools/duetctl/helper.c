// SPDX-License-Identifier: GPL-2.0
/* duetctl helper ping [DATA]: is this namespace's helper there and answering? */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

int helper_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	const char *data = argc > 2 ? argv[2] : "ping";
	char out[DUET_MAX_PING_DATA + 1];
	struct duet_nl *nl;
	struct json_object *o;
	size_t out_len = 0;
	uint64_t ns = 0;
	int err;

	if (argc < 2 || argc > 3 || strcmp(argv[1], "ping")) {
		fprintf(stderr, "usage: duetctl helper ping [DATA]\n");
		return 2;
	}
	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	err = duet_helper_ping(nl, data, strlen(data), out, &out_len, &ns);
	duet_nl_close(nl);
	if (err)
		return duetctl_fail("helper ping", err);
	out[out_len] = 0;
	if (!opts->json) {
		printf("helper answered '%s' in %.3f ms\n", out, ns / 1e6);
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "data", json_object_new_string(out));
	json_object_object_add(o, "ns", json_object_new_uint64(ns));
	duetctl_print_json(o, opts);
	return 0;
}
