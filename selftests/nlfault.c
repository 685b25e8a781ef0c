// SPDX-License-Identifier: GPL-2.0
/*
 * nlfault ROUNDS ID_HEX: every duet netlink command of libduet (the
 * broker's too: with no link here, refused once parsed), ROUNDS times, as
 * a make-it-fail task (faults.sh: failslab fails some of the allocations
 * of its system calls; lib/failmark.h). It unmarks itself before printing
 * "calls N ok N" and, per errno, "errno NAME COUNT". ID_HEX: an identity
 * for the SA, broker and cache commands.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet.h"
#include "duet_nl.h"
#include "lib/failmark.h"

#define NOOP(name, type) \
	static int name(const type *e, void *arg) { (void)e; (void)arg; return 0; }
NOOP(noop_psk, struct duet_psk_entry)
NOOP(noop_ident, struct duet_ident_info)
NOOP(noop_session, struct duet_session_info)
NOOP(noop_ticket, struct duet_ticket_entry)
NOOP(noop_trust, struct duet_trust_entry)
NOOP(noop_link, struct duet_link_info)
NOOP(noop_sa, struct duet_sa_info)

static int errs[256];
static long calls, ok;

static void count(int err)
{
	calls++;
	if (!err)
		ok++;
	else
		errs[(err < 0 ? -err : err) & 255]++;
}

static void round_once(const uint8_t *id, int r)
{
	uint8_t members[2 * DUET_ID_LEN], sa[DUET_SA_ID_LEN], out[64];
	static uint8_t blob[DUET_MAX_BLOB_LEN], blob2[DUET_MAX_BLOB_LEN];
	struct duet_sa_params p = { .members = members, .n = 2 };
	struct duet_ident_info info;
	struct duet_status st;
	struct duet_nl *nl = NULL;
	char psk_id[24], key[32] = { 1 };
	size_t len = sizeof(out);
	size_t blen = sizeof(blob), blen2 = sizeof(blob2);
	uint64_t ns;
	uint32_t n, gen;
	int trunc, err;

	err = duet_nl_open(&nl);
	count(err);
	if (err)
		return;
	memcpy(members, id, DUET_ID_LEN);
	memcpy(members + DUET_ID_LEN, id, DUET_ID_LEN);
	snprintf(psk_id, sizeof(psk_id), "fault-%d", r);
	count(duet_status_get(nl, &st));
	count(duet_psk_add(nl, psk_id, strlen(psk_id), key, sizeof(key)));
	count(duet_psk_list(nl, noop_psk, NULL));
	count(duet_psk_del(nl, psk_id, strlen(psk_id)));
	count(duet_helper_ping(nl, "x", 1, out, &len, &ns));
	count(duet_identity_get(nl, &info));
	count(duet_cache_list(nl, noop_ident, NULL));
	count(duet_sessions_list(nl, noop_session, NULL));
	count(duet_tickets_list(nl, noop_ticket, NULL));
	count(duet_tickets_flush(nl, 0, &n));
	count(duet_trust_list(nl, noop_trust, NULL, &trunc));
	count(duet_links_list(nl, noop_link, NULL));
	err = duet_sa_create(nl, &p, sa);
	count(err);
	count(duet_sas_list(nl, noop_sa, NULL));
	/* the broker's commands: no link here, so most are refused (ENOKEY) */
	if (!err) {
		count(duet_sa_member_add(nl, sa, id));
		count(duet_sa_wrap(nl, sa, id, blob, &blen));
		count(duet_sa_del(nl, sa));
	}
	memset(blob, r, sizeof(blob));
	count(duet_sa_install(nl, blob, 200, sa, &gen));
	count(duet_sa_rewrap(nl, blob, 200, id, blob2, &blen2));
	blen = sizeof(blob);
	count(duet_link_next(nl, id, blob, &blen, &gen));
	count(duet_link_commit(nl, id, 1));
	count(duet_links_flush(nl, 0, &n));
	duet_nl_close(nl);
}

int main(int argc, char **argv)
{
	uint8_t id[DUET_ID_LEN];
	int rounds, r, i;

	if (argc != 3 || (rounds = atoi(argv[1])) < 1 ||
	    duet_hex_parse(argv[2], id, sizeof(id))) {
		fprintf(stderr, "usage: nlfault ROUNDS ID_HEX\n");
		return 2;
	}
	if (fail_mark(1))
		return perror("nlfault: make-it-fail"), 1;
	for (r = 0; r < rounds; r++)
		round_once(id, r);
	if (fail_mark(0))
		return 1;	/* still marked: printing might fail */
	printf("calls %ld ok %ld\n", calls, ok);
	for (i = 0; i < 256; i++)
		if (errs[i])
			printf("errno %s %d\n", strerrorname_np(i) ?: "?", errs[i]);
	return 0;
}
