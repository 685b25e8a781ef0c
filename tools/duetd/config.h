/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DUETD_CONFIG_H
#define DUETD_CONFIG_H

#include <stddef.h>

#define DUETD_CONFIG_DEFAULT "/etc/duet/duetd.conf"

/*
 * duetd.conf: "key = value" lines, '#' comments. Every key is optional.
 *   store_url   certificate store, "{id}" replaced by the hex ID
 *   cert_dir    local certificates, ID.pem (a chain: leaf first)
 *   trust_dir   trust anchors: every *.pem in it
 *   crl_dir     CRLs: every *.crl or *.pem in it; with one, the leaf is
 *               checked against its issuer's CRL (none for it: rejected)
 *   timeout_ms  for the store (default 3000)
 *   identity_cert  this host's certificate chain (PEM, leaf first)
 *   identity_key   its private key (PEM; it never leaves duetd)
 */
struct duetd_config {
	char store_url[512];
	char cert_dir[256];
	char trust_dir[256];
	char crl_dir[256];
	char identity_cert[256];
	char identity_key[256];
	long timeout_ms;
};

/* 0, or -1 with a readable message in err. */
int duetd_config_load(const char *path, struct duetd_config *c, char *err,
		      size_t errlen);

#endif /* DUETD_CONFIG_H */
