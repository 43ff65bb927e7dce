/* wait-errors.ksim — what wait and waitpid answer when there is nothing (yet) to reap */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_wait("wait()");
    rt_waitpid("waitpid(-1, WNOHANG)", -1, WNOHANG);
    rt_waitpid("waitpid(main, 0)", rt_pid("main"), 0); /* main is PID 1 */
    pid_t child = rt_fork("fork child", "child");
    if (child == 0) {
        rt_sleep("sleep(30ms)", MS(30));
        rt_exit("exit(5)", 5);
    }
    rt_waitpid("waitpid(child, WNOHANG)", child, WNOHANG);
    rt_waitpid("waitpid(-1, WNOHANG)", -1, WNOHANG);
    rt_waitpid("waitpid(0, WNOHANG)", 0, WNOHANG);
    rt_waitpid("waitpid(child, 0)", child, 0);
    rt_waitpid("waitpid(child, 0)", child, 0);
    rt_waitpid("waitpid(-1, WNOHANG)", -1, WNOHANG);
    rt_wait("wait()");
    return 0;
}
