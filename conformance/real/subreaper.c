/* subreaper.ksim — orphans go to the nearest child subreaper, which is not inherited by fork */
#include "rt.h"

/* prctl(PR_GET_CHILD_SUBREAPER, 0): the value written back */
static void get_subreaper(const char *text)
{
    int v = -99;
    if (prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) < 0) { rt_fail(text, errno); return; }
    char r[16];
    sprintf(r, "%d", v);
    rt_line(text, r);
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t sub = rt_fork("fork sub", "sub");
    if (sub == 0) {
        rt_int("prctl(PR_SET_CHILD_SUBREAPER, 42)", prctl(PR_SET_CHILD_SUBREAPER, 42L, 0, 0, 0));
        get_subreaper("prctl(PR_GET_CHILD_SUBREAPER, 0)");
        pid_t mid = rt_fork("fork mid", "mid");
        if (mid == 0) {
            get_subreaper("prctl(PR_GET_CHILD_SUBREAPER, 0)");
            if (rt_fork("fork leaf", "leaf") == 0) {
                rt_sleep("sleep(20ms)", MS(20));
                rt_pidcall("getppid()", getppid());
                rt_exit("exit(2)", 2);
            }
            rt_exit("exit(1)", 1);
        }
        rt_wait4("waitpid(mid, 0)", mid, 0);
        rt_wait("wait()");
        rt_int("prctl(PR_SET_CHILD_SUBREAPER, -42)", prctl(PR_SET_CHILD_SUBREAPER, -42L, 0, 0, 0));
        get_subreaper("prctl(PR_GET_CHILD_SUBREAPER, 0)");
        rt_int("prctl(PR_SET_CHILD_SUBREAPER, 0)", prctl(PR_SET_CHILD_SUBREAPER, 0L, 0, 0, 0));
        get_subreaper("prctl(PR_GET_CHILD_SUBREAPER, 0)");
        rt_end();
    }
    rt_wait4("waitpid(sub, 0)", sub, 0);
    rt_int("prctl(PR_SET_NAME, averyveryverylongname)",
           prctl(PR_SET_NAME, "averyveryverylongname", 0, 0, 0));
    rt_comm("comm(main)", "main");
    {
        char name[32] = {0};
        if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0) rt_fail("prctl(PR_GET_NAME, 0)", errno);
        else rt_line("prctl(PR_GET_NAME, 0)", name);
    }
    rt_int("prctl(12345, 0)", prctl(12345, 0L, 0, 0, 0));
    return 0;
}
