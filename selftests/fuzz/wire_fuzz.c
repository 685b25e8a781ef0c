// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the wire decoders (kmod/wire.c): record headers,
 * handshake messages and key-distribution blobs. Every TLV the decoder accepts is read end to end, so
 * AddressSanitizer sees any pointer or length it got wrong.
 */

#include <stddef.h>
#include <stdint.h>

#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile uint8_t sink = 0;
	struct duet_dist d;
	struct duet_msg m;
	u8 type;
	u16 len;
	int t, i;

	if (size >= DUET_REC_HDR_LEN && duet_rec_hdr_decode(data, &type, &len) == 0)
		sink ^= type ^ (u8)len;

	if (duet_dist_decode(&d, data, size) >= 0)
		for (i = 0; i < d.n_members; i++)
			sink ^= d.members[i][31] ^ data[size - 1];
	if (duet_msg_decode(&m, data, size))
		return 0;
	for (t = 1; t <= DUET_T_MAX; t++)
		for (i = 0; i < m.tlv[t].len; i++)
			sink ^= m.tlv[t].data[i];
	if (m.present & DUET_T_BIT(DUET_T_SUITES))
		for (i = 0; i < m.tlv[DUET_T_SUITES].len / 2; i++)
			sink ^= (u8)duet_tlv_be16(&m.tlv[DUET_T_SUITES], i);
	if (m.present & DUET_T_BIT(DUET_T_FINISHED))
		sink ^= data[m.finished_off];
	(void)sink;
	return 0;
}
