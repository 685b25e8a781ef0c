/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_AF_DUET_H
#define _DUET_AF_DUET_H

int duet_af(void);
int duet_af_init(void);
void duet_af_exit(void);

#endif /* _DUET_AF_DUET_H */
