/* orphan.ksim — a child outlives its parent and is adopted by init */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t parent = rt_fork("fork parent", "parent");
    if (parent == 0) {
        if (rt_fork("fork orphan", "orphan") == 0) {
            rt_sleep("sleep(20ms)", MS(20));
            rt_pidcall("getppid()", getppid());
            rt_end();
        }
        rt_exit("exit(0)", 0);
    }
    rt_waitpid("waitpid(parent, 0)", parent, 0);
    rt_waitpid("waitpid(-1, 0)", -1, 0);
    return 0;
}
