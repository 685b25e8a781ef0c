/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test programs marking themselves for failslab's task filter (debug
 * kernels, faults.sh): fail_mark(1) locks every page of the process in
 * memory first, so that no page fault of its own reaches the filesystem
 * (9p in the VM) while some of its allocations fail; fail_mark(0)
 * unmarks. 0 or -1.
 */
#ifndef DUET_FAILMARK_H
#define DUET_FAILMARK_H

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

static inline int fail_mark(int on)
{
	int fd, i, w = -1;

	if (on && mlockall(MCL_CURRENT | MCL_FUTURE))
		return -1;
	/* while marked, the open and the write may fail: try again */
	for (i = 0; i < 100 && w != 1; i++) {
		fd = open("/proc/self/make-it-fail", O_WRONLY);
		if (fd < 0)
			continue;
		w = write(fd, on ? "1" : "0", 1);
		close(fd);
	}
	return w == 1 ? 0 : -1;
}

#endif /* DUET_FAILMARK_H */
