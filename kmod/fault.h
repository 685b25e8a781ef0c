/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_FAULT_H
#define _DUET_FAULT_H

#include <linux/sched.h>

/*
 * Allocation failure injection, on kernels built with fault injection
 * (make check-debug's). A process marked in /proc/PID/make-it-fail has
 * its allocations failed by failslab's task filter, in its system calls
 * into duet included; with the module parameter fault_work set, duet's
 * own work items (handshake steps, sending, freeing) run marked too, so
 * the responder's side of a handshake fails the same way. Elsewhere
 * these are empty.
 */
#ifdef CONFIG_FAULT_INJECTION
extern bool duet_fault_work;

static inline unsigned int duet_fault_enter(void)
{
	unsigned int old = current->make_it_fail;

	if (READ_ONCE(duet_fault_work))
		current->make_it_fail = 1;
	return old;
}

static inline void duet_fault_exit(unsigned int old)
{
	current->make_it_fail = old;
}
#else
static inline unsigned int duet_fault_enter(void)
{
	return 0;
}

static inline void duet_fault_exit(unsigned int old)
{
}
#endif

#endif /* _DUET_FAULT_H */
