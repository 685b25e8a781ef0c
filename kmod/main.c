// SPDX-License-Identifier: GPL-2.0
/*
 * duet: module init and exit. The crypto self-tests run first: a module
 * whose HKDF disagrees with the known answers refuses to load. Then
 * per-namespace state (everything else reaches it), then the netlink
 * family, then the socket family last so no socket exists before the rest
 * is ready. Exit undoes it in reverse.
 */

#include <linux/module.h>
#include <net/genetlink.h>

#include "af_duet.h"
#include "hkdf.h"
#include "netlink.h"
#include "netns.h"
#include "upcall.h"
#include "version.h"

static int __init duet_init(void)
{
	int err;

	err = duet_hkdf_selftest();
	if (err)
		return err;

	err = duet_netns_init();
	if (err)
		return err;

	err = duet_genl_init();
	if (err)
		goto err_netns;

	err = duet_upcall_init();
	if (err)
		goto err_genl;

	err = duet_af_init();
	if (err)
		goto err_upcall;

	pr_info("version " DUET_VERSION " loaded, AF_DUET is %d\n", duet_af());
	return 0;

err_upcall:
	duet_upcall_exit();
err_genl:
	duet_genl_exit();
err_netns:
	duet_netns_exit();
	return err;
}

static void __exit duet_exit(void)
{
	duet_af_exit();
	duet_upcall_exit();
	duet_genl_exit();
	duet_netns_exit();
}

module_init(duet_init);
module_exit(duet_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("duet: AF_DUET sockets with a two-message authenticated handshake");
MODULE_VERSION(DUET_VERSION);
MODULE_ALIAS_GENL_FAMILY(DUET_GENL_NAME);
