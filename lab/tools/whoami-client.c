/*
 * Lab tool (tests and demos, not part of LVS-J): the client side of whoami-server.
 *
 *   whoami-client count HOST PORT N    opens N connections one after another, each read for its
 *                                      line and closed; prints each distinct line with how many
 *                                      times it came ("COUNT PEER LOCAL NAME"), then "failed F".
 *                                      Exit status 0 when no connection failed.
 *   whoami-client hold HOST PORT SECS  one connection: prints its line, then sends a byte and
 *                                      waits for its echo every 100 ms for SECS seconds; exit 0
 *                                      when every echo came back (the connection lived on).
 *
 * Every wait is bounded (3 s), so it always ends.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_LINES 256

static struct { char text[128]; long count; } lines[MAX_LINES];
static int line_count;

static int open_connection(const char *host, const char *port) {
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV}, *ai;
    if (getaddrinfo(host, port, &hints, &ai)) {
        fprintf(stderr, "whoami-client: not a numeric address: %s\n", host);
        exit(2);
    }
    int fd = socket(ai->ai_family, SOCK_STREAM, 0);
    struct timeval tv = {.tv_sec = 3};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen)) {
        close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    return fd;
}

/* Reads one line into out (without its newline); 0 on success. */
static int read_line(int fd, char *out, size_t size) {
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, out + n, 1);
        if (r <= 0) {
            return -1;
        }
        if (out[n] == '\n') {
            out[n] = 0;
            return 0;
        }
        n++;
    }
    return -1;
}

static void tally(const char *text) {
    for (int i = 0; i < line_count; i++) {
        if (!strcmp(lines[i].text, text)) {
            lines[i].count++;
            return;
        }
    }
    if (line_count < MAX_LINES) {
        snprintf(lines[line_count].text, sizeof lines[line_count].text, "%s", text);
        lines[line_count++].count = 1;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: whoami-client count|hold HOST PORT N|SECONDS\n");
        return 2;
    }
    long n = atol(argv[4]);
    if (!strcmp(argv[1], "count")) {
        long failed = 0;
        for (long i = 0; i < n; i++) {
            int fd = open_connection(argv[2], argv[3]);
            char line[128];
            if (fd < 0 || read_line(fd, line, sizeof line)) {
                failed++;
            } else {
                tally(line);
            }
            if (fd >= 0) {
                close(fd);
            }
        }
        for (int i = 0; i < line_count; i++) {
            printf("%ld %s\n", lines[i].count, lines[i].text);
        }
        printf("failed %ld\n", failed);
        return failed ? 1 : 0;
    }
    if (!strcmp(argv[1], "hold")) {
        int fd = open_connection(argv[2], argv[3]);
        char line[128];
        if (fd < 0 || read_line(fd, line, sizeof line)) {
            printf("failed to connect\n");
            return 1;
        }
        printf("%s\n", line);
        fflush(stdout);
        struct timespec start, now, pause = {.tv_nsec = 100000000};
        clock_gettime(CLOCK_MONOTONIC, &start);
        long echoes = 0;
        do {
            char c = 'x', back;
            if (write(fd, &c, 1) != 1 || read(fd, &back, 1) != 1 || back != c) {
                printf("lost after %ld echoes\n", echoes);
                return 1;
            }
            echoes++;
            nanosleep(&pause, NULL);
            clock_gettime(CLOCK_MONOTONIC, &now);
        } while (now.tv_sec - start.tv_sec < n);
        printf("alive after %ld echoes\n", echoes);
        return 0;
    }
    fprintf(stderr, "whoami-client: unknown mode %s\n", argv[1]);
    return 2;
}
