/* repeat.ksim — tasks made in a loop are named w.1, w.2, …; plain w means the latest */
#include "rt.h"

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    pid_t w[4] = {0}, latest = 0;
    for (int k = 1; k <= 3; k++) { /* repeat 3 */
        char name[16];
        sprintf(name, "w.%d", k);
        w[k] = rt_fork("fork w", name);
        if (w[k] == 0) {
            rt_sleep("sleep(10ms)", MS(10));
            rt_pidcall("getppid()", getppid());
            rt_end();
        }
        latest = w[k];
    }
    rt_waitpid("waitpid(w.1, 0)", w[1], 0);
    rt_waitpid("waitpid(w, 0)", latest, 0);
    rt_waitpid("waitpid(-1, 0)", -1, 0);
    rt_waitpid("waitpid(-1, WNOHANG)", -1, WNOHANG);
    return 0;
}
