/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETCTL_H
#define DUETCTL_H

#include <stdbool.h>
#include <stddef.h>

struct json_object;

struct duetctl_opts {
	bool json;
	bool pretty;
};

/* Each subcommand: argv[0] is its name. Returns the process exit status. */
int status_main(int argc, char **argv, const struct duetctl_opts *opts);
int psk_main(int argc, char **argv, const struct duetctl_opts *opts);
int helper_main(int argc, char **argv, const struct duetctl_opts *opts);
int stats_main(int argc, char **argv, const struct duetctl_opts *opts);
int identity_main(int argc, char **argv, const struct duetctl_opts *opts);
int trust_main(int argc, char **argv, const struct duetctl_opts *opts);
int cache_main(int argc, char **argv, const struct duetctl_opts *opts);
int revoke_main(int argc, char **argv, const struct duetctl_opts *opts);
int sessions_main(int argc, char **argv, const struct duetctl_opts *opts);
int tickets_main(int argc, char **argv, const struct duetctl_opts *opts);
int broker_main(int argc, char **argv, const struct duetctl_opts *opts);

/* "0a1b..." (64 hex digits) into id; -1 if it is not one. */
int duetctl_parse_id(const char *hex, unsigned char id[32]);
/* Hex digits into at most max bytes: how many, or -1. */
long duetctl_parse_hex(const char *hex, unsigned char *out, size_t max);
void duetctl_id_hex(const unsigned char id[32], char hex[65]);
/* n bytes as 2n hex digits and a NUL into hex. */
void duetctl_hex(const unsigned char *b, size_t n, char *hex);
/* A subcommand that takes no arguments: 0 if it got none, else usage, 2. */
int duetctl_no_args(int argc, const char *name);
/* A struct sockaddr_in or _in6 as "1.2.3.4:80" or "[::1]:80". */
void duetctl_addr_str(const void *addr, size_t addr_len, char *buf, size_t len);

/* Print a JSON document on stdout, as -p asks, and release it. */
void duetctl_print_json(struct json_object *obj, const struct duetctl_opts *opts);
/* Report a failed call: "duetctl: WHAT: strerror(-err)", with a hint. */
int duetctl_fail(const char *what, int err);

#endif /* DUETCTL_H */
