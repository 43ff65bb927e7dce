/* pipes.ksim — blocking reads and writes, EOF, EPIPE (and SIGPIPE, which a namespace init does not get) */
#include "rt.h"

static char buf[70000];

static void rt_pread(const char *text, int fd, size_t n)
{
    ssize_t r = read(fd, buf, n);
    if (r < 0) rt_fail(text, errno); else rt_int(text, r);
}

static void rt_pwrite(const char *text, int fd, size_t n)
{
    ssize_t r = write(fd, buf, n);
    if (r < 0) rt_fail(text, errno); else rt_int(text, r);
}

static void rt_close(const char *text, int fd)
{
    int r = close(fd);
    if (r < 0) rt_fail(text, errno); else rt_int(text, 0);
}

int main(int argc, char **argv)
{
    rt_init(argc, argv);
    int p[2], q[2], full[2];
    if (pipe(p) < 0) rt_fail("pipe(p)", errno); else rt_int("pipe(p)", 0);
    pid_t reader = rt_fork("fork reader", "reader");
    if (reader == 0) {
        rt_close("close(p.w)", p[1]);
        rt_pread("read(p, 10)", p[0], 10);
        rt_pread("read(p, 100)", p[0], 100);
        rt_pread("read(p, 100)", p[0], 100);
        rt_end();
    }
    rt_close("close(p.r)", p[0]);
    rt_sleep("sleep(10ms)", MS(10));
    rt_pwrite("write(p, 30)", p[1], 30);
    rt_sleep("sleep(10ms)", MS(10));
    rt_close("close(p.w)", p[1]);
    rt_wait4("waitpid(reader, 0)", reader, 0);
    if (pipe(q) < 0) rt_fail("pipe(q)", errno); else rt_int("pipe(q)", 0);
    rt_close("close(q.r)", q[0]);
    rt_pwrite("write(q, 1)", q[1], 1);
    rt_close("close(q.r)", q[0]);
    rt_pread("read(q, 1)", q[0], 1);
    pid_t writer = rt_fork("fork writer", "writer");
    if (writer == 0) {
        rt_pwrite("write(q, 5)", q[1], 5);
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_wait4("waitpid(writer, 0)", writer, 0);
    if (pipe(full) < 0) rt_fail("pipe(full)", errno); else rt_int("pipe(full)", 0);
    pid_t filler = rt_fork("fork filler", "filler");
    if (filler == 0) {
        rt_pwrite("write(full, 70000)", full[1], 70000);
        rt_pidcall("getpid()", getpid());
        rt_end();
    }
    rt_sleep("sleep(10ms)", MS(10));
    rt_look("state(filler)", "filler", 0);
    rt_pread("read(full, 65536)", full[0], 65536);
    rt_wait4("waitpid(filler, 0)", filler, 0);
    rt_pread("read(full, 65536)", full[0], 65536);
    rt_close("close(full.w)", full[1]);
    rt_pread("read(full, 10)", full[0], 10);
    return 0;
}
