/* vfork.ksim — the parent sleeps (state D) until its vfork child exits or execs */
#include "rt.h"

static void v_block(void)
{
    rt_sleep("sleep(20ms)", MS(20));
    rt_pidcall("getppid()", getppid());
    rt_exit("exit(3)", 3);
}

static void v2_block(void)
{
    rt_exec("exec prog", "prog");
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_execed("prog")) { /* [v2] after exec prog */
        rt_sleep("sleep(20ms)", MS(20));
        rt_exit("exit(4)", 4);
    }
    pid_t w = rt_fork("fork w", "w");
    if (w == 0) {
        rt_sleep("sleep(10ms)", MS(10));
        rt_state("state(main)", "main");
        rt_sleep("sleep(30ms)", MS(30));
        rt_state("state(main)", "main");
        rt_end();
    }
    pid_t v = rt_vfork("vfork v", "v", v_block);
    rt_wait4("waitpid(v, 0)", v, 0);
    pid_t v2 = rt_vfork("vfork v2", "v2", v2_block);
    rt_sleep("sleep(5ms)", MS(5));
    rt_state("state(v2)", "v2");
    rt_wait4("waitpid(v2, 0)", v2, 0);
    rt_wait4("waitpid(w, 0)", w, 0);
    return 0;
}
