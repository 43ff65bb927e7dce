/* unshare.ksim — unshare(CLONE_NEWPID) puts the caller's next child first in a new namespace;
 * once that init has died, forks into the namespace fail with ENOMEM */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_int("unshare(CLONE_NEWPID)", unshare(CLONE_NEWPID));
    rt_int("unshare(CLONE_NEWPID)", unshare(CLONE_NEWPID));
    pid_t n = rt_fork("fork n", "n");
    if (n == 0) {
        rt_pidcall("getpid()", getpid());
        rt_pidcall("getppid()", getppid());
        rt_end();
    }
    rt_wait4("waitpid(n, 0)", n, 0);
    pid_t m = rt_fork("fork m", "m");
    if (m == 0) {
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_pidcall("getpid()", getpid());
    return 0;
}
