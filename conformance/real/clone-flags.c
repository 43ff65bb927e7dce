/* clone-flags.ksim — CLONE_PARENT makes a sibling, a 0 exit signal needs __WCLONE, and the
 * flag combinations copy_process() refuses */
#include "rt.h"

static void empty(void) {}

static void sib_block(void)
{
    rt_sleep("sleep(10ms)", MS(10));
    rt_pidcall("getppid()", getppid());
}

static void z_block(void)
{
    rt_sleep("sleep(5ms)", MS(5));
    rt_exit("exit(6)", 6);
}

static void n_block(void)
{
    rt_pidcall("getpid()", getpid());
    rt_pidcall("getppid()", getppid());
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_clone("clone bad CLONE_PARENT|SIGCHLD", "bad", CLONE_PARENT | SIGCHLD, empty);
    rt_clone("clone t1 CLONE_THREAD", "t1", CLONE_THREAD, empty);
    rt_clone("clone t2 CLONE_SIGHAND", "t2", CLONE_SIGHAND, empty);
    rt_clone("clone t3 CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_NEWPID", "t3",
             CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_NEWPID, empty);
    rt_clone("clone t4 CLONE_FS|CLONE_NEWNS", "t4", CLONE_FS | CLONE_NEWNS, empty);
    pid_t p = rt_fork("fork p", "p");
    if (p == 0) {
        rt_clone("clone sib CLONE_PARENT|SIGCHLD", "sib", CLONE_PARENT | SIGCHLD, sib_block);
        rt_wait4("waitpid(sib, 0)", rt_pid("sib"), 0);
        rt_wait4("waitpid(-1, __WALL)", -1, __WALL);
        rt_end();
    }
    rt_wait4("waitpid(p, 0)", p, 0);
    rt_wait4("waitpid(sib, 0)", rt_pid("sib"), 0);
    pid_t z = rt_clone("clone z 0", "z", 0, z_block);
    rt_wait4("waitpid(z, 0)", z, 0);
    rt_wait4("waitpid(-1, 0)", -1, 0);
    rt_wait4("waitpid(z, __WCLONE)", z, __WCLONE);
    pid_t n = rt_clone("clone n CLONE_NEWPID|SIGCHLD", "n", CLONE_NEWPID | SIGCHLD, n_block);
    rt_wait4("waitpid(n, 0)", n, 0);
    return 0;
}
