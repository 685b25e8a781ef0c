// SPDX-License-Identifier: GPL-2.0
/* The switch of fault.h: duet's work items as make-it-fail tasks. */

#include <linux/moduleparam.h>

#include "fault.h"

#ifdef CONFIG_FAULT_INJECTION
bool duet_fault_work;
module_param_named(fault_work, duet_fault_work, bool, 0644);
MODULE_PARM_DESC(fault_work,
		 "run duet's work items as make-it-fail tasks (failslab's task filter)");
#endif
