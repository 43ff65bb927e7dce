/* cputime.ksim — CPU time burnt in user mode shows in /proc/PID/stat; sleeping burns none */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t burner = rt_fork("fork burner", "burner");
    if (burner == 0) {
        rt_spin("spin(200ms)", MS(200));
        rt_sleep("sleep(100ms)", MS(100));
        rt_end();
    }
    pid_t sleeper = rt_fork("fork sleeper", "sleeper");
    if (sleeper == 0) {
        rt_sleep("sleep(250ms)", MS(250));
        rt_end();
    }
    rt_sleep("sleep(150ms)", MS(150));
    rt_cputime("cputime(sleeper)", "sleeper");
    rt_waitpid("waitpid(burner, 0)", burner, 0);
    rt_waitpid("waitpid(sleeper, 0)", sleeper, 0);
    rt_cputime("cputime(main)", "main");
    return 0;
}
