// SPDX-License-Identifier: LGPL-2.1
/* The number of AF_DUET, from the module's parameter in sysfs. */

#include <errno.h>
#include <stdio.h>

#include "duet.h"

int duet_family_from(const char *path)
{
	FILE *f;
	int nr, n;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	n = fscanf(f, "%d", &nr);
	fclose(f);
	if (n != 1 || nr <= 0)
		return -EINVAL;
	return nr;
}

int duet_family(void)
{
	return duet_family_from(DUET_FAMILY_SYSFS);
}
