/* waitid.ksim — waitid's selectors and options, its siginfo, and the errors of wait4 and waitid */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_waitid("waitid(P_ALL, 0, WEXITED|WNOHANG)", P_ALL, 0, WEXITED | WNOHANG);
    rt_waitid("waitid(P_ALL, 0, WNOHANG)", P_ALL, 0, WNOHANG);
    rt_wait4("waitpid(-1, 123456)", -1, 123456);
    rt_wait4("waitpid(INT_MIN, 0)", INT_MIN, 0);
    pid_t a = rt_fork("fork a", "a");
    if (a == 0) {
        rt_sleep("sleep(20ms)", MS(20));
        rt_exit("exit(3)", 3);
    }
    rt_waitid("waitid(P_PID, a, WEXITED|WNOHANG)", P_PID, a, WEXITED | WNOHANG);
    rt_waitid("waitid(P_PID, 0, WEXITED)", P_PID, 0, WEXITED);
    rt_waitid("waitid(P_PGID, -1, WEXITED)", P_PGID, -1, WEXITED);
    rt_waitid("waitid(7, 0, WEXITED)", 7, 0, WEXITED);
    rt_waitid("waitid(P_PID, a, WEXITED|WNOWAIT)", P_PID, a, WEXITED | WNOWAIT);
    rt_waitid("waitid(P_PID, a, WEXITED)", P_PID, a, WEXITED);
    rt_waitid("waitid(P_PID, a, WEXITED)", P_PID, a, WEXITED);
    pid_t b = rt_fork("fork b", "b");
    if (b == 0) {
        rt_exit("exit(0)", 0);
    }
    rt_waitid("waitid(P_PGID, 0, WEXITED)", P_PGID, 0, WEXITED);
    pid_t c = rt_fork("fork c", "c");
    if (c == 0) {
        rt_exit("exit(42)", 42);
    }
    rt_wait4("waitpid(-main, 0)", -rt_pid("main"), 0);
    pid_t d = rt_fork("fork d", "d");
    if (d == 0) {
        rt_sleep("sleep(10ms)", MS(10));
        rt_end();
    }
    rt_wait4("waitpid(-d, WNOHANG)", -d, WNOHANG);
    rt_waitid("waitid(P_PGID, d, WEXITED)", P_PGID, d, WEXITED);
    rt_waitid("waitid(P_ALL, 0, WEXITED)", P_ALL, 0, WEXITED);
    rt_waitid("waitid(P_ALL, 0, WEXITED|WSTOPPED|WCONTINUED)", P_ALL, 0,
              WEXITED | WSTOPPED | WCONTINUED);
    return 0;
}
