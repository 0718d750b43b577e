/*
 * Benchmark helper (not part of LVS-J): the real servers of bench/keepalived-j-checkers.
 * Listens on 0.0.0.0:PORT, accepts and closes every connection with one epoll loop, and
 * writes the running count of accepted connections to COUNTFILE every 200 ms. Written in C
 * so the servers' own CPU stays small next to the checkers being measured.
 *
 *   accept-server PORT COUNTFILE
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: accept-server PORT COUNTFILE\n");
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    if (bind(listener, (struct sockaddr *) &sa, sizeof sa) || listen(listener, 4096)) {
        perror("bind/listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    unsigned long long accepted = 0;
    struct timespec last = {0}, now;
    for (;;) {
        struct epoll_event out;
        epoll_wait(ep, &out, 1, 200);
        int fd;
        while ((fd = accept(listener, NULL, NULL)) >= 0) {
            close(fd);
            accepted++;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000 >= 200) {
            FILE *f = fopen(argv[2], "w");
            if (f) {
                fprintf(f, "%llu\n", accepted);
                fclose(f);
            }
            last = now;
        }
    }
}
