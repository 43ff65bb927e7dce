/* sessions.ksim — main starts as a session and group leader; a child makes its own session */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    rt_pidret("getpgrp()", getpgrp());
    rt_pidret("getsid(0)", getsid(0));
    rt_pidret("setsid()", setsid());
    pid_t child = rt_fork("fork child", "child");
    if (child == 0) {
        rt_pidret("getpgrp()", getpgrp());
        rt_pidret("getsid(0)", getsid(0));
        rt_pidret("setsid()", setsid());
        rt_pidret("getsid(0)", getsid(0));
        rt_pidret("getpgrp()", getpgrp());
        rt_pidret("getpgid(0)", getpgid(0));
        rt_pidret("setsid()", setsid());
        rt_sleep("sleep(20ms)", MS(20));
        rt_end();
    }
    rt_sleep("sleep(10ms)", MS(10));
    rt_pidret("getpgid(child)", getpgid(child));
    rt_pidret("getsid(child)", getsid(child));
    rt_pidret("getpgid(main)", getpgid(rt_pid("main")));
    rt_pidret("getpgid(-99)", getpgid(-99));
    rt_pidret("getsid(30000)", getsid(30000));
    rt_wait4("waitpid(child, 0)", child, 0);
    rt_pidret("getpgid(child)", getpgid(child));
    return 0;
}
