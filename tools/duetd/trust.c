// SPDX-License-Identifier: GPL-2.0
/*
 * What this duetd trusts, for `duetctl trust`: every certificate in
 * trust_dir's *.pem files and every CRL in crl_dir's *.crl and *.pem
 * files, read as certs.c reads them for each verification (what cannot
 * be read is skipped here as it is there).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <linux/duet.h>

#include "certs.h"
#include "trust.h"

struct list {
	struct nl_msg *msg;
	size_t used;			/* bytes of both lists so far */
	int n;				/* entries in the current list */
	int truncated;
};

static int64_t asn1_time(const ASN1_TIME *t)
{
	struct tm tm;

	return t && ASN1_TIME_to_tm(t, &tm) ? (int64_t)timegm(&tm) : 0;
}

/* One entry (id NULL: a CRL's), kept only if the lists still fit. */
static int put_entry(struct list *l, const uint8_t *id, const char *subject,
		     int64_t when, int entries)
{
	struct nlattr *e = nla_nest_start(l->msg, l->n + 1);

	if (!e)
		goto full;
	if ((id && nla_put(l->msg, DUET_ATTR_ID, DUET_ID_LEN, id)) ||
	    nla_put_string(l->msg, DUET_ATTR_SUBJECT, subject) ||
	    nla_put_u64(l->msg, DUET_ATTR_NOT_AFTER, when) ||
	    (!id && nla_put_u32(l->msg, DUET_ATTR_ENTRIES, entries)))
		goto cancel;
	nla_nest_end(l->msg, e);
	if (l->used + NLA_ALIGN(e->nla_len) > DUET_MAX_TRUST_LEN)
		goto cancel;
	l->used += NLA_ALIGN(e->nla_len);
	l->n++;
	return 0;

cancel:
	nla_nest_cancel(l->msg, e);
full:
	l->truncated = 1;
	return -EMSGSIZE;
}

static int put_file_anchors(struct list *l, FILE *f)
{
	char subject[DUET_MAX_SUBJECT_LEN];
	uint8_t id[DUET_ID_LEN];
	X509 *cert;
	int err = 0;

	while (!err && (cert = PEM_read_X509(f, NULL, NULL, NULL))) {
		X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof(subject));
		if (!duetd_key_id(cert, id))
			err = put_entry(l, id, subject, asn1_time(X509_get0_notAfter(cert)), 0);
		X509_free(cert);
	}
	return err;
}

static int put_file_crls(struct list *l, FILE *f)
{
	char issuer[DUET_MAX_SUBJECT_LEN];
	X509_CRL *crl;
	int err = 0;

	while (!err && (crl = PEM_read_X509_CRL(f, NULL, NULL, NULL))) {
		int n = sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl));	/* -1: none */

		X509_NAME_oneline(X509_CRL_get_issuer(crl), issuer, sizeof(issuer));
		err = put_entry(l, NULL, issuer, asn1_time(X509_CRL_get0_nextUpdate(crl)),
				n > 0 ? n : 0);
		X509_CRL_free(crl);
	}
	return err;
}

struct listing {
	struct list *l;
	int (*put_file)(struct list *l, FILE *f);
};

static int put_path(const char *path, void *arg)
{
	struct listing *li = arg;
	FILE *f = fopen(path, "re");
	int err;

	if (!f)
		return 0;	/* skipped, as a verification skips it */
	err = li->put_file(li->l, f);
	fclose(f);
	return err;
}

/* One list (attr) from every anchor or CRL file of dir, in name order. */
static void put_dir(struct list *l, int attr, const char *dir, int crls)
{
	struct listing li = { l, crls ? put_file_crls : put_file_anchors };
	struct nlattr *nest;

	l->n = 0;
	if (!dir[0])
		return;		/* an empty list: as a verification sees it */
	nest = nla_nest_start(l->msg, attr | NLA_F_NESTED);
	if (!nest) {
		l->truncated = 1;
		return;
	}
	duetd_dir_each(dir, crls, put_path, &li);
	nla_nest_end(l->msg, nest);
}

int duetd_trust_list(const struct duetd_config *c, struct nl_msg *msg)
{
	struct list l = { .msg = msg };

	put_dir(&l, DUET_ATTR_ANCHORS, c->trust_dir, 0);
	put_dir(&l, DUET_ATTR_CRLS, c->crl_dir, 1);
	if (l.truncated && nla_put_flag(msg, DUET_ATTR_TRUNCATED))
		return -ENOMEM;
	return 0;
}
