// SPDX-License-Identifier: LGPL-2.1
/* DUET_CMD_STATUS: the module's version, family and counters. */

#include <errno.h>
#include <string.h>

#include "duet_nl.h"

static const char *const duet_stat_names[DUET_STAT_MAX + 1] = {
	[DUET_STAT_SOCKETS_CREATED] = "sockets_created",
	[DUET_STAT_SOCKETS_ACTIVE] = "sockets_active",
	[DUET_STAT_HANDSHAKES_STARTED] = "handshakes_started",
	[DUET_STAT_HANDSHAKES_DONE] = "handshakes_done",
	[DUET_STAT_HANDSHAKES_DROPPED] = "handshakes_dropped",
	[DUET_STAT_FAIL_PROTO] = "fail_proto",
	[DUET_STAT_FAIL_STALE] = "fail_stale",
	[DUET_STAT_FAIL_UNKNOWN_KEY] = "fail_unknown_key",
	[DUET_STAT_FAIL_KEY_REJECTED] = "fail_key_rejected",
	[DUET_STAT_FAIL_TIMEOUT] = "fail_timeout",
	[DUET_STAT_FAIL_OTHER] = "fail_other",
	[DUET_STAT_BAD_RECORDS] = "bad_records",
	[DUET_STAT_KEY_UPDATES] = "key_updates",
	[DUET_STAT_REPLAY_ENTRIES] = "replay_entries",
	[DUET_STAT_UPCALLS] = "upcalls",
	[DUET_STAT_UPCALLS_FAILED] = "upcalls_failed",
	[DUET_STAT_UPCALLS_REFUSED] = "upcalls_refused",
	[DUET_STAT_FAIL_EXPIRED] = "fail_expired",
	[DUET_STAT_FAIL_REVOKED] = "fail_revoked",
	[DUET_STAT_CACHE_HITS] = "cache_hits",
	[DUET_STAT_CACHE_MISSES] = "cache_misses",
	[DUET_STAT_CACHE_ENTRIES] = "cache_entries",
	[DUET_STAT_SESSIONS_ACTIVE] = "sessions_active",
	[DUET_STAT_SESSIONS_REVOKED] = "sessions_revoked",
	[DUET_STAT_PK_OPS] = "pk_ops",
	[DUET_STAT_RESUMED] = "resumed",
	[DUET_STAT_RESUME_REFUSED] = "resume_refused",
	[DUET_STAT_TICKETS_ISSUED] = "tickets_issued",
	[DUET_STAT_TICKET_ENTRIES] = "ticket_entries",
	[DUET_STAT_TICKETS_EVICTED] = "tickets_evicted",
	[DUET_STAT_EARLY_ACCEPTED] = "early_accepted",
	[DUET_STAT_EARLY_REJECTED] = "early_rejected",
	[DUET_STAT_SA_SESSIONS] = "sa_sessions",
	[DUET_STAT_SA_REFUSED] = "sa_refused",
	[DUET_STAT_SA_EXPIRED] = "sa_expired",
	[DUET_STAT_LINK_ENTRIES] = "link_entries",
	[DUET_STAT_SA_ENTRIES] = "sa_entries",
	[DUET_STAT_UNWRAP_FAILED] = "unwrap_failed",
	[DUET_STAT_HS_PENDING] = "hs_pending",
	[DUET_STAT_COOKIES_SENT] = "cookies_sent",
	[DUET_STAT_COOKIES_BAD] = "cookies_bad",
	[DUET_STAT_RATE_LIMITED] = "rate_limited",
};


const char *duet_stat_name(unsigned int stat)
{
	return stat <= DUET_STAT_MAX ? duet_stat_names[stat] : NULL;
}

static int duet_stats_from_attr(struct nlattr *nest, uint64_t *stats)
{
	struct nlattr *tb[DUET_STAT_MAX + 1];
	unsigned int i;

	if (nla_parse_nested(tb, DUET_STAT_MAX, nest, NULL) < 0)
		return -EBADMSG;
	for (i = 0; i <= DUET_STAT_MAX; i++) {
		stats[i] = 0;
		if (!duet_stat_names[i] || !tb[i])
			continue;
		if (nla_len(tb[i]) != sizeof(uint64_t))	/* every counter is a u64 */
			return -EBADMSG;
		stats[i] = nla_get_u64(tb[i]);
	}
	return 0;
}

int duet_status_from_attrs(struct nlattr **tb, struct duet_status *st)
{
	memset(st, 0, sizeof(*st));
	if (!tb[DUET_ATTR_VERSION] || !tb[DUET_ATTR_PROTOCOL] ||
	    !tb[DUET_ATTR_FAMILY] || !tb[DUET_ATTR_NETNS_COOKIE] ||
	    !tb[DUET_ATTR_STATS])
		return -EBADMSG;
	if (nla_strlcpy(st->version, tb[DUET_ATTR_VERSION],
			sizeof(st->version)) >= sizeof(st->version))
		return -EBADMSG;
	st->protocol = nla_get_u32(tb[DUET_ATTR_PROTOCOL]);
	st->family = nla_get_u32(tb[DUET_ATTR_FAMILY]);
	st->netns_cookie = nla_get_u64(tb[DUET_ATTR_NETNS_COOKIE]);
	if (tb[DUET_ATTR_LIFETIME])
		st->ticket_lifetime = nla_get_u32(tb[DUET_ATTR_LIFETIME]);
	if (tb[DUET_ATTR_MAX_USES])
		st->ticket_uses = nla_get_u32(tb[DUET_ATTR_MAX_USES]);
	return duet_stats_from_attr(tb[DUET_ATTR_STATS], st->stats);
}

static int duet_status_parse(struct nlattr **tb, void *arg)
{
	return duet_status_from_attrs(tb, arg);
}

int duet_status_get(struct duet_nl *nl, struct duet_status *st)
{
	return duet_nl_call(nl, DUET_CMD_STATUS, 0, NULL, duet_status_parse, st);
}
