/* exit-codes.ksim — exit status is the low byte; waitpid(-1) reaps the oldest zombie first */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_fork("fork a", "a") == 0) {
        rt_sleep("sleep(30ms)", MS(30));
        rt_exit("exit(256)", 256);
    }
    if (rt_fork("fork b", "b") == 0) {
        rt_sleep("sleep(20ms)", MS(20));
        rt_exit("exit(300)", 300);
    }
    if (rt_fork("fork c", "c") == 0) {
        rt_sleep("sleep(10ms)", MS(10));
        rt_exit("exit(-1)", -1);
    }
    rt_sleep("sleep(60ms)", MS(60));
    rt_wait("wait()");
    rt_waitpid("waitpid(-1, 0)", -1, 0);
    rt_waitpid("waitpid(-1, WNOHANG)", -1, WNOHANG);
    return 0;
}
