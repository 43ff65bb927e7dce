/* rt.h — tiny runtime for the hand-written C equivalents of the scenarios in examples/.
 *
 * Each program is run as PID 1 of a fresh PID namespace:
 *     unshare --pid --fork --mount-proc ./prog
 * and prints the scenario's trace (see shared/spec/scenario-language.md) on
 * stdout, one write(2) per line so that lines of different tasks never mix.
 *
 * Names: a registry in a MAP_SHARED mapping of a memfd, created before any
 * fork, maps pid -> task name (the memfd stays open, without close-on-exec,
 * so that a task that executes a new program can map it again: see rt_exec). Both the child (right after fork, with getpid())
 * and the parent (with fork's return value) register the new task, so a name is
 * known as soon as either side can print it. PIDs in a fresh namespace are
 * small and not reused within these short scenarios, so the table is indexed
 * by pid directly.
 */
#ifndef RT_H
#define RT_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>

#define RT static __attribute__((unused))
#define RT_MAXPID 4096
#define RT_NAMELEN 32

static char (*rt_reg)[RT_NAMELEN]; /* rt_reg[pid] = name, shared by all tasks */
static char rt_me[RT_NAMELEN];     /* label of the calling task */
static int rt_regfd = -1;          /* the registry's memfd (inherited across exec) */
static char rt_image[RT_NAMELEN];  /* after rt_exec: the NAME of the new program */

#define NS(x) ((long long)(x))
#define MS(x) ((long long)(x) * 1000000LL)
#define US(x) ((long long)(x) * 1000LL)
#define S(x)  ((long long)(x) * 1000000000LL)

RT void rt_die(const char *msg)
{
    char b[256];
    int n = snprintf(b, sizeof b, "rt: %s: %s\n", msg, strerror(errno));
    if (write(2, b, n) < 0) {}
    _exit(100);
}

RT void rt_register(pid_t pid, const char *name)
{
    if (pid <= 0 || pid >= RT_MAXPID) rt_die("pid outside registry");
    strncpy(rt_reg[pid], name, RT_NAMELEN - 1);
}

/* pid of the (latest) task registered under NAME; "main" is pid 1 */
RT pid_t rt_pid(const char *name)
{
    for (pid_t p = RT_MAXPID - 1; p > 0; p--)
        if (strcmp(rt_reg[p], name) == 0) return p;
    errno = ESRCH;
    rt_die(name);
    return -1;
}

/* a pid as the name of the task holding it, or as a number */
RT const char *rt_pname(pid_t pid, char *buf)
{
    if (pid > 0 && pid < RT_MAXPID && rt_reg[pid][0]) return rt_reg[pid];
    sprintf(buf, "%d", (int)pid);
    return buf;
}

RT const char *rt_errname(int e)
{
    switch (e) {
    case ECHILD: return "ECHILD";
    case ESRCH:  return "ESRCH";
    case EINTR:  return "EINTR";
    case EPERM:  return "EPERM";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case ENOENT: return "ENOENT";
    }
    static char b[16];
    sprintf(b, "E%d", e);
    return b;
}

RT const char *rt_signame(int s)
{
    static const char *n[] = {
        [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
        [SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
        [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
        [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
        [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
        [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
        [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
    };
    static char b[16];
    if (s > 0 && s < (int)(sizeof n / sizeof n[0]) && n[s]) return n[s];
    sprintf(b, "%d", s);
    return b;
}

/* print "[TASK] TEXT" (+ " = RESULT" when res != NULL) with one write(2) */
RT void rt_line(const char *text, const char *res)
{
    char b[512];
    int n = res ? snprintf(b, sizeof b, "[%s] %s = %s\n", rt_me, text, res)
                : snprintf(b, sizeof b, "[%s] %s\n", rt_me, text);
    if (write(1, b, n) != n) rt_die("write");
}

RT void rt_fail(const char *text, int e)
{
    char r[32];
    sprintf(r, "-1 %s", rt_errname(e));
    rt_line(text, r);
}

RT void rt_mapreg(void)
{
    rt_reg = mmap(NULL, sizeof(*rt_reg) * RT_MAXPID, PROT_READ | PROT_WRITE,
                  MAP_SHARED, rt_regfd, 0);
    if (rt_reg == MAP_FAILED) rt_die("mmap");
}

/* start-up of a program executed by rt_exec: KSIM_EXEC = "FD LABEL PATH" */
RT void rt_resume(const char *env, char **argv)
{
    char label[RT_NAMELEN], path[4096];
    if (sscanf(env, "%d %31s %4095s", &rt_regfd, label, path) != 3) {
        errno = EINVAL;
        rt_die("KSIM_EXEC");
    }
    rt_mapreg();
    strcpy(rt_me, label);
    strncpy(rt_image, argv[0], RT_NAMELEN - 1);
    /* the symlink and its directory were only needed for the execve */
    unlink(path);
    char *slash = strrchr(path, '/');
    if (slash) { *slash = 0; rmdir(path); }
    unsetenv("KSIM_EXEC");
}

/* true in the program that rt_exec(…, NAME) started */
RT int rt_execed(const char *name) { return strcmp(rt_image, name) == 0; }

/* ---- start-up: main is PID 1, session leader, comm and argv "main" ---- */
RT void rt_init(int argc, char **argv)
{
    (void)argc;
    const char *resume = getenv("KSIM_EXEC");
    if (resume) { rt_resume(resume, argv); return; }
    if (getpid() != 1) {
        errno = 0;
        rt_die("must run as PID 1: unshare --pid --fork --mount-proc PROG");
    }
    if (strcmp(argv[0], "main") != 0) { /* command line "main" */
        char *a[] = {"main", NULL};
        execv("/proc/self/exe", a);
        rt_die("execv /proc/self/exe");
    }
    setsid(); /* EPERM if already a group leader: ignored */
    prctl(PR_SET_NAME, "main");
    rt_regfd = memfd_create("ksim-registry", 0); /* no MFD_CLOEXEC */
    if (rt_regfd < 0) rt_die("memfd_create");
    if (ftruncate(rt_regfd, sizeof(*rt_reg) * RT_MAXPID) < 0) rt_die("ftruncate");
    rt_mapreg();
    strcpy(rt_me, "main");
    rt_register(1, "main");
}

/* ---- statements ---- */

/* fork NAME: returns 0 in the child (already labelled NAME), the pid in the parent */
RT pid_t rt_fork(const char *text, const char *name)
{
    pid_t p = fork();
    if (p == 0) {
        strncpy(rt_me, name, RT_NAMELEN - 1);
        rt_register(getpid(), name);
        return 0;
    }
    if (p < 0) { rt_fail(text, errno); return p; }
    rt_register(p, name);
    rt_line(text, name);
    return p;
}

RT void rt_exit(const char *text, int code)
{
    rt_line(text, NULL);
    _exit(code);
}

/* falling off the end of a fork block */
RT void rt_end(void) { _exit(0); }

RT void rt_wstatus(char *r, pid_t p, int st)
{
    char nb[16];
    const char *n = rt_pname(p, nb);
    if (WIFEXITED(st))
        sprintf(r, "%s exited(%d)", n, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        sprintf(r, "%s killed(%s)%s", n, rt_signame(WTERMSIG(st)),
                WCOREDUMP(st) ? " core" : "");
    else if (WIFSTOPPED(st))
        sprintf(r, "%s stopped(%s)", n, rt_signame(WSTOPSIG(st)));
    else if (WIFCONTINUED(st))
        sprintf(r, "%s continued", n);
    else
        sprintf(r, "%s status(%#x)", n, st);
}

RT void rt_waitpid(const char *text, pid_t pid, int opts)
{
    int st = 0;
    pid_t p = waitpid(pid, &st, opts);
    if (p < 0) { rt_fail(text, errno); return; }
    if (p == 0) { rt_line(text, "0"); return; }
    char r[128];
    rt_wstatus(r, p, st);
    rt_line(text, r);
}

RT void rt_wait(const char *text)
{
    int st = 0;
    pid_t p = wait(&st);
    if (p < 0) { rt_fail(text, errno); return; }
    char r[128];
    rt_wstatus(r, p, st);
    rt_line(text, r);
}

RT void rt_pidcall(const char *text, pid_t v)
{
    char nb[16];
    rt_line(text, rt_pname(v, nb));
}

RT void rt_sleep(const char *text, long long ns)
{
    struct timespec ts = {ns / 1000000000LL, ns % 1000000000LL};
    if (nanosleep(&ts, NULL) < 0) { rt_fail(text, errno); return; }
    rt_line(text, "0");
}

RT long long rt_cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* burn NS of this thread's CPU time, almost all of it in user mode: a short
 * user-mode busy loop between two readings of the (syscall) CPU clock */
RT void rt_spin(const char *text, long long ns)
{
    long long start = rt_cpu_ns();
    do {
        for (volatile int i = 0; i < 20000; i++) {}
    } while (rt_cpu_ns() - start < ns);
    rt_line(text, "0");
}

/* /proc/PID/stat; returns 0 and fills comm and the text after ") ", or -1 */
RT int rt_stat(pid_t pid, char *comm, char **rest, char *buf, size_t sz)
{
    char path[64];
    sprintf(path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sz - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *l = strchr(buf, '('), *r = strrchr(buf, ')');
    if (!l || !r || r < l) return -1;
    memcpy(comm, l + 1, r - l - 1);
    comm[r - l - 1] = 0;
    *rest = r + 2; /* field 3 onwards */
    return 0;
}

enum { LOOK_STATE, LOOK_PPID, LOOK_COMM, LOOK_CPUTIME };

RT void rt_look(const char *text, const char *name, int what)
{
    char buf[2048], comm[64], *rest, r[64], nb[16];
    pid_t pid = rt_pid(name);
    if (rt_stat(pid, comm, &rest, buf, sizeof buf) < 0) { rt_fail(text, ESRCH); return; }
    char state;
    int ppid;
    unsigned long utime, stime;
    /* 3 state, 4 ppid, 5 pgrp, 6 session, 7 tty_nr, 8 tpgid, 9 flags,
     * 10 minflt, 11 cminflt, 12 majflt, 13 cmajflt, 14 utime, 15 stime */
    if (sscanf(rest, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
               &state, &ppid, &utime, &stime) != 4)
        rt_die("parse /proc/PID/stat");
    switch (what) {
    case LOOK_STATE: sprintf(r, "%c", state); break;
    case LOOK_PPID: strcpy(r, rt_pname(ppid, nb)); break;
    case LOOK_COMM: strcpy(r, comm); break;
    case LOOK_CPUTIME:
        sprintf(r, "%llu ms", (unsigned long long)(utime + stime) * 1000ULL /
                                  (unsigned long long)sysconf(_SC_CLK_TCK));
        break;
    }
    rt_line(text, r);
}

#define rt_state(text, name)   rt_look(text, name, LOOK_STATE)
#define rt_ppid(text, name)    rt_look(text, name, LOOK_PPID)
#define rt_comm(text, name)    rt_look(text, name, LOOK_COMM)
#define rt_cputime(text, name) rt_look(text, name, LOOK_CPUTIME)

/* a call returning a PID or -1 with errno (getpgid, getsid, setsid, …) */
RT void rt_pidret(const char *text, pid_t v)
{
    if (v < 0) { rt_fail(text, errno); return; }
    rt_pidcall(text, v);
}

/* waitpid(PID, OPTIONS) as the raw wait4 system call, so that any PID and any
 * OPTIONS bits (INT_MIN, 123456) reach the kernel as written */
RT void rt_wait4(const char *text, pid_t pid, int opts)
{
    int st = 0;
    long p = syscall(SYS_wait4, pid, &st, opts, NULL);
    if (p < 0) { rt_fail(text, errno); return; }
    if (p == 0) { rt_line(text, "0"); return; }
    char r[128];
    rt_wstatus(r, p, st);
    rt_line(text, r);
}

RT const char *rt_cldname(int code)
{
    switch (code) {
    case CLD_EXITED:    return "CLD_EXITED";
    case CLD_KILLED:    return "CLD_KILLED";
    case CLD_DUMPED:    return "CLD_DUMPED";
    case CLD_STOPPED:   return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    case CLD_TRAPPED:   return "CLD_TRAPPED";
    }
    static char b[16];
    sprintf(b, "%d", code);
    return b;
}

/* waitid(IDTYPE, ID, OPTIONS) as the raw system call (no rusage):
 * "0 {PID CODE STATUS}", "0 {}" when nothing was found (si_pid == 0), or "-1 ERRNO" */
RT void rt_waitid(const char *text, int idtype, int id, int opts)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    long rc = syscall(SYS_waitid, idtype, id, &si, opts, NULL);
    if (rc < 0) { rt_fail(text, errno); return; }
    char r[160], nb[16];
    if (si.si_pid == 0) {
        sprintf(r, "%ld {}", rc);
    } else {
        char st[16];
        if (si.si_code == CLD_EXITED) sprintf(st, "%d", si.si_status);
        else strcpy(st, rt_signame(si.si_status));
        sprintf(r, "%ld {%s %s %s}", rc, rt_pname(si.si_pid, nb),
                rt_cldname(si.si_code), st);
    }
    rt_line(text, r);
}

/* exec NAME: print the line, then execve() this same program through a
 * symlink named NAME in a fresh directory under /tmp, with argv = [NAME], so
 * that the kernel sets comm to NAME. The new image finds its label, the
 * registry's memfd and the symlink (which it removes) in KSIM_EXEC, and
 * rt_execed(NAME) is then true in it. */
RT void rt_exec(const char *text, const char *name)
{
    char exe[4096], dir[] = "/dev/shm/ksim-exec-XXXXXX", path[4200], env[4400];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0) rt_die("readlink /proc/self/exe");
    exe[n] = 0;
    if (!mkdtemp(dir)) rt_die("mkdtemp");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (symlink(exe, path) < 0) rt_die("symlink");
    snprintf(env, sizeof env, "%d %s %s", rt_regfd, rt_me, path);
    if (setenv("KSIM_EXEC", env, 1) < 0) rt_die("setenv");
    rt_line(text, NULL);
    char *a[] = {(char *)name, NULL};
    extern char **environ;
    execve(path, a, environ);
    rt_die("execve");
}

#endif
