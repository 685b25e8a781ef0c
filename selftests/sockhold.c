// SPDX-License-Identifier: GPL-2.0
/*
 * sockhold [-f FAMILY] N: open N AF_DUET stream sockets, print "ready", and
 * hold them until standard input closes. Shell tests use it to keep
 * sockets alive (in a namespace, across an rmmod attempt). Exits 1 with
 * the errno name when socket() fails.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "duet.h"

int main(int argc, char **argv)
{
	int af = 0, n, i, opt;
	char c;

	while ((opt = getopt(argc, argv, "f:")) != -1) {
		if (opt != 'f')
			goto usage;
		af = atoi(optarg);
	}
	if (optind != argc - 1)
		goto usage;
	n = atoi(argv[optind]);
	if (!af)
		af = duet_family();
	if (af < 0) {
		fprintf(stderr, "sockhold: duet_family: %s\n", strerror(-af));
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (socket(af, SOCK_STREAM, 0) < 0) {
			fprintf(stderr, "sockhold: socket: %s\n", strerrorname_np(errno));
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	return 0;

usage:
	fprintf(stderr, "usage: sockhold [-f FAMILY] N\n");
	return 2;
}
