// SPDX-License-Identifier: GPL-2.0
/*
 * duetctl: administer the duet module in this network namespace.
 * One dispatch table; one file per subcommand.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json.h>

#include "duet.h"
#include "duetctl.h"

static const struct {
	const char *name;
	int (*main)(int argc, char **argv, const struct duetctl_opts *opts);
	const char *help;
} subcommands[] = {
	{ "status", status_main, "show the module's state in this namespace" },
	{ "psk", psk_main, "add ID FILE | del ID | list: pre-shared keys" },
	{ "helper", helper_main, "ping [DATA]: a round trip through duetd" },
	{ "stats", stats_main, "this namespace's counters, all of them" },
	{ "identity", identity_main, "this namespace's identity (from duetd)" },
	{ "trust", trust_main, "the trust anchors and CRLs duetd verifies with" },
	{ "cache", cache_main, "list | flush [ID]: the certificate cache" },
	{ "revoke", revoke_main, "ID: refuse a certificate, close its sessions" },
	{ "sessions", sessions_main, "the established sessions" },
	{ "tickets", tickets_main, "list | flush [held|issued] | set [lifetime S] [uses N]" },
	{ "broker", broker_main, "link keys and SAs; the broker's primitives (see duetctl(8))" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: duetctl [-j] [-p] <command> [args]\n"
		   "  -j  JSON output\n"
		   "  -p  pretty JSON\n"
		   "commands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-10s %s\n", subcommands[i].name, subcommands[i].help);
}

void duetctl_print_json(struct json_object *obj, const struct duetctl_opts *opts)
{
	int flags = opts->pretty ? JSON_C_TO_STRING_PRETTY : JSON_C_TO_STRING_PLAIN;

	puts(json_object_to_json_string_ext(obj, flags | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
}

int duetctl_parse_id(const char *hex, unsigned char id[32])
{
	return duet_hex_parse(hex, id, 32) ? -1 : 0;
}

long duetctl_parse_hex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = strlen(hex);

	if (!n || n % 2 || n / 2 > max || duet_hex_parse(hex, out, n / 2))
		return -1;
	return n / 2;
}

void duetctl_hex(const unsigned char *b, size_t n, char *hex)
{
	duet_hex_print(b, n, hex);
}

void duetctl_id_hex(const unsigned char id[32], char hex[65])
{
	duetctl_hex(id, 32, hex);
}

int duetctl_no_args(int argc, const char *name)
{
	if (argc == 1)
		return 0;
	fprintf(stderr, "usage: duetctl %s\n", name);
	return 2;
}

void duetctl_addr_str(const void *addr, size_t addr_len, char *buf, size_t len)
{
	const struct sockaddr_in *in = addr;
	const struct sockaddr_in6 *in6 = addr;
	char ip[INET6_ADDRSTRLEN] = "?";

	if (addr_len >= sizeof(*in) && in->sin_family == AF_INET) {
		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s:%u", ip, ntohs(in->sin_port));
	} else if (addr_len >= sizeof(*in6) && in6->sin6_family == AF_INET6) {
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, len, "[%s]:%u", ip, ntohs(in6->sin6_port));
	} else {
		snprintf(buf, len, "?");
	}
}

int duetctl_fail(const char *what, int err)
{
	fprintf(stderr, "duetctl: %s: %s\n", what, strerror(-err));
	if (err == -ENOENT && !strcmp(what, "netlink"))
		fprintf(stderr, "duetctl: is the duet module loaded?\n");
	if (err == -ENOKEY && (!strcmp(what, "helper ping") || !strcmp(what, "trust")))
		fprintf(stderr, "duetctl: no helper (duetd) runs in this namespace\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct duetctl_opts opts = { 0 };
	int i = 1;
	size_t k;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j")) {
			opts.json = true;
		} else if (!strcmp(argv[i], "-p")) {
			opts.json = opts.pretty = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "duetctl: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	for (k = 0; k < sizeof(subcommands) / sizeof(subcommands[0]); k++)
		if (!strcmp(argv[i], subcommands[k].name))
			return subcommands[k].main(argc - i, argv + i, &opts);

	fprintf(stderr, "duetctl: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return 2;
}
