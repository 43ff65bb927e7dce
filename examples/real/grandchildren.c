/* grandchildren.ksim — a parent only reaps its own children; orphans go to main (PID 1) */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t mid = rt_fork("fork mid", "mid");
    if (mid == 0) {
        if (rt_fork("fork leaf", "leaf") == 0) {
            rt_sleep("sleep(40ms)", MS(40));
            rt_pidcall("getppid()", getppid());
            rt_exit("exit(9)", 9);
        }
        rt_pidcall("getpid()", getpid());
        rt_ppid("ppid(leaf)", "leaf");
        rt_sleep("sleep(10ms)", MS(10));
        rt_exit("exit(4)", 4);
    }
    rt_sleep("sleep(20ms)", MS(20));
    rt_ppid("ppid(leaf)", "leaf");
    rt_state("state(mid)", "mid");
    rt_waitpid("waitpid(leaf, WNOHANG)", rt_pid("leaf"), WNOHANG);
    rt_waitpid("waitpid(mid, 0)", mid, 0);
    rt_sleep("sleep(10ms)", MS(10));
    rt_ppid("ppid(leaf)", "leaf");
    rt_waitpid("waitpid(leaf, 0)", rt_pid("leaf"), 0);
    return 0;
}
