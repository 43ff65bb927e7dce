/* demo.ksim — a small family of processes: fork, exit codes, states and reaping */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_pidcall("getpid()", getpid());
    rt_pidcall("getppid()", getppid());
    pid_t worker = rt_fork("fork worker", "worker");
    if (worker == 0) {
        rt_pidcall("getppid()", getppid());
        rt_spin("spin(30ms)", MS(30));
        rt_exit("exit(3)", 3);
    }
    if (rt_fork("fork sleeper", "sleeper") == 0) {
        rt_sleep("sleep(50ms)", MS(50));
        rt_exit("exit(7)", 7);
    }
    rt_sleep("sleep(10ms)", MS(10));
    rt_state("state(worker)", "worker");
    rt_state("state(sleeper)", "sleeper");
    rt_comm("comm(sleeper)", "sleeper");
    rt_ppid("ppid(sleeper)", "sleeper");
    rt_waitpid("waitpid(worker, 0)", worker, 0);
    rt_waitpid("waitpid(-1, 0)", -1, 0);
    rt_wait("wait()");
    return 0;
}
