// SPDX-License-Identifier: GPL-2.0
/* duetd.conf: key = value, one per line. */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static int set(struct duetd_config *c, const char *key, const char *val)
{
	static const struct { const char *key; size_t off, len; } strs[] = {
		{ "store_url", offsetof(struct duetd_config, store_url), 512 },
		{ "cert_dir", offsetof(struct duetd_config, cert_dir), 256 },
		{ "trust_dir", offsetof(struct duetd_config, trust_dir), 256 },
		{ "crl_dir", offsetof(struct duetd_config, crl_dir), 256 },
		{ "identity_cert", offsetof(struct duetd_config, identity_cert), 256 },
		{ "identity_key", offsetof(struct duetd_config, identity_key), 256 },
	};
	char *end;
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		if (strcmp(key, strs[i].key))
			continue;
		if (strlen(val) >= strs[i].len)
			return -ENAMETOOLONG;
		strcpy((char *)c + strs[i].off, val);
		return 0;
	}
	if (!strcmp(key, "timeout_ms")) {
		c->timeout_ms = strtol(val, &end, 10);
		return *end || c->timeout_ms <= 0 ? -EINVAL : 0;
	}
	return -ENOENT;
}

int duetd_config_load(const char *path, struct duetd_config *c, char *err,
		      size_t errlen)
{
	char line[1024], *eq, *key;
	int n = 0, e = 0;
	FILE *f;

	memset(c, 0, sizeof(*c));
	c->timeout_ms = 3000;
	f = fopen(path, "re");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (!e && fgets(line, sizeof(line), f)) {
		n++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			snprintf(err, errlen, "%s:%d: want key = value", path, n);
			e = -1;
			break;
		}
		*eq = 0;
		e = set(c, trim(key), trim(eq + 1));
		if (e)
			snprintf(err, errlen, "%s:%d: %s: %s", path, n, trim(key),
				 e == -ENOENT ? "unknown key" : e == -EINVAL ?
				 "not a positive number" : "value too long");
	}
	fclose(f);
	return e ? -1 : 0;
}
