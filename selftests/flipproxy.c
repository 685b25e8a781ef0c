// SPDX-License-Identifier: GPL-2.0
/*
 * flipproxy PORT TARGET_IP TARGET_PORT OFFSET: a middlebox. Accepts one TCP
 * connection on PORT, relays it to TARGET, and flips the lowest bit of the
 * byte at OFFSET of the client-to-server stream. Prints "ready" once
 * listening. Gives up after 30 s.
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	long offset, seen = 0;
	int one = 1, lfd, c, s, i;
	struct pollfd p[2];
	char buf[65536];
	ssize_t n;

	if (argc != 5) {
		fprintf(stderr, "usage: flipproxy PORT TARGET_IP TARGET_PORT OFFSET\n");
		return 2;
	}
	offset = atol(argv[4]);
	alarm(30);	/* never outlive a test */
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons(atoi(argv[1]));
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 1))
		return perror("listen"), 1;
	printf("ready\n");
	fflush(stdout);
	c = accept(lfd, NULL, NULL);
	s = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = htons(atoi(argv[3]));
	inet_pton(AF_INET, argv[2], &a.sin_addr);
	if (c < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)))
		return perror("connect"), 1;
	p[0] = (struct pollfd){ c, POLLIN, 0 };
	p[1] = (struct pollfd){ s, POLLIN, 0 };
	/* Relay until both directions have ended, passing each end on. */
	while ((p[0].fd >= 0 || p[1].fd >= 0) && poll(p, 2, 10000) > 0) {
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n <= 0) {
				shutdown(i ? c : s, SHUT_WR);
				p[i].fd = -1;
				continue;
			}
			if (i == 0 && offset >= seen && offset < seen + n)
				buf[offset - seen] ^= 1;
			if (i == 0)
				seen += n;
			if (write(i ? c : s, buf, n) != n)
				return 0;
		}
	}
	return 0;
}
