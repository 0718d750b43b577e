/*
 * Lab tool (tests and demos, not part of LVS-J): a TCP server that tells each client what it
 * sees. On every connection it writes one line, "PEER LOCAL\n" (the address the connection
 * comes from, as this host sees it, then its own address), and then echoes whatever it reads
 * until the client closes. One epoll loop, IPv4 and IPv6 (one dual-stack socket).
 *
 *   whoami-server PORT
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static void text(const struct sockaddr_storage *sa, char *out, size_t size) {
    if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *) sa;
        if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
            inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], out, size);
        } else {
            inet_ntop(AF_INET6, &s6->sin6_addr, out, size);
        }
    } else {
        inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, out, size);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: whoami-server PORT NAME\n");
        return 2;
    }
    int listener = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1, zero = 0;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons(atoi(argv[1])), .sin6_addr = in6addr_any};
    if (bind(listener, (struct sockaddr *) &sa, sizeof sa) || listen(listener, 4096)) {
        perror("whoami-server: bind/listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    for (;;) {
        struct epoll_event events[64];
        int n = epoll_wait(ep, events, 64, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                struct sockaddr_storage peer, local;
                socklen_t pl = sizeof peer, ll = sizeof local;
                int c;
                while ((c = accept(listener, (struct sockaddr *) &peer, &pl)) >= 0) {
                    getsockname(c, (struct sockaddr *) &local, &ll);
                    char p[INET6_ADDRSTRLEN], l[INET6_ADDRSTRLEN], line[2 * INET6_ADDRSTRLEN + 80];
                    text(&peer, p, sizeof p);
                    text(&local, l, sizeof l);
                    int len = snprintf(line, sizeof line, "%s %s %.64s\n", p, l, argv[2]);
                    if (write(c, line, len) != len) {
                        close(c);
                    } else {
                        struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                        epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                    }
                    pl = sizeof peer;
                    ll = sizeof local;
                }
                continue;
            }
            char buf[512];
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0 || write(fd, buf, r) != r) {
                close(fd);
            }
        }
    }
}
