/* pidns-zombie.ksim — a PID namespace's init cannot finish dying while a zombie of its namespace has a parent outside */
#define _GNU_SOURCE
#include <sched.h>
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    {
        int r = unshare(CLONE_NEWPID);
        if (r < 0) rt_fail("unshare(CLONE_NEWPID)", errno); else rt_line("unshare(CLONE_NEWPID)", "0");
    }
    /* children of the new namespace see themselves as 1 and 2: they must not register those
     * numbers (the registry here is for main's namespace), so fork by hand */
    pid_t t2 = fork();
    if (t2 == 0) {
        strncpy(rt_me, "t2", RT_NAMELEN - 1);
        rt_sleep("sleep(1ms)", MS(1));
        rt_end();
    }
    rt_register(t2, "t2");
    rt_line("fork t2", "t2");
    pid_t t4 = fork();
    if (t4 == 0) {
        strncpy(rt_me, "t4", RT_NAMELEN - 1);
        rt_sleep("sleep(100ms)", MS(100));
        rt_pidret("getpid()", getpid());
        rt_end();
    }
    rt_register(t4, "t4");
    rt_line("fork t4", "t4");
    rt_sleep("sleep(20ms)", MS(20));
    rt_look("state(t2)", "t2", 0);
    rt_look("state(t4)", "t4", 0);
    rt_waitpid("waitpid(t2, WNOHANG)", t2, WNOHANG);
    rt_waitpid("waitpid(t4, 0)", t4, 0);
    rt_sleep("sleep(1ms)", MS(1));
    rt_look("state(t2)", "t2", 0);
    rt_waitpid("waitpid(t2, 0)", t2, 0);
    return 0;
}
