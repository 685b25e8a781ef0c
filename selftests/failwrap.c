// SPDX-License-Identifier: GPL-2.0
/*
 * failwrap CMD [ARGS...]: run CMD as a make-it-fail task, so the kernel's
 * failslab (task-filter Y) fails some of the allocations of its system
 * calls (debug kernels: faults.sh). Marks itself, then execs CMD, trying
 * again while the exec itself is what fails (ENOMEM, or E2BIG when copying
 * the arguments failed).
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd, i;

	if (argc < 2) {
		fprintf(stderr, "usage: failwrap CMD [ARGS...]\n");
		return 2;
	}
	fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1)
		return perror("failwrap: make-it-fail"), 1;
	close(fd);
	for (i = 0; i < 100; i++) {
		execvp(argv[1], argv + 1);
		if (errno != ENOMEM && errno != EAGAIN && errno != E2BIG)
			break;
	}
	perror(argv[1]);
	return 127;
}
