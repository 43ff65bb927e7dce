/* exec.ksim — exec keeps the PID and the parent, and changes comm */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_execed("prog")) { /* [child] after exec prog */
        rt_pidcall("getpid()", getpid());
        rt_pidcall("getppid()", getppid());
        rt_sleep("sleep(20ms)", MS(20));
        rt_exit("exit(6)", 6);
    }
    if (rt_execed("newmain")) { /* [main] after exec newmain */
        rt_pidcall("getpid()", getpid());
        rt_pidcall("getppid()", getppid());
        rt_comm("comm(main)", "main");
        rt_end();
    }
    pid_t child = rt_fork("fork child", "child");
    if (child == 0) {
        rt_exec("exec prog", "prog");
    }
    rt_sleep("sleep(10ms)", MS(10));
    rt_comm("comm(child)", "child");
    rt_state("state(child)", "child");
    rt_wait4("waitpid(child, 0)", child, 0);
    rt_comm("comm(main)", "main");
    rt_exec("exec newmain", "newmain");
    return 0;
}
