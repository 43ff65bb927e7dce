/* threads.ksim — threads share the PID; exit() of any thread ends the group; a leader that
 * leaves first is a zombie the parent cannot reap until the last thread is gone */
#include "rt.h"

static void t_block(void) /* thread t */
{
    rt_pidcall("getpid()", getpid());
    rt_pidcall("gettid()", rt_gettid());
    rt_pidcall("getppid()", getppid());
    rt_sleep("sleep(20ms)", MS(20));
    rt_thread_exit("thread_exit(5)", 5);
}

static void u_block(void) /* thread u, in c */
{
    rt_sleep("sleep(10ms)", MS(10));
    rt_exit("exit(7)", 7);
}

static void x_block(void) /* thread x, in d */
{
    rt_sleep("sleep(20ms)", MS(20));
    rt_thread_exit("thread_exit(9)", 9);
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_thread("thread t", "t", t_block);
    rt_sleep("sleep(10ms)", MS(10));
    rt_state("state(t)", "t");
    pid_t c = rt_fork("fork c", "c");
    if (c == 0) {
        rt_thread("thread u", "u", u_block);
        rt_sleep("sleep(50ms)", MS(50));
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_wait4("waitpid(c, 0)", c, 0);
    pid_t d = rt_fork("fork d", "d");
    if (d == 0) {
        rt_thread("thread x", "x", x_block);
        rt_thread_exit("thread_exit(8)", 8);
    }
    rt_sleep("sleep(5ms)", MS(5));
    rt_state("state(d)", "d");
    rt_wait4("waitpid(d, WNOHANG)", d, WNOHANG);
    rt_wait4("waitpid(d, 0)", d, 0);
    rt_sleep("sleep(30ms)", MS(30));
    return 0;
}
