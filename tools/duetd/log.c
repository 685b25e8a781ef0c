// SPDX-License-Identifier: GPL-2.0
/* duetd's messages to the operator. */

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "log.h"

int duetd_use_syslog;

void logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (duetd_use_syslog) {
		vsyslog(LOG_NOTICE, fmt, ap);
	} else {
		fputs("duetd: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
