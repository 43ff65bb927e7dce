/* The workload of real-6.18.trace (see README.md): a rename, a child that spins and exits,
 * one that execs, one that catches SIGUSR1 and is then killed by SIGTERM, and the reaping. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static void on_usr1(int s) { (void)s; }
static void spin_ms(int ms) {
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    do { clock_gettime(CLOCK_MONOTONIC, &b); } while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}
int main(int argc, char **argv) {
    if (argc > 1) { spin_ms(2); return 3; } /* the exec'd image */
    prctl(PR_SET_NAME, "renamed");
    pid_t a = fork();
    if (a == 0) { spin_ms(3); _exit(7); }
    pid_t b = fork();
    if (b == 0) { execl("/proc/self/exe", "work", "x", (char *)0); _exit(127); }
    pid_t c = fork();
    if (c == 0) { signal(SIGUSR1, on_usr1); pause(); pause(); _exit(0); }
    usleep(5000);
    kill(c, SIGUSR1);
    usleep(2000);
    kill(c, SIGTERM);
    int st;
    while (wait(&st) > 0) {}
    return 0;
}
