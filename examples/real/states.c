/* states.ksim — the state letter, parent and comm of children as /proc/PID/stat shows them */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t spinner = rt_fork("fork spinner", "spinner");
    if (spinner == 0) {
        rt_spin("spin(100ms)", MS(100));
        rt_end();
    }
    pid_t napper = rt_fork("fork napper", "napper");
    if (napper == 0) {
        rt_sleep("sleep(100ms)", MS(100));
        rt_end();
    }
    pid_t quick = rt_fork("fork quick", "quick");
    if (quick == 0) {
        rt_exit("exit(1)", 1);
    }
    rt_sleep("sleep(20ms)", MS(20));
    rt_state("state(spinner)", "spinner");
    rt_state("state(napper)", "napper");
    rt_state("state(quick)", "quick");
    rt_ppid("ppid(quick)", "quick");
    rt_comm("comm(quick)", "quick");
    rt_waitpid("waitpid(quick, 0)", quick, 0);
    rt_state("state(quick)", "quick");
    rt_ppid("ppid(quick)", "quick");
    rt_waitpid("waitpid(spinner, 0)", spinner, 0);
    rt_waitpid("waitpid(napper, 0)", napper, 0);
    rt_state("state(main)", "main");
    rt_ppid("ppid(main)", "main");
    return 0;
}
