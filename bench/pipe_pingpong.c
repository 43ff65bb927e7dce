/* Two processes on one CPU pass a byte through two pipes N times: nanoseconds per context
 * switch (two per round trip) on the real kernel (ksim bench; lmbench's lat_ctx idea). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) return 1;
    int ping[2], pong[2];
    char c = 0;
    if (pipe(ping) || pipe(pong)) return 1;
    pid_t p = fork();
    if (p == 0) {
        for (long i = 0; i < n; i++)
            if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1) _exit(1);
        _exit(0);
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++)
        if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) return 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    waitpid(p, NULL, 0);
    printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / (2.0 * n));
    return 0;
}
