// SPDX-License-Identifier: GPL-2.0
/*
 * duet-broker: the key broker and its party agent (duet-broker(8)).
 *   duet-broker [-v] serve [-p PORT] [-u HOST PORT] [-P POLICY]
 *   duet-broker [-v] join HOST PORT [-r SECONDS]
 *   duet-broker request ID... [lifetime S] [bytes N]
 *   duet-broker add SA ID
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"
#include "duet.h"

int bk_verbose;

void bk_log(const char *fmt, ...)
{
	va_list ap;

	if (!bk_verbose)
		return;
	va_start(ap, fmt);
	fputs("duet-broker: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int bk_fail(const char *what, int err)
{
	fprintf(stderr, "duet-broker: %s: %s\n", what, strerror(-err));
	return 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: duet-broker [-v] serve [-p PORT] [-u HOST PORT] [-P POLICY]\n"
			"       duet-broker [-v] join HOST PORT [-r SECONDS]\n"
			"       duet-broker request ID... [lifetime S] [bytes N]\n"
			"       duet-broker add SA ID\n");
	return 2;
}

static int cmd_serve(int argc, char **argv)
{
	const char *port = "7100", *up_host = NULL, *up_port = NULL, *policy = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p") && i + 1 < argc)
			port = argv[++i];
		else if (!strcmp(argv[i], "-u") && i + 2 < argc) {
			up_host = argv[++i];
			up_port = argv[++i];
		} else if (!strcmp(argv[i], "-P") && i + 1 < argc)
			policy = argv[++i];
		else
			return usage();
	}
	return serve_main(port, up_host, up_port, policy);
}

static int cmd_join(int argc, char **argv)
{
	long refresh = 86400;

	if (argc == 5 && !strcmp(argv[3], "-r"))
		refresh = strtol(argv[4], NULL, 10);
	else if (argc != 3)
		return usage();
	if (refresh < 0)
		return usage();
	return agent_main(argv[1], argv[2], refresh);
}

static int cmd_ask(int argc, char **argv)
{
	return argc < 2 ? usage() : agent_ask(argc, argv);
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "serve", cmd_serve },
	{ "join", cmd_join },
	{ "request", cmd_ask },
	{ "add", cmd_ask },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		bk_verbose = 1;
		argc--;
		argv++;
	}
	if (argc < 2)
		return usage();
	if (duet_family() < 0)
		return bk_fail("AF_DUET (is the duet module loaded?)", duet_family());
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	return usage();
}
