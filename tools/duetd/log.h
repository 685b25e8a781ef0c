/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_LOG_H
#define DUETD_LOG_H

/* A line for the operator: stderr ("duetd: ..."), or syslog when set. */
extern int duetd_use_syslog;

__attribute__((format(printf, 1, 2)))
void logmsg(const char *fmt, ...);

#endif /* DUETD_LOG_H */
