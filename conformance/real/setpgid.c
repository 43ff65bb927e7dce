/* setpgid.ksim — setpgid's checks in the kernel's order */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_execed("prog")) { /* [b] after exec prog */
        rt_sleep("sleep(100ms)", MS(100));
        rt_end();
    }
    pid_t a = rt_fork("fork a", "a");
    if (a == 0) {
        rt_sleep("sleep(100ms)", MS(100));
        rt_end();
    }
    rt_int("setpgid(a, 0)", setpgid(a, 0));
    rt_pidret("getpgid(a)", getpgid(a));
    rt_int("setpgid(a, -1)", setpgid(a, -1));
    rt_int("setpgid(30000, 0)", setpgid(30000, 0));
    rt_int("setpgid(a, main)", setpgid(a, rt_pid("main")));
    rt_pidret("getpgid(a)", getpgid(a));
    pid_t b = rt_fork("fork b", "b");
    if (b == 0) {
        rt_exec("exec prog", "prog");
        rt_end();
    }
    rt_sleep("sleep(20ms)", MS(20));
    rt_int("setpgid(b, 0)", setpgid(b, 0));
    rt_int("setpgid(0, 0)", setpgid(0, 0));
    pid_t c = rt_fork("fork c", "c");
    if (c == 0) {
        rt_pidret("setsid()", setsid());
        rt_sleep("sleep(100ms)", MS(100));
        rt_end();
    }
    rt_sleep("sleep(20ms)", MS(20));
    rt_int("setpgid(c, 0)", setpgid(c, 0));
    rt_int("setpgid(a, c)", setpgid(a, c));
    pid_t d = rt_fork("fork d", "d");
    if (d == 0) {
        rt_pidcall("getppid()", getppid());
        rt_int("setpgid(main, 0)", setpgid(rt_pid("main"), 0));
        rt_int("setpgid(0, 0)", setpgid(0, 0));
        rt_pidret("getpgrp()", getpgrp());
        rt_end();
    }
    rt_wait4("waitpid(d, 0)", d, 0);
    rt_wait4("waitpid(a, 0)", a, 0);
    rt_wait4("waitpid(b, 0)", b, 0);
    rt_wait4("waitpid(c, 0)", c, 0);
    return 0;
}
