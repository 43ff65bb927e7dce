/* timeslice.ksim — two CPU hogs on one CPU share it: at 150 ms neither has finished its 100 ms */
#define _GNU_SOURCE
#include <sched.h>
#include "rt.h"

int main(int argc, char **argv)
{
    /* header "cpus 1": the recorder pins the scenario to CPU 0 */
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    sched_setaffinity(0, sizeof set, &set);
    rt_init(argc, argv);
    pid_t a = rt_fork("fork a", "a");
    if (a == 0) {
        rt_spin("spin(100ms)", MS(100));
        rt_end();
    }
    pid_t b = rt_fork("fork b", "b");
    if (b == 0) {
        rt_spin("spin(100ms)", MS(100));
        rt_end();
    }
    rt_sleep("sleep(150ms)", MS(150));
    rt_state("state(a)", "a");
    rt_state("state(b)", "b");
    rt_waitpid("waitpid(a, 0)", a, 0);
    rt_waitpid("waitpid(b, 0)", b, 0);
    return 0;
}
