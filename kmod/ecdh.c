// SPDX-License-Identifier: GPL-2.0
/*
 * P-256 ECDH through the kernel crypto API (ecdh.h). The kpp keeps the
 * private key in its own context and zeroes it when freed; setting a
 * secret of length 0 makes it generate one.
 */

#include <crypto/ecdh.h>
#include <crypto/kpp.h>
#include <linux/scatterlist.h>

#include "ecdh.h"

#define DUET_P256_LEN 32

static int duet_kpp_run(struct crypto_kpp *kpp, const u8 *in, unsigned int in_len,
			u8 *out, unsigned int out_len)
{
	struct scatterlist src, dst;
	struct kpp_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	req = kpp_request_alloc(kpp, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	sg_init_one(&dst, out, out_len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG, crypto_req_done,
				 &wait);
	if (in) {
		sg_init_one(&src, in, in_len);
		kpp_request_set_input(req, &src, in_len);
		kpp_request_set_output(req, &dst, out_len);
		err = crypto_wait_req(crypto_kpp_compute_shared_secret(req), &wait);
	} else {
		kpp_request_set_input(req, NULL, 0);
		kpp_request_set_output(req, &dst, out_len);
		err = crypto_wait_req(crypto_kpp_generate_public_key(req), &wait);
	}
	kpp_request_free(req);
	return err;
}

struct crypto_kpp *duet_ecdh_new(u8 *pub)
{
	struct ecdh p = { .key = NULL, .key_size = 0 };
	struct crypto_kpp *kpp;
	char buf[16];
	int err;

	kpp = crypto_alloc_kpp("ecdh-nist-p256", 0, 0);
	if (IS_ERR(kpp))
		return kpp;
	err = crypto_ecdh_encode_key(buf, crypto_ecdh_key_len(&p), &p) ?:
	      crypto_kpp_set_secret(kpp, buf, crypto_ecdh_key_len(&p)) ?:
	      duet_kpp_run(kpp, NULL, 0, pub, 2 * DUET_P256_LEN);
	if (err) {
		crypto_free_kpp(kpp);
		return ERR_PTR(err);
	}
	return kpp;
}

int duet_ecdh_shared(struct crypto_kpp *kpp, const u8 *peer, u8 *out)
{
	int err = duet_kpp_run(kpp, peer, 2 * DUET_P256_LEN, out, DUET_P256_LEN);

	return err == -EINVAL ? -EPROTO : err;	/* not a point of the curve */
}

void duet_ecdh_free(struct crypto_kpp *kpp)
{
	if (!IS_ERR_OR_NULL(kpp))
		crypto_free_kpp(kpp);
}
