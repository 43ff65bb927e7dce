/* pgrp-wait.ksim — waitpid(0) and waitpid(-PGID) select children by process group */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t x = rt_fork("fork x", "x");
    if (x == 0) {
        rt_pidret("setsid()", setsid());
        rt_sleep("sleep(20ms)", MS(20));
        rt_exit("exit(1)", 1);
    }
    pid_t y = rt_fork("fork y", "y");
    if (y == 0) {
        rt_sleep("sleep(10ms)", MS(10));
        rt_exit("exit(2)", 2);
    }
    rt_sleep("sleep(5ms)", MS(5));
    rt_wait4("waitpid(0, 0)", 0, 0);
    rt_wait4("waitpid(-x, WNOHANG)", -x, WNOHANG);
    rt_wait4("waitpid(-y, 0)", -y, 0);
    rt_wait4("waitpid(-x, 0)", -x, 0);
    rt_wait4("waitpid(-x, 0)", -x, 0);
    rt_wait4("waitpid(0, WNOHANG)", 0, WNOHANG);
    return 0;
}
