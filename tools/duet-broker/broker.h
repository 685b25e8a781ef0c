/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUET_BROKER_H
#define DUET_BROKER_H

extern int bk_verbose;

/* "duet-broker: ..." on stderr when -v. */
void bk_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "duet-broker: WHAT: strerror(-err)"; returns 1. */
int bk_fail(const char *what, int err);

int serve_main(const char *port, const char *uplink_host,
	       const char *uplink_port, const char *policy);
int agent_main(const char *host, const char *port, long refresh);
int agent_ask(int argc, char **argv);

#endif /* DUET_BROKER_H */
