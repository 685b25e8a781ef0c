/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DUET_VERSION_H
#define _DUET_VERSION_H

#define DUET_VERSION "0.1.0"

#endif /* _DUET_VERSION_H */
