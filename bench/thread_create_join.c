/* pthread_create + pthread_join, N times: nanoseconds per cycle on the real kernel (ksim bench). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void *fn(void *arg) { return arg; }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, fn, NULL) != 0 || pthread_join(t, NULL) != 0) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
    return 0;
}
