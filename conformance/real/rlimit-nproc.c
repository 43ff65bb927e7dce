/* rlimit-nproc.ksim — RLIMIT_NPROC counts a user's tasks; root is exempt; limits' own rules */
#include "rt.h"

static void sleeper(pid_t p)
{
    if (p == 0) {
        rt_sleep("sleep(50ms)", MS(50));
        rt_end();
    }
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_setrlimit("setrlimit(RLIMIT_NPROC, 3, 3)", RLIMIT_NPROC, 3, 3);
    rt_getrlimit("getrlimit(RLIMIT_NPROC)", RLIMIT_NPROC);
    rt_setrlimit("setrlimit(RLIMIT_NPROC, 4, 3)", RLIMIT_NPROC, 4, 3);
    rt_setrlimit("setrlimit(16, 1, 1)", 16, 1, 1);
    sleeper(rt_fork("fork r1", "r1"));
    sleeper(rt_fork("fork r2", "r2"));
    sleeper(rt_fork("fork r3", "r3"));
    pid_t u = rt_fork("fork u", "u");
    if (u == 0) {
        rt_int("setuid(1000)", setuid(1000));
        sleeper(rt_fork("fork a", "a"));
        sleeper(rt_fork("fork b", "b"));
        sleeper(rt_fork("fork c", "c"));
        rt_setrlimit("setrlimit(RLIMIT_NPROC, 3, 10)", RLIMIT_NPROC, 3, 10);
        rt_setrlimit("setrlimit(RLIMIT_NPROC, 2, 2)", RLIMIT_NPROC, 2, 2);
        sleeper(rt_fork("fork d", "d"));
        rt_int("setuid(0)", setuid(0));
        rt_int("setuid(1000)", setuid(1000));
        rt_getrlimit("getrlimit(RLIMIT_NPROC)", RLIMIT_NPROC);
        rt_sleep("sleep(60ms)", MS(60));
        rt_end();
    }
    rt_wait4("waitpid(u, 0)", u, 0);
    for (int i = 0; i < 6; i++) rt_wait("wait()");
    return 0;
}
