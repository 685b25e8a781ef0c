// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_DUET socket family: socket creation and teardown.
 *
 * The family number is the module parameter "family". Every socket pins the
 * module (through the family's and the ops' owner) and its network
 * namespace, and is counted in that namespace's statistics.
 */

#include <linux/module.h>
#include <linux/net.h>
#include <net/sock.h>

#include "af_duet.h"
#include "netns.h"

static int duet_family_nr = DUET_FAMILY_DEFAULT;
module_param_named(family, duet_family_nr, int, 0444);
MODULE_PARM_DESC(family, "address family number of AF_DUET (default 13)");

struct duet_sock {
	struct sock sk;		/* must be first */
};

static struct proto duet_proto = {
	.name = "DUET",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct duet_sock),
};

int duet_af(void)
{
	return duet_family_nr;
}

static void duet_sk_destruct(struct sock *sk)
{
	duet_stat_dec(sock_net(sk), DUET_STAT_SOCKETS_ACTIVE);
}

static int duet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;

	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static struct proto_ops duet_stream_ops __ro_after_init = {
	.owner = THIS_MODULE,
	.release = duet_release,
	.bind = sock_no_bind,
	.connect = sock_no_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = sock_no_getname,
	.listen = sock_no_listen,
	.shutdown = sock_no_shutdown,
	.sendmsg = sock_no_sendmsg,
	.recvmsg = sock_no_recvmsg,
	.mmap = sock_no_mmap,
	.sendpage = sock_no_sendpage,
};

static int duet_create(struct net *net, struct socket *sock, int protocol,
		       int kern)
{
	struct sock *sk;

	if (sock->type != SOCK_STREAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != DUET_PROTO_STREAM)
		return -EPROTONOSUPPORT;

	sk = sk_alloc(net, duet_family_nr, GFP_KERNEL, &duet_proto, kern);
	if (!sk)
		return -ENOMEM;

	sock->ops = &duet_stream_ops;
	sock_init_data(sock, sk);
	sk->sk_destruct = duet_sk_destruct;

	duet_stat_inc(net, DUET_STAT_SOCKETS_CREATED);
	duet_stat_inc(net, DUET_STAT_SOCKETS_ACTIVE);
	return 0;
}

static struct net_proto_family duet_family_ops __ro_after_init = {
	.create = duet_create,
	.owner = THIS_MODULE,
};

int __init duet_af_init(void)
{
	int err;

	if (duet_family_nr <= AF_UNSPEC || duet_family_nr >= NPROTO) {
		pr_err("family=%d is out of range (1..%d)\n",
		       duet_family_nr, NPROTO - 1);
		return -EINVAL;
	}
	duet_family_ops.family = duet_family_nr;
	duet_stream_ops.family = duet_family_nr;

	err = proto_register(&duet_proto, 0);
	if (err)
		return err;

	err = sock_register(&duet_family_ops);
	if (err) {
		if (err == -EEXIST)
			pr_err("address family %d is taken: load with family=N\n",
			       duet_family_nr);
		goto err_unregister_proto;
	}
	return 0;

err_unregister_proto:
	proto_unregister(&duet_proto);
	return err;
}

void duet_af_exit(void)
{
	sock_unregister(duet_family_nr);
	proto_unregister(&duet_proto);
}
