/* init-exit.ksim — when main (the namespace's init) exits, every task left in its namespace is killed */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    if (rt_fork("fork sleeper", "sleeper") == 0) {
        rt_sleep("sleep(50ms)", MS(50));
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    if (rt_fork("fork spinner", "spinner") == 0) {
        rt_spin("spin(200ms)", MS(200));
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    if (rt_fork("fork parent", "parent") == 0) {
        if (rt_fork("fork grandchild", "grandchild") == 0) {
            rt_sleep("sleep(50ms)", MS(50));
            rt_pidcall("getpid()", getpid());
            rt_end();
        }
        rt_sleep("sleep(50ms)", MS(50));
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_sleep("sleep(10ms)", MS(10));
    rt_state("state(sleeper)", "sleeper");
    rt_state("state(spinner)", "spinner");
    rt_exit("exit(0)", 0);
}
