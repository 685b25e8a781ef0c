// SPDX-License-Identifier: GPL-2.0
/*
 * duetctl psk add ID FILE | del ID | list
 * A key file holds the key as hex (e.g. `openssl rand -hex 32`), 16 to 64
 * bytes; "-" reads it from standard input. Keys are never printed.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json.h>

#include "duet_nl.h"
#include "duetctl.h"

/* Read a hex key from path; returns its length or -1 with a message. */
static int read_hex_key(const char *path, unsigned char *key, size_t cap)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	int c, hi = -1, n = 0;

	if (!f) {
		fprintf(stderr, "duetctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((c = fgetc(f)) != EOF) {
		if (isspace(c))
			continue;
		if (!isxdigit(c) || (size_t)n == cap) {
			n = -1;
			break;
		}
		c = isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
		if (hi < 0) {
			hi = c;
		} else {
			key[n++] = hi << 4 | c;
			hi = -1;
		}
	}
	if (f != stdin)
		fclose(f);
	if (n < DUET_MIN_PSK_LEN || hi >= 0) {
		fprintf(stderr, "duetctl: %s: want %d to %d bytes of hex\n", path,
			DUET_MIN_PSK_LEN, DUET_MAX_PSK_LEN);
		n = -1;
	}
	return n;
}

static void print_id(const uint8_t *id, size_t len, char *out)
{
	size_t i;
	int printable = 1;

	for (i = 0; i < len; i++)
		printable &= isprint(id[i]) && id[i] != '"' && id[i] != '\\';
	if (printable) {
		memcpy(out, id, len);
		out[len] = 0;
		return;
	}
	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", id[i]);
	if (!len)
		*out = 0;
}

struct list_ctx {
	const struct duetctl_opts *opts;
	struct json_object *arr;
};

static int list_one(const struct duet_psk_entry *e, void *arg)
{
	struct list_ctx *c = arg;
	char id[2 * DUET_MAX_PSK_ID_LEN + 1];
	struct json_object *o;

	print_id(e->id, e->id_len, id);
	if (!c->opts->json) {
		printf("%s\t%u bytes\n", id, e->key_len);
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "key_len", json_object_new_int64(e->key_len));
	json_object_array_add(c->arr, o);
	return 0;
}

static int psk_list(struct duet_nl *nl, const struct duetctl_opts *opts)
{
	struct list_ctx c = { opts, json_object_new_array() };
	int err;

	err = duet_psk_list(nl, list_one, &c);
	if (err) {
		json_object_put(c.arr);
		return duetctl_fail("psk list", err);
	}
	if (opts->json)
		duetctl_print_json(c.arr, opts);
	else
		json_object_put(c.arr);
	return 0;
}

int psk_main(int argc, char **argv, const struct duetctl_opts *opts)
{
	unsigned char key[DUET_MAX_PSK_LEN];
	struct duet_nl *nl;
	int err, len, ret = 0;

	if (argc < 2 || (!strcmp(argv[1], "add") && argc != 4) ||
	    (!strcmp(argv[1], "del") && argc != 3) ||
	    (!strcmp(argv[1], "list") && argc != 2)) {
		fprintf(stderr, "usage: duetctl psk add ID FILE | del ID | list\n");
		return 2;
	}
	if (strlen(argv[argc > 2 ? 2 : 1]) > DUET_MAX_PSK_ID_LEN) {
		fprintf(stderr, "duetctl: PSK id longer than %d bytes\n", DUET_MAX_PSK_ID_LEN);
		return 2;
	}
	err = duet_nl_open(&nl);
	if (err)
		return duetctl_fail("netlink", err);
	if (!strcmp(argv[1], "list")) {
		ret = psk_list(nl, opts);
	} else if (!strcmp(argv[1], "del")) {
		err = duet_psk_del(nl, argv[2], strlen(argv[2]));
		ret = err ? duetctl_fail("psk del", err) : 0;
	} else if (!strcmp(argv[1], "add")) {
		len = read_hex_key(argv[3], key, sizeof(key));
		err = len < 0 ? 0 : duet_psk_add(nl, argv[2], strlen(argv[2]), key, len);
		ret = len < 0 ? 1 : err ? duetctl_fail("psk add", err) : 0;
		explicit_bzero(key, sizeof(key));
	} else {
		fprintf(stderr, "duetctl: psk: unknown command '%s'\n", argv[1]);
		ret = 2;
	}
	duet_nl_close(nl);
	return ret;
}
