/* exec-thread.ksim — exec from a non-leader thread kills the others and takes over the leader's PID */
#include "rt.h"

static void t_block(void) /* thread t, in p */
{
    rt_sleep("sleep(20ms)", MS(20));
    rt_exec("exec prog", "prog");
}

static void u_block(void) /* thread u, in p */
{
    rt_sleep("sleep(100ms)", MS(100));
    rt_pidcall("getpid()", getpid());
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_execed("prog")) { /* [t] after exec prog */
        rt_pidcall("getpid()", getpid());
        rt_pidcall("gettid()", rt_gettid());
        rt_sleep("sleep(50ms)", MS(50));
        rt_exit("exit(4)", 4);
    }
    pid_t p = rt_fork("fork p", "p");
    if (p == 0) {
        rt_thread("thread t", "t", t_block);
        rt_thread("thread u", "u", u_block);
        rt_sleep("sleep(100ms)", MS(100));
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_sleep("sleep(5ms)", MS(5));
    rt_state("state(p)", "p");
    rt_sleep("sleep(40ms)", MS(40));
    rt_comm("comm(p)", "p");
    rt_wait4("waitpid(p, 0)", p, 0);
    return 0;
}
