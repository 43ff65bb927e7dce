/* ksim_rt.h — runtime of the C programs that `ksim record` generates from a scenario
 * (ksim.scenario.CGenerator).
 *
 * The program runs as PID 1 of a fresh PID namespace with its own /proc
 * (unshare --pid --fork --mount-proc) and prints the scenario's trace on fd 1,
 * one write(2) per line, so lines of different tasks never mix.
 *
 * - System calls are made raw (rt_sys: -errno, never errno), because the tasks that
 *   `thread` and `clone … CLONE_VM` start share glibc's thread control block with
 *   their creator; nothing here uses malloc, stdio streams or glibc's thread state.
 * - Each task's context (its trace label and its PID namespace chain) is a struct
 *   rt_self: the process's initial thread uses rt_main_self, a task started on a
 *   stack of its own (thread, CLONE_VM clone, vfork) the one at the bottom of that
 *   stack. A task that shares its creator's memory therefore never writes over the
 *   creator's context: a vfork parent's handler, run as vfork returns, is still its own.
 * - A task's name bindings (ksim.scenario.ScenarioMemory) are rt_mem, in the
 *   process's memory: fork copies them, CLONE_VM shares them, exec carries them
 *   over (as ksim's Execve does) through a memfd.
 * - exec NAME runs this same program again through a symlink NAME -> /proc/thread-self/exe
 *   that main makes for every exec of the scenario at start-up, in RT_DIR/exec: the
 *   kernel takes comm from the path, and the exec needs no file system write, so it works
 *   for a thread whose leader has exited and for a task that gave up root.
 * - Names of PIDs come from a registry in a MAP_SHARED memfd made by main before
 *   any fork (ksim.scenario.NameRegistry): one entry per (task, namespace levels
 *   known), the creator's and the child's own; the latest task (highest seq) wins.
 */
#ifndef KSIM_RT_H
#define KSIM_RT_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if !defined(__x86_64__) || !defined(__linux__)
#error "ksim record: the generated programs need Linux on x86-64"
#endif

#ifndef RT_FILE
#define RT_FILE "scenario.ksim"
#endif
#ifndef RT_CPUS
#define RT_CPUS 0
#endif
#ifndef RT_NSPAWN
#define RT_NSPAWN 1
#endif
#ifndef RT_EXECS
#define RT_EXECS {0} /* the NAMEs of the scenario's execs, NULL-terminated */
#endif
#ifndef RT_RLIMITS
#define RT_RLIMITS {{0, 0}} /* the simulated machine's limits, soft and hard, by RLIMIT_* number */
#define RT_NRLIMITS 0
#endif

/* the line main writes on stderr as its block starts, when $KSIM_CAPTURE is set (ksim.scenario.Capture) */
#define RT_CAPTURE_MARK "ksim-capture: main started"

#define RT static __attribute__((unused))
#define RT_NORET static __attribute__((unused, noreturn))
#define RT_NAMELEN 64
#define RT_MAXLVL 8
#define RT_MAXENT 65536
#define RT_MAXBIND 8192
#define RT_MAXTHR 1024
#define RT_STACK (1L << 20)
#define RT_LINE 4096

/* ---- raw system calls ------------------------------------------------------------ */

static inline long rt_sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#define rt_sys_(n, a, b, c, d, e, f, ...) \
    rt_sys6((long)(n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define rt_sys(...) rt_sys_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/* ---- state ----------------------------------------------------------------------- */

/** A statement: its trace TEXT, the RESULT an expect wants (or NULL), where it is. */
struct rt_st {
    const char *text;
    const char *want;
    int line, col;
    int approx;          /* expect CALL ~ VALUE [within P%]: the numbers compared with a tolerance */
    const char *av;      /* VALUE */
    int apct;            /* P */
};

/** A task's own context (ksim: the interpreter's name and the task's PID namespace). */
struct rt_self {
    char me[RT_NAMELEN];           /* the task's name in the trace */
    int lvl;                       /* depth of its PID namespace below main's */
    unsigned long ino[RT_MAXLVL];  /* that namespace and its ancestors (inode numbers) */
    int newns;                     /* unshare(CLONE_NEWPID) done: children go one level down */
};

struct rt_bind {
    char name[RT_NAMELEN];
    long val;
};

/** The process's memory as the scenario sees it (ksim.scenario.ScenarioMemory). */
struct rt_mem {
    int nbind;
    struct rt_bind bind[RT_MAXBIND];
    int count[RT_NSPAWN + 1]; /* k of NAME.k, per spawn statement */
};

struct rt_ent {
    int ready, seq, lo, hi;
    int nr[RT_MAXLVL];
    unsigned long ino[RT_MAXLVL];
    char name[RT_NAMELEN];
};

struct rt_reg {
    int count, seq;
    int halted; /* a scenario error stopped the run: no task prints another line (rt_scenario_error) */
    struct rt_ent e[RT_MAXENT];
};

struct rt_spawn {
    char name[RT_NAMELEN]; /* NAME or NAME.k */
    const char *base;      /* NAME */
    int seq;
};

/**
 * A stack of its own, for a task sharing this memory: its context lives at the bottom. A
 * stack is never unmapped (another task may be looking at lo and hi): a CLONE_VFORK child's
 * is handed back (busy = 0) once its creator resumes, for the next one to use.
 */
struct rt_stk {
    char *lo, *hi;
    int busy;
    struct rt_self self;
    struct rt_spawn sp;
    void (*blk)(void);
    long flags;
    int thread;
    int ptid, ctid;
};

static struct rt_reg *rt_reg;
static int rt_regfd = -1;
static struct rt_self rt_main_self;
static struct rt_mem rt_mem;
static struct rt_stk *rt_stks[RT_MAXTHR];
static int rt_nstk;
static const char *rt_dir; /* $KSIM_RT_DIR, or a new directory in /tmp */
static int rt_ptid, rt_ctid;

/* ---- small string helpers (async-signal-safe) --------------------------------------- */

RT size_t rt_cat(char *b, size_t n, size_t cap, const char *s)
{
    while (*s && n + 1 < cap) b[n++] = *s++;
    b[n] = 0;
    return n;
}

RT char *rt_ltoa(long v, char *buf)
{
    char t[24];
    int i = 0, neg = v < 0;
    unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
    do { t[i++] = (char)('0' + u % 10); u /= 10; } while (u);
    char *p = buf;
    if (neg) *p++ = '-';
    while (i) *p++ = t[--i];
    *p = 0;
    return buf;
}

/** An unsigned number (an rlim_t), in decimal. */
RT char *rt_ultoa(unsigned long u, char *buf)
{
    char t[24];
    int i = 0;
    do { t[i++] = (char)('0' + u % 10); u /= 10; } while (u);
    char *p = buf;
    while (i) *p++ = t[--i];
    *p = 0;
    return buf;
}

RT void rt_write_all(int fd, const char *b, size_t n)
{
    while (n > 0) {
        long w = rt_sys(SYS_write, fd, b, n);
        if (w == -EINTR) continue;
        if (w <= 0) return;
        b += w;
        n -= (size_t)w;
    }
}

RT_NORET void rt_die(const char *what, long err)
{
    char b[512], nb[24];
    size_t n = rt_cat(b, 0, sizeof b, "ksim record: runtime: ");
    n = rt_cat(b, n, sizeof b, what);
    if (err) {
        n = rt_cat(b, n, sizeof b, " (errno ");
        n = rt_cat(b, n, sizeof b, rt_ltoa(err < 0 ? -err : err, nb));
        n = rt_cat(b, n, sizeof b, ")");
    }
    n = rt_cat(b, n, sizeof b, "\n");
    rt_write_all(2, b, n);
    for (;;) rt_sys(SYS_exit_group, 100);
}

/* ---- who am I --------------------------------------------------------------------- */

/** The calling task's context: found by where its stack pointer is. */
RT struct rt_self *rt_self(void)
{
    char probe;
    char *sp = (char *)&probe;
    int n = __atomic_load_n(&rt_nstk, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && i < RT_MAXTHR; i++) {
        struct rt_stk *s = rt_stks[i];
        if (s && sp >= s->lo && sp < s->hi) return &s->self;
    }
    return &rt_main_self;
}

/* ---- names of errors, signals, child codes, policies ------------------------------- */

RT const char *rt_errname(long e, char *buf)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
    const char *n = strerrorname_np((int)e);
    if (n) return n;
#else
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPIPE: return "EPIPE";
    case ENOSYS: return "ENOSYS";
    }
#endif
    return rt_ltoa(e, buf);
}

RT const char *rt_signame(long s, char *buf)
{
    static const char *const n[] = {
        0, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
    if (s > 0 && s < 32) return n[s];
    if (s == 34) return "SIGRTMIN";
    if (s == 64) return "SIGRTMAX";
    if (s > 34 && s < 64) {
        char t[24];
        strcpy(buf, "SIGRTMIN+");
        strcat(buf, rt_ltoa(s - 34, t));
        return buf;
    }
    return rt_ltoa(s, buf);
}

RT const char *rt_cldname(int code, char *buf)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    case CLD_TRAPPED: return "CLD_TRAPPED";
    }
    return rt_ltoa(code, buf);
}

/* ---- PID namespaces ------------------------------------------------------------------ */

/** Inode of the calling task's PID namespace ("pid:[4026531836]"). */
RT unsigned long rt_nsino(void)
{
    char b[64];
    long n = rt_sys(SYS_readlink, "/proc/thread-self/ns/pid", b, sizeof b - 1);
    if (n < 0) rt_die("readlink /proc/thread-self/ns/pid", n);
    b[n] = 0;
    char *p = strchr(b, '[');
    return p ? strtoul(p + 1, NULL, 10) : 0;
}

/** NSpid of the calling thread: its TID at levels 0..lvl (main's namespace first). */
RT void rt_nspid(int *nr, int lvl)
{
    char b[4096];
    long fd = rt_sys(SYS_open, "/proc/thread-self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0) rt_die("open /proc/thread-self/status", fd);
    long n = rt_sys(SYS_read, fd, b, sizeof b - 1);
    rt_sys(SYS_close, fd);
    if (n <= 0) rt_die("read /proc/thread-self/status", n);
    b[n] = 0;
    char *p = strstr(b, "\nNSpid:");
    if (!p) rt_die("no NSpid in /proc/thread-self/status", 0);
    p += 7;
    for (int i = 0; i <= lvl; i++) nr[i] = (int)strtol(p, &p, 10);
}

/* ---- the shared registry of names ------------------------------------------------------ */

RT void rt_reg_add(int seq, const char *name, int lo, int hi, const int *nr, const unsigned long *ino)
{
    int i = __atomic_fetch_add(&rt_reg->count, 1, __ATOMIC_ACQ_REL);
    if (i >= RT_MAXENT) rt_die("the name registry is full", 0);
    struct rt_ent *e = &rt_reg->e[i];
    e->seq = seq;
    e->lo = lo;
    e->hi = hi;
    for (int l = lo; l <= hi; l++) {
        e->nr[l] = nr[l];
        e->ino[l] = ino[l];
    }
    strncpy(e->name, name, RT_NAMELEN - 1);
    __atomic_store_n(&e->ready, 1, __ATOMIC_RELEASE);
}

static inline int rt_covers(const struct rt_ent *e, int l, unsigned long ino)
{
    return __atomic_load_n(&e->ready, __ATOMIC_ACQUIRE) && e->lo <= l && l <= e->hi && e->ino[l] == ino;
}

/** The latest entry for the task holding PID nr at level l of namespace ino, or NULL. */
RT struct rt_ent *rt_reg_bypid(long nr, int l, unsigned long ino)
{
    struct rt_ent *best = NULL;
    int n = __atomic_load_n(&rt_reg->count, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && i < RT_MAXENT; i++) {
        struct rt_ent *e = &rt_reg->e[i];
        if (rt_covers(e, l, ino) && e->nr[l] == nr && (!best || e->seq > best->seq)) best = e;
    }
    return best;
}

/** The task with sequence number seq as level l of namespace ino numbers it, or 0. */
RT long rt_reg_nr(int seq, int l, unsigned long ino)
{
    int n = __atomic_load_n(&rt_reg->count, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && i < RT_MAXENT; i++) {
        struct rt_ent *e = &rt_reg->e[i];
        if (e->seq == seq && rt_covers(e, l, ino)) return e->nr[l];
    }
    return 0;
}

/** NAME matches the entry's name, or the base of its NAME.k. */
static inline int rt_name_is(const char *ent, const char *name)
{
    size_t n = strlen(name);
    return strncmp(ent, name, n) == 0 && (ent[n] == 0 || (ent[n] == '.' && !strchr(name, '.')));
}

/** The PID, in the caller's namespace, of the latest task named NAME (0: not visible; -1: no task had that name). */
RT long rt_reg_lookup(const char *name)
{
    int best = -1;
    int n = __atomic_load_n(&rt_reg->count, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && i < RT_MAXENT; i++) {
        struct rt_ent *e = &rt_reg->e[i];
        if (__atomic_load_n(&e->ready, __ATOMIC_ACQUIRE) && e->seq > best && rt_name_is(e->name, name))
            best = e->seq;
    }
    if (best < 0) return -1;
    struct rt_self *me = rt_self();
    return rt_reg_nr(best, me->lvl, me->ino[me->lvl]);
}

/** A PID as the caller prints it: the name of the task holding it, or the number. */
RT const char *rt_pname(long nr, char *buf)
{
    struct rt_self *me = rt_self();
    struct rt_ent *e = nr > 0 ? rt_reg_bypid(nr, me->lvl, me->ino[me->lvl]) : NULL;
    if (e) return e->name;
    return rt_ltoa(nr, buf);
}

/** The caller's PID nr as main's /proc numbers it (-1 when unknown). */
RT long rt_procnr(long nr)
{
    struct rt_self *me = rt_self();
    if (me->lvl == 0) return nr;
    struct rt_ent *e = nr > 0 ? rt_reg_bypid(nr, me->lvl, me->ino[me->lvl]) : NULL;
    if (!e) return -1;
    long top = rt_reg_nr(e->seq, 0, rt_main_self.ino[0]);
    return top > 0 ? top : -1;
}

/** A PID read from main's /proc, as the caller's namespace numbers it (0: not visible). */
RT long rt_ownnr(long top)
{
    struct rt_self *me = rt_self();
    if (me->lvl == 0 || top <= 0) return top;
    struct rt_ent *e = rt_reg_bypid(top, 0, me->ino[0]);
    return e ? rt_reg_nr(e->seq, me->lvl, me->ino[me->lvl]) : 0;
}

/* ---- the task's memory: bindings of names ------------------------------------------------ */

RT void rt_bind(const char *name, long val)
{
    int n = __atomic_load_n(&rt_mem.nbind, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++)
        if (strcmp(rt_mem.bind[i].name, name) == 0) {
            rt_mem.bind[i].val = val;
            return;
        }
    int i = __atomic_fetch_add(&rt_mem.nbind, 1, __ATOMIC_ACQ_REL);
    if (i >= RT_MAXBIND) rt_die("too many names bound", 0);
    strncpy(rt_mem.bind[i].name, name, RT_NAMELEN - 1);
    rt_mem.bind[i].val = val;
}

RT int rt_bound(const char *name, long *val)
{
    int n = __atomic_load_n(&rt_mem.nbind, __ATOMIC_ACQUIRE);
    for (int i = n - 1; i >= 0; i--)
        if (strcmp(rt_mem.bind[i].name, name) == 0) {
            *val = rt_mem.bind[i].val;
            return 1;
        }
    return 0;
}

RT_NORET void rt_scenario_error(const char *msg, size_t n);

/**
 * A task name's value: the task's own binding first, then the shared registry. A name no task
 * has had yet is a scenario error at the argument's LINE:COL (ksim.scenario.Interpreter.resolve).
 */
RT long rt_val(const char *name, int line, int col)
{
    long v;
    if (rt_bound(name, &v)) return v;
    v = rt_reg_lookup(name);
    if (v >= 0) return v;
    char b[RT_LINE], nb[24];
    size_t n = rt_cat(b, 0, sizeof b - 1, RT_FILE ":");
    n = rt_cat(b, n, sizeof b - 1, rt_ltoa(line, nb));
    n = rt_cat(b, n, sizeof b - 1, ":");
    n = rt_cat(b, n, sizeof b - 1, rt_ltoa(col, nb));
    n = rt_cat(b, n, sizeof b - 1, ": no task named '");
    n = rt_cat(b, n, sizeof b - 1, name);
    n = rt_cat(b, n, sizeof b - 1, "' has been created yet\n");
    rt_scenario_error(b, n);
}

/** A pipe end's file descriptor (NAME.r, NAME.w), or -1 when this task has none. */
RT long rt_fd(const char *name)
{
    long v;
    return rt_bound(name, &v) ? v : -1;
}

/* ---- trace lines and expect -------------------------------------------------------------- */

RT void rt_line(const char *text, const char *res)
{
    if (__atomic_load_n(&rt_reg->halted, __ATOMIC_ACQUIRE))
        for (;;) rt_sys(SYS_exit_group, 2); /* the run was stopped by a scenario error: the trace ends there */
    char b[RT_LINE];
    size_t n = rt_cat(b, 0, sizeof b - 1, "[");
    n = rt_cat(b, n, sizeof b - 1, rt_self()->me);
    n = rt_cat(b, n, sizeof b - 1, "] ");
    n = rt_cat(b, n, sizeof b - 1, text);
    if (res) {
        n = rt_cat(b, n, sizeof b - 1, " = ");
        n = rt_cat(b, n, sizeof b - 1, res);
    }
    b[n++] = '\n';
    rt_write_all(1, b, n);
}

/** FILE:LINE:COL: expect failed: CALL = GOT, expected WANT — on stderr and in the run's log. */
RT void rt_expect_failed(const struct rt_st *s, const char *got)
{
    char b[RT_LINE], nb[24];
    size_t n = rt_cat(b, 0, sizeof b - 1, RT_FILE ":");
    n = rt_cat(b, n, sizeof b - 1, rt_ltoa(s->line, nb));
    n = rt_cat(b, n, sizeof b - 1, ":");
    n = rt_cat(b, n, sizeof b - 1, rt_ltoa(s->col, nb));
    n = rt_cat(b, n, sizeof b - 1, ": expect failed: ");
    n = rt_cat(b, n, sizeof b - 1, s->text);
    n = rt_cat(b, n, sizeof b - 1, " = ");
    n = rt_cat(b, n, sizeof b - 1, got);
    n = rt_cat(b, n, sizeof b - 1, ", expected ");
    n = rt_cat(b, n, sizeof b - 1, s->want);
    b[n++] = '\n';
    rt_write_all(2, b, n);
    char path[4200];
    size_t p = rt_cat(path, 0, sizeof path, rt_dir);
    rt_cat(path, p, sizeof path, "/expect-failures");
    long fd = rt_sys(SYS_open, path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd >= 0) {
        rt_write_all((int)fd, b, n);
        rt_sys(SYS_close, fd);
    }
}

/** Whether a number starts at P in text S: a digit, or '-' before one, not part of a word ("w.1", "SIGRTMIN+1"). */
static inline int rt_numat(const char *s, const char *p)
{
    const char *d = *p == '-' ? p + 1 : p;
    if (*d < '0' || *d > '9') return 0;
    if (p > s && (p[-1] == '_' || p[-1] == '.' || p[-1] == '+' || p[-1] == '-' || (p[-1] >= '0' && p[-1] <= '9')
                  || ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')))
        return 0;
    while (*d >= '0' && *d <= '9') d++;
    return !(*d == '_' || (*d >= '0' && *d <= '9') || ((*d | 0x20) >= 'a' && (*d | 0x20) <= 'z'));
}

/** The number at *P (rt_numat), moving *P past it. */
static inline long rt_atol(const char **p)
{
    int neg = **p == '-';
    if (neg) (*p)++;
    long v = 0;
    while (**p >= '0' && **p <= '9') v = v * 10 + (*(*p)++ - '0');
    return neg ? -v : v;
}

/**
 * expect CALL ~ VALUE: the result is VALUE's text with each number within P% of VALUE's, or
 * 20 ms for a number in ms, whichever is more (ksim's Approx).
 */
RT int rt_approx_ok(const struct rt_st *s, const char *res)
{
    const char *w = s->av, *r = res;
    while (*w || *r) {
        if (rt_numat(s->av, w)) {
            if (!rt_numat(res, r)) return 0;
            long want = rt_atol(&w), got = rt_atol(&r);
            long tol = (want < 0 ? -want : want) * s->apct / 100;
            if (strncmp(w, " ms", 3) == 0 && tol < 20) tol = 20;
            if (got - want > tol || want - got > tol) return 0;
        } else if (rt_numat(res, r) || *w++ != *r++) {
            return 0;
        }
    }
    return 1;
}

/**
 * A scenario error found at run time (MSG is "FILE:LINE:COL: message\n"): no task prints
 * another line, the message goes to stderr and to RT_DIR/scenario-error (the recorder then
 * stops what is left and exits 2, as ksim run does), and the tasks of this namespace but main
 * are killed, so that main, finding its children gone, ends the run at once.
 */
RT_NORET void rt_scenario_error(const char *msg, size_t n)
{
    __atomic_store_n(&rt_reg->halted, 1, __ATOMIC_RELEASE);
    rt_write_all(2, msg, n);
    char path[4200];
    rt_cat(path, rt_cat(path, 0, sizeof path, rt_dir), sizeof path, "/scenario-error");
    long fd = rt_sys(SYS_open, path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd >= 0) {
        rt_write_all((int)fd, msg, n);
        rt_sys(SYS_close, fd);
    }
    rt_sys(SYS_kill, -1, SIGKILL);
    for (;;) rt_sys(SYS_exit_group, 2);
}

/** The statement's line with its result; checks an expect. */
RT void rt_done(const struct rt_st *s, const char *res)
{
    rt_line(s->text, res);
    if (s->want && (s->approx ? !rt_approx_ok(s, res) : strcmp(res, s->want) != 0)) rt_expect_failed(s, res);
}

RT void rt_fail(const struct rt_st *s, long err)
{
    char r[64], eb[24];
    strcpy(r, "-1 ");
    strcat(r, rt_errname(-err, eb));
    rt_done(s, r);
}

/** Results: an integer, a PID, or 0 (signal, sigaction); each "-1 ERRNO" on failure. */
RT void rt_ret_int(const struct rt_st *s, long r)
{
    char b[24];
    if (r < 0 && r >= -4095) rt_fail(s, r);
    else rt_done(s, rt_ltoa(r, b));
}

RT void rt_ret_pid(const struct rt_st *s, long r)
{
    char b[24];
    if (r < 0) rt_fail(s, r);
    else rt_done(s, rt_pname(r, b));
}

/* ---- exit ----------------------------------------------------------------------------------- */

RT_NORET void rt_end(void)
{
    for (;;) rt_sys(SYS_exit_group, 0);
}

RT_NORET void rt_exit(const struct rt_st *s, long code)
{
    rt_line(s->text, NULL);
    for (;;) rt_sys(SYS_exit_group, code);
}

RT_NORET void rt_thread_exit(const struct rt_st *s, long code)
{
    rt_line(s->text, NULL);
    for (;;) rt_sys(SYS_exit, code);
}

/* ---- spawning: fork, vfork, thread, clone ----------------------------------------------------- */

/** The new task's name (NAME, or NAME.k inside a repeat: id counts per spawn statement) and seq. */
RT void rt_spawn_pre(struct rt_spawn *sp, const char *base, int id)
{
    char nb[24];
    sp->base = base;
    sp->name[0] = 0;
    rt_cat(sp->name, 0, RT_NAMELEN, base);
    if (id >= 0) {
        size_t n = strlen(sp->name);
        n = rt_cat(sp->name, n, RT_NAMELEN, ".");
        rt_cat(sp->name, n, RT_NAMELEN, rt_ltoa(++rt_mem.count[id], nb));
    }
    sp->seq = __atomic_add_fetch(&rt_reg->seq, 1, __ATOMIC_ACQ_REL);
}

/** In the child: take the name, learn the PID namespace, register, bind NAME and NAME.k to itself. */
RT void rt_child(const struct rt_spawn *sp, long flags)
{
    struct rt_self *me = rt_self();
    me->me[0] = 0;
    rt_cat(me->me, 0, RT_NAMELEN, sp->name);
    if ((flags & CLONE_NEWPID) || me->newns) {
        unsigned long ino = rt_nsino();
        if (ino != me->ino[me->lvl] && me->lvl + 1 < RT_MAXLVL) me->ino[++me->lvl] = ino;
        me->newns = 0;
    }
    int nr[RT_MAXLVL];
    int lo = me->lvl;
    if (me->lvl > 0) {
        rt_nspid(nr, me->lvl);
        lo = 0;
    } else {
        nr[0] = (int)rt_sys(SYS_gettid);
    }
    rt_reg_add(sp->seq, sp->name, lo, me->lvl, nr, me->ino);
    rt_bind(sp->base, nr[me->lvl]);
    rt_bind(sp->name, nr[me->lvl]);
}

/** In the creator: register and bind the child's PID, print "fork NAME = NAME.k" (or the error). */
RT void rt_spawn_post(const struct rt_st *s, const struct rt_spawn *sp, long ret)
{
    if (ret < 0) {
        rt_fail(s, ret);
        return;
    }
    struct rt_self *me = rt_self();
    int nr[RT_MAXLVL];
    nr[me->lvl] = (int)ret;
    rt_reg_add(sp->seq, sp->name, me->lvl, me->lvl, nr, me->ino);
    rt_bind(sp->base, ret);
    rt_bind(sp->name, ret);
    rt_done(s, sp->name);
}

/** fork NAME { blk }: clone(SIGCHLD); the child runs blk and exits 0. */
RT long rt_fork(const struct rt_st *s, const char *base, int id, void (*blk)(void))
{
    struct rt_spawn sp;
    rt_spawn_pre(&sp, base, id);
    long p = rt_sys(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (p == 0) {
        rt_child(&sp, 0);
        blk();
        rt_end();
    }
    rt_spawn_post(s, &sp, p);
    return p;
}

static inline unsigned long rt_tls(void)
{
    unsigned long fs;
    __asm__("mov %%fs:0, %0" : "=r"(fs));
    return fs;
}

static int rt_clone_main(void *arg)
{
    struct rt_stk *st = arg;
    rt_child(&st->sp, st->flags);
    st->blk();
    if (st->thread) for (;;) rt_sys(SYS_exit, 0);
    rt_end();
}

/** A stack for a CLONE_VM child: a CLONE_VFORK child's handed back, or a new one. */
RT struct rt_stk *rt_stk_get(long flags)
{
    int vf = (flags & CLONE_VFORK) != 0;
    int n = __atomic_load_n(&rt_nstk, __ATOMIC_ACQUIRE);
    for (int i = 0; vf && i < n && i < RT_MAXTHR; i++) {
        struct rt_stk *st = __atomic_load_n(&rt_stks[i], __ATOMIC_ACQUIRE);
        int free = 0;
        if (st && __atomic_compare_exchange_n(&st->busy, &free, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return st;
    }
    long m = rt_sys(SYS_mmap, 0, RT_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (m < 0 && m >= -4095) rt_die("mmap a stack", m);
    struct rt_stk *st = (struct rt_stk *)m;
    st->lo = (char *)m;
    st->hi = (char *)m + RT_STACK;
    st->busy = 1;
    int i = __atomic_fetch_add(&rt_nstk, 1, __ATOMIC_ACQ_REL);
    if (i >= RT_MAXTHR) rt_die("too many stacks", 0);
    __atomic_store_n(&rt_stks[i], st, __ATOMIC_RELEASE);
    return st;
}

/**
 * clone NAME FLAGS { blk } and thread NAME { blk }. With CLONE_VM the child gets a stack of
 * its own (glibc's clone() wrapper starts it there); without, it goes on from here on a copy
 * of this one. A thread falls off its block with thread_exit(0), a clone with exit(0).
 */
RT long rt_clone(const struct rt_st *s, const char *base, int id, long flags, void (*blk)(void), int thread)
{
    struct rt_spawn sp;
    rt_spawn_pre(&sp, base, id);
    unsigned long tls = rt_tls();
    long p;
    if (!(flags & CLONE_VM)) {
        p = rt_sys(SYS_clone, flags, 0, &rt_ptid, &rt_ctid, tls);
        if (p == 0) {
            rt_child(&sp, flags);
            blk();
            if (thread) for (;;) rt_sys(SYS_exit, 0);
            rt_end();
        }
    } else {
        struct rt_stk *st = rt_stk_get(flags);
        st->self = *rt_self();
        st->sp = sp;
        st->blk = blk;
        st->flags = flags;
        st->thread = thread;
        char *top = (char *)(((unsigned long)st->hi - 64) & ~15UL);
        int r = clone(rt_clone_main, top, (int)flags, st, &st->ptid, (void *)tls, &st->ctid);
        p = r < 0 ? -errno : r;
        /* a CLONE_VFORK child has exited or exec'd (or never started): its stack is free */
        if ((flags & CLONE_VFORK) || r < 0) __atomic_store_n(&st->busy, 0, __ATOMIC_RELEASE);
    }
    rt_spawn_post(s, &sp, p);
    return p;
}

/**
 * vfork NAME { blk }: what vfork(2) is, clone(CLONE_VM | CLONE_VFORK, SIGCHLD), but with the
 * child on a stack of its own: sharing its parent's, it would have to keep its context where the
 * parent keeps its own, and a handler the parent runs as vfork returns would print the child's name.
 */
RT long rt_vfork(const struct rt_st *s, const char *base, int id, void (*blk)(void))
{
    return rt_clone(s, base, id, CLONE_VM | CLONE_VFORK | SIGCHLD, blk, 0);
}

/* ---- exec -------------------------------------------------------------------------------------- */

extern char **environ;

/** RT_DIR/exec/NAME: the symlink that rt_exec runs for exec NAME. */
RT void rt_execpath(char *path, size_t cap, const char *name)
{
    size_t p = rt_cat(path, 0, cap, rt_dir);
    p = rt_cat(path, p, cap, "/exec/");
    rt_cat(path, p, cap, name);
}

/**
 * exec NAME { … }: execve() this same program through the symlink RT_DIR/exec/NAME (so the
 * kernel sets comm to NAME) with argv [NAME]. KSIM_EXEC tells the new image the registry's fd,
 * a memfd holding the task's context and memory, and the block to run. As in ksim, the line
 * is printed by the new program (rt_execed); a failed exec prints "exec NAME = -1 ERRNO" and
 * the old program goes on.
 */
RT void rt_exec(const struct rt_st *s, const char *name, int image)
{
    char path[4300], env[128], nb[24];
    rt_execpath(path, sizeof path, name);
    long mfd = rt_sys(SYS_memfd_create, "ksim-memory", 0);
    if (mfd < 0) rt_die("memfd_create", mfd);
    rt_write_all((int)mfd, (const char *)rt_self(), sizeof(struct rt_self));
    rt_write_all((int)mfd, (const char *)&rt_mem, sizeof rt_mem);
    size_t e = rt_cat(env, 0, sizeof env, "KSIM_EXEC=");
    e = rt_cat(env, e, sizeof env, rt_ltoa(rt_regfd, nb));
    e = rt_cat(env, e, sizeof env, " ");
    e = rt_cat(env, e, sizeof env, rt_ltoa(mfd, nb));
    e = rt_cat(env, e, sizeof env, " ");
    rt_cat(env, e, sizeof env, rt_ltoa(image, nb));
    int ne = 0;
    while (environ[ne]) ne++;
    char *envp[ne + 2];
    int k = 0;
    for (int i = 0; i < ne; i++)
        if (strncmp(environ[i], "KSIM_EXEC=", 10) != 0) envp[k++] = environ[i];
    envp[k++] = env;
    envp[k] = NULL;
    char *argv[] = {(char *)name, NULL};
    long r = rt_sys(SYS_execve, path, argv, envp);
    rt_sys(SYS_close, mfd);
    rt_fail(s, r);
}

/** The first thing the program an exec started does: the exec's line. */
RT void rt_execed(const struct rt_st *s)
{
    rt_line(s->text, NULL);
}

/* ---- start-up ------------------------------------------------------------------------------------ */

RT void rt_mapreg(void)
{
    long m = rt_sys(SYS_mmap, 0, sizeof(struct rt_reg), PROT_READ | PROT_WRITE, MAP_SHARED, rt_regfd, 0);
    if (m < 0 && m >= -4095) rt_die("mmap the registry", m);
    rt_reg = (struct rt_reg *)m;
}

/** The start of an image that rt_exec started: returns the number of its block. */
RT int rt_resume(const char *env)
{
    char *q;
    rt_regfd = (int)strtol(env, &q, 10);
    int mfd = (int)strtol(q, &q, 10);
    int image = (int)strtol(q, &q, 10);
    rt_mapreg();
    if (rt_sys(SYS_pread64, mfd, &rt_main_self, sizeof rt_main_self, 0) != sizeof rt_main_self ||
        rt_sys(SYS_pread64, mfd, &rt_mem, sizeof rt_mem, sizeof rt_main_self) != sizeof rt_mem)
        rt_die("read the task's memory back", 0);
    rt_sys(SYS_close, mfd);
    return image;
}

/**
 * main's files, made while it is still root: RT_DIR (a new one when $KSIM_RT_DIR is not
 * set; exec'd images find it there), "started", the logs "expect-failures" and "scenario-error"
 * any task may append to, and RT_DIR/exec with a symlink to /proc/thread-self/exe for each exec
 * NAME. Nothing in RT_DIR is written after start-up but the logs.
 */
RT void rt_files(void)
{
    static char tmp[] = "/tmp/ksim-rt-XXXXXX";
    if (!rt_dir) {
        if (!mkdtemp(tmp)) rt_die("mkdtemp /tmp/ksim-rt-XXXXXX", errno);
        rt_sys(SYS_chmod, tmp, 0711);
        if (setenv("KSIM_RT_DIR", tmp, 1) < 0) rt_die("setenv KSIM_RT_DIR", errno);
        rt_dir = tmp;
    }
    char path[4300];
    rt_cat(path, rt_cat(path, 0, sizeof path, rt_dir), sizeof path, "/started");
    long fd = rt_sys(SYS_open, path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) rt_sys(SYS_close, fd);
    static const char *const logs[] = {"/expect-failures", "/scenario-error", 0};
    for (int i = 0; logs[i]; i++) {
        rt_cat(path, rt_cat(path, 0, sizeof path, rt_dir), sizeof path, logs[i]);
        fd = rt_sys(SYS_open, path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) rt_die("create RT_DIR's logs", fd);
        rt_sys(SYS_fchmod, fd, 0666); /* whatever the umask: a task may setuid() */
        rt_sys(SYS_close, fd);
    }
    static const char *const execs[] = RT_EXECS;
    if (!execs[0]) return;
    rt_cat(path, rt_cat(path, 0, sizeof path, rt_dir), sizeof path, "/exec");
    long r = rt_sys(SYS_mkdir, path, 0755);
    if (r < 0) rt_die("mkdir RT_DIR/exec", r);
    rt_sys(SYS_chmod, path, 0755);
    for (int i = 0; execs[i]; i++) {
        rt_execpath(path, sizeof path, execs[i]);
        r = rt_sys(SYS_symlink, "/proc/thread-self/exe", path);
        if (r < 0 && r != -EEXIST) rt_die("symlink RT_DIR/exec/NAME", r);
    }
}

/**
 * main's resource limits as on the simulated machine (the kernel's INIT_RLIMITS, and
 * RLIMIT_NPROC and RLIMIT_SIGPENDING at threads-max / 2 of its memory), not as this machine
 * and the program that started the recorder left them: a trace then never shows the
 * recording host's memory size or its shell's ulimits. Raising a hard limit needs root in
 * the initial user namespace; where that fails the host's limit stays.
 */
RT void rt_limits(void)
{
    static const unsigned long lim[][2] = RT_RLIMITS;
    for (int r = 0; r < RT_NRLIMITS; r++) {
        struct rlimit want = {lim[r][0], lim[r][1]};
        rt_sys(SYS_prlimit64, 0, r, &want, 0);
    }
}

/** Pin to CPUs 0..N-1 (the header's cpus, else the simulated default) when this machine lets us use them all. */
RT void rt_pin(void)
{
    if (RT_CPUS <= 0 || RT_CPUS > 1024) return;
    unsigned long mask[16] = {0}, want[16] = {0};
    if (rt_sys(SYS_sched_getaffinity, 0, sizeof mask, mask) < 0) return;
    for (int c = 0; c < RT_CPUS; c++) {
        if (!(mask[c / 64] & (1UL << (c % 64)))) return;
        want[c / 64] |= 1UL << (c % 64);
    }
    rt_sys(SYS_sched_setaffinity, 0, sizeof want, want);
}

/**
 * Every signal back to SIG_DFL and none blocked: ignored dispositions survive exec, and a
 * program started by the JVM inherits signals 32 and 33 ignored (seen in /proc/PID/status as
 * SigIgn 0000000180000000). ksim's main starts with every disposition at SIG_DFL.
 */
RT void rt_clean_signals(void)
{
    struct { unsigned long handler, flags, restorer, mask; } dfl = {0, 0, 0, 0};
    for (int sig = 1; sig <= 64; sig++)
        if (sig != SIGKILL && sig != SIGSTOP) rt_sys(SYS_rt_sigaction, sig, &dfl, 0, 8);
    unsigned long none = 0;
    rt_sys(SYS_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);
}

/**
 * main is PID 1 of the new namespace, with comm and command line "main", leader of its own
 * session, registered and bound as "main". Returns the block to run: 0 for main's, or the
 * image an exec started.
 */
RT int rt_start(int argc, char **argv)
{
    (void)argc;
    const char *d = getenv("KSIM_RT_DIR");
    if (d && *d) rt_dir = d;
    const char *ex = getenv("KSIM_EXEC");
    if (ex) return rt_resume(ex);
    if (rt_sys(SYS_getpid) != 1) rt_die("must run as PID 1 of a new PID namespace (unshare --pid --fork --mount-proc PROG)", 0);
    if (strcmp(argv[0], "main") != 0) {
        rt_clean_signals();
        rt_limits();
        rt_pin();
        char *a[] = {"main", NULL};
        long r = rt_sys(SYS_execve, "/proc/self/exe", a, environ);
        rt_die("execve /proc/self/exe", r);
    }
    rt_files();
    rt_sys(SYS_setsid); /* EPERM if already a group leader: ignored */
    rt_sys(SYS_prctl, PR_SET_NAME, "main");
    rt_regfd = (int)rt_sys(SYS_memfd_create, "ksim-registry", 0); /* no close-on-exec */
    if (rt_regfd < 0) rt_die("memfd_create", rt_regfd);
    long r = rt_sys(SYS_ftruncate, rt_regfd, sizeof(struct rt_reg));
    if (r < 0) rt_die("ftruncate", r);
    rt_mapreg();
    strcpy(rt_main_self.me, "main");
    rt_main_self.lvl = 0;
    rt_main_self.ino[0] = rt_nsino();
    int nr[RT_MAXLVL] = {1};
    rt_reg_add(0, "main", 0, 0, nr, rt_main_self.ino);
    rt_bind("main", 1);
    /* ksim capture: tell the harness, as main's first statement is about to run, that the
     * scenario's clock starts now (it reads /proc at a time measured from here) */
    const char *cap = getenv("KSIM_CAPTURE");
    if (cap && *cap) rt_write_all(2, RT_CAPTURE_MARK "\n", sizeof RT_CAPTURE_MARK);
    return 0;
}

/* ---- wait ------------------------------------------------------------------------------------------ */

RT void rt_wstatus(char *r, long p, int st)
{
    char nb[24], sb[24];
    strcpy(r, rt_pname(p, nb));
    if (WIFEXITED(st)) {
        strcat(r, " exited(");
        strcat(r, rt_ltoa(WEXITSTATUS(st), sb));
        strcat(r, ")");
    } else if (WIFSIGNALED(st)) {
        strcat(r, " killed(");
        strcat(r, rt_signame(WTERMSIG(st), sb));
        strcat(r, WCOREDUMP(st) ? ") core" : ")");
    } else if (WIFSTOPPED(st)) {
        strcat(r, " stopped(");
        strcat(r, rt_signame(WSTOPSIG(st), sb));
        strcat(r, ")");
    } else if (WIFCONTINUED(st)) {
        strcat(r, " continued");
    } else {
        strcat(r, " status(");
        strcat(r, rt_ltoa(st, sb));
        strcat(r, ")");
    }
}

/** waitpid(PID, OPTIONS) and wait(): the raw wait4, so any PID and OPTIONS reach the kernel. */
RT void rt_wait4(const struct rt_st *s, long pid, long opts)
{
    int st = 0;
    long p = rt_sys(SYS_wait4, (int)pid, &st, (int)opts, 0);
    if (p < 0) {
        rt_fail(s, p);
        return;
    }
    if (p == 0) {
        rt_done(s, "0");
        return;
    }
    char r[256];
    rt_wstatus(r, p, st);
    rt_done(s, r);
}

/** waitid(IDTYPE, ID, OPTIONS), raw: "0 {PID CODE STATUS}", or "0 {}" when si_pid is 0. */
RT void rt_waitid(const struct rt_st *s, long idtype, long id, long opts)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    long rc = rt_sys(SYS_waitid, (int)idtype, (int)id, &si, (int)opts, 0);
    if (rc < 0) {
        rt_fail(s, rc);
        return;
    }
    char r[256], nb[24], cb[24], sb[24];
    strcpy(r, rt_ltoa(rc, nb));
    if (si.si_pid == 0) {
        strcat(r, " {}");
    } else {
        strcat(r, " {");
        strcat(r, rt_pname(si.si_pid, nb));
        strcat(r, " ");
        strcat(r, rt_cldname(si.si_code, cb));
        strcat(r, " ");
        strcat(r, si.si_code == CLD_EXITED ? rt_ltoa(si.si_status, sb) : rt_signame(si.si_status, sb));
        strcat(r, "}");
    }
    rt_done(s, r);
}

/* ---- time ------------------------------------------------------------------------------------------- */

RT void rt_sleep(const struct rt_st *s, long ns)
{
    struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
    long r = rt_sys(SYS_nanosleep, &ts, 0);
    rt_ret_int(s, r);
}

RT long rt_cpu_ns(void)
{
    struct timespec t;
    rt_sys(SYS_clock_gettime, CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/** spin(D): burn D of this thread's CPU time in a user-mode loop, checked against its CPU clock. */
RT void rt_spin(const struct rt_st *s, long ns)
{
    long start = rt_cpu_ns();
    do {
        for (volatile int i = 0; i < 20000; i++) {}
    } while (rt_cpu_ns() - start < ns);
    rt_done(s, "0");
}

/** getrusage(WHO): "{utime+stime N ms, nvcsw N}", the two timevals' µs summed, then cut to ms. */
RT void rt_getrusage(const struct rt_st *s, long who)
{
    struct rusage ru;
    long r = rt_sys(SYS_getrusage, who, &ru);
    if (r < 0) {
        rt_fail(s, r);
        return;
    }
    long us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    char b[128], nb[24];
    strcpy(b, "{utime+stime ");
    strcat(b, rt_ltoa(us / 1000, nb));
    strcat(b, " ms, nvcsw ");
    strcat(b, rt_ltoa(ru.ru_nvcsw, nb));
    strcat(b, "}");
    rt_done(s, b);
}

/**
 * times(): "{utime+stime N ms, cutime+cstime N ms}" from the clock ticks (USER_HZ 100); what it
 * returns, the ticks since boot, is the host's.
 */
RT void rt_times(const struct rt_st *s)
{
    struct tms t;
    long r = rt_sys(SYS_times, &t);
    if (r < 0 && r >= -4095) {
        rt_fail(s, r);
        return;
    }
    char b[128], nb[24];
    strcpy(b, "{utime+stime ");
    strcat(b, rt_ltoa((t.tms_utime + t.tms_stime) * 10, nb));
    strcat(b, " ms, cutime+cstime ");
    strcat(b, rt_ltoa((t.tms_cutime + t.tms_cstime) * 10, nb));
    strcat(b, " ms}");
    rt_done(s, b);
}

/* ---- looking at /proc/PID/stat ------------------------------------------------------------------------ */

enum { RT_STATE, RT_PPID, RT_COMM, RT_CPUTIME };

RT void rt_look(const struct rt_st *s, long nr, int what)
{
    char path[64], buf[2048], nb[24], r[128];
    long pid = rt_procnr(nr);
    if (pid <= 0) {
        rt_fail(s, -ESRCH);
        return;
    }
    size_t n = rt_cat(path, 0, sizeof path, "/proc/");
    n = rt_cat(path, n, sizeof path, rt_ltoa(pid, nb));
    rt_cat(path, n, sizeof path, "/stat");
    long fd = rt_sys(SYS_open, path, O_RDONLY | O_CLOEXEC);
    long len = fd < 0 ? -1 : rt_sys(SYS_read, fd, buf, sizeof buf - 1);
    if (fd >= 0) rt_sys(SYS_close, fd);
    if (len <= 0) {
        rt_fail(s, -ESRCH);
        return;
    }
    buf[len] = 0;
    char *l = strchr(buf, '('), *rp = strrchr(buf, ')'); /* comm ends at the last ')' */
    if (!l || !rp || rp < l) rt_die("parse /proc/PID/stat", 0);
    char *f = rp + 2;                                    /* field 3 onwards */
    char state = *f;
    long fields[16];
    char *q = f + 1;
    for (int i = 4; i <= 15; i++) fields[i] = strtol(q, &q, 10);
    switch (what) {
    case RT_STATE: r[0] = state; r[1] = 0; break;
    case RT_PPID: strcpy(r, rt_pname(rt_ownnr(fields[4]), nb)); break;
    case RT_COMM:
        n = (size_t)(rp - l - 1) < sizeof r - 1 ? (size_t)(rp - l - 1) : sizeof r - 1;
        memcpy(r, l + 1, n);
        r[n] = 0;
        break;
    default: /* utime + stime, fields 14 and 15, in USER_HZ (100) ticks */
        strcpy(r, rt_ltoa((fields[14] + fields[15]) * 10, nb));
        strcat(r, " ms");
    }
    rt_done(s, r);
}

/* ---- signals ------------------------------------------------------------------------------------------- */

enum { RT_SIG_DFL, RT_SIG_IGN, RT_CATCH };

/** The handler that `catch` installs: "[TASK] caught SIGNAME". */
static void rt_caught(int sig)
{
    char sb[24];
    char text[64] = "caught ";
    strcat(text, rt_signame(sig, sb));
    rt_line(text, NULL);
}

static inline void (*rt_handler(long h))(int)
{
    return h == RT_CATCH ? rt_caught : h == RT_SIG_IGN ? SIG_IGN : SIG_DFL;
}

/** signal(SIG, H): glibc's BSD signal() (SA_RESTART, the signal blocked in its handler). */
RT void rt_signal(const struct rt_st *s, long sig, long h)
{
    if (signal((int)sig, rt_handler(h)) == SIG_ERR) rt_fail(s, -errno);
    else rt_done(s, "0");
}

RT void rt_sigaction(const struct rt_st *s, long sig, long h, long flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = rt_handler(h);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = (int)flags;
    if (sigaction((int)sig, &sa, NULL) < 0) rt_fail(s, -errno);
    else rt_done(s, "0");
}

/**
 * A set {…} as a kernel sigset_t: numbers outside 1..64 are left out, as sigaddset() refuses
 * them, and so are glibc's own 32 and 33 (sigaddset() refuses them, sigprocmask() drops them).
 */
RT unsigned long rt_sigset(const long *sigs, int n)
{
    unsigned long set = 0;
    for (int i = 0; i < n; i++)
        if (sigs[i] >= 1 && sigs[i] <= 64 && sigs[i] != 32 && sigs[i] != 33) set |= 1UL << (sigs[i] - 1);
    return set;
}

RT void rt_sigprocmask(const struct rt_st *s, long how, const long *sigs, int n)
{
    unsigned long set = rt_sigset(sigs, n);
    rt_ret_int(s, rt_sys(SYS_rt_sigprocmask, how, &set, 0, 8));
}

/** sigsuspend({…}): -1 EINTR once a handler has run (with that mask; the old one is back after it). */
RT void rt_sigsuspend(const struct rt_st *s, const long *sigs, int n)
{
    unsigned long set = rt_sigset(sigs, n);
    rt_ret_int(s, rt_sys(SYS_rt_sigsuspend, &set, 8));
}

/** sigpending(): the set as the trace writes sets, "{SIGUSR1, SIGRTMIN}", by number. */
RT void rt_sigpending(const struct rt_st *s)
{
    unsigned long set = 0;
    long r = rt_sys(SYS_rt_sigpending, &set, 8);
    if (r < 0) {
        rt_fail(s, r);
        return;
    }
    char b[RT_LINE], sb[24];
    size_t n = rt_cat(b, 0, sizeof b - 1, "{");
    for (int sig = 1; sig <= 64; sig++) {
        if (!(set & (1UL << (sig - 1)))) continue;
        if (n > 1) n = rt_cat(b, n, sizeof b - 1, ", ");
        n = rt_cat(b, n, sizeof b - 1, rt_signame(sig, sb));
    }
    n = rt_cat(b, n, sizeof b - 1, "}");
    b[n] = 0;
    rt_done(s, b);
}

/** raise(SIG): tgkill of the calling thread. */
RT void rt_raise(const struct rt_st *s, long sig)
{
    rt_ret_int(s, rt_sys(SYS_tgkill, rt_sys(SYS_getpid), rt_sys(SYS_gettid), sig));
}

/* ---- process control and scheduling -------------------------------------------------------------------- */

/** prctl(OPTION, V): a PR_GET_* option prints what it wrote back (a number, or the name). */
RT void rt_prctl(const struct rt_st *s, long opt, long v, const char *word)
{
    char name[32] = {0}, nb[24];
    int out = 0;
    long r;
    switch (opt) {
    case PR_GET_NAME:
        r = rt_sys(SYS_prctl, opt, name, 0, 0, 0);
        if (r < 0) rt_fail(s, r);
        else rt_done(s, name);
        return;
    case PR_GET_CHILD_SUBREAPER:
    case PR_GET_PDEATHSIG:
        r = rt_sys(SYS_prctl, opt, &out, 0, 0, 0);
        if (r < 0) rt_fail(s, r);
        else rt_done(s, rt_ltoa(out, nb));
        return;
    }
    /* a word is a string only for PR_SET_NAME; elsewhere it stands for 0 (the interpreter's rule) */
    rt_ret_int(s, rt_sys(SYS_prctl, opt, word && opt == PR_SET_NAME ? (long)word : v, 0, 0, 0));
}

RT void rt_unshare(const struct rt_st *s, long flags)
{
    long r = rt_sys(SYS_unshare, flags);
    if (r == 0 && (flags & CLONE_NEWPID)) rt_self()->newns = 1;
    rt_ret_int(s, r);
}

RT void rt_setrlimit(const struct rt_st *s, long res, long soft, long hard)
{
    struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};
    rt_ret_int(s, rt_sys(SYS_prlimit64, 0, res, &rl, 0));
}

RT void rt_getrlimit(const struct rt_st *s, long res)
{
    struct rlimit rl;
    long r = rt_sys(SYS_prlimit64, 0, res, 0, &rl);
    if (r < 0) {
        rt_fail(s, r);
        return;
    }
    char b[64], nb[24];
    strcpy(b, rl.rlim_cur == RLIM_INFINITY ? "unlimited" : rt_ultoa(rl.rlim_cur, nb));
    strcat(b, " ");
    strcat(b, rl.rlim_max == RLIM_INFINITY ? "unlimited" : rt_ultoa(rl.rlim_max, nb));
    rt_done(s, b);
}

/** getpriority(WHICH, WHO) as glibc's: the kernel answers 20 - nice, glibc the nice value. */
RT void rt_getpriority(const struct rt_st *s, long which, long who)
{
    char nb[24];
    long r = rt_sys(SYS_getpriority, which, who);
    if (r < 0) rt_fail(s, r);
    else rt_done(s, rt_ltoa(20 - r, nb));
}

/** nice(N) as glibc's: the new nice value (which may be negative); EACCES becomes EPERM. */
RT void rt_nice(const struct rt_st *s, long inc)
{
    char nb[24];
    long r = rt_sys(SYS_getpriority, PRIO_PROCESS, 0);
    if (r >= 0) r = rt_sys(SYS_setpriority, PRIO_PROCESS, 0, 20 - r + inc);
    if (r >= 0) r = rt_sys(SYS_getpriority, PRIO_PROCESS, 0);
    if (r < 0) rt_fail(s, r == -EACCES ? -EPERM : r);
    else rt_done(s, rt_ltoa(20 - r, nb));
}

RT void rt_sched_setscheduler(const struct rt_st *s, long pid, long policy, long prio)
{
    int p = (int)prio;
    rt_ret_int(s, rt_sys(SYS_sched_setscheduler, pid, policy, &p));
}

RT void rt_sched_getscheduler(const struct rt_st *s, long pid)
{
    long r = rt_sys(SYS_sched_getscheduler, pid);
    if (r < 0) {
        rt_fail(s, r);
        return;
    }
    char b[64], nb[24];
    switch (r & ~SCHED_RESET_ON_FORK) {
    case SCHED_OTHER: strcpy(b, "SCHED_OTHER"); break;
    case SCHED_FIFO: strcpy(b, "SCHED_FIFO"); break;
    case SCHED_RR: strcpy(b, "SCHED_RR"); break;
    case SCHED_BATCH: strcpy(b, "SCHED_BATCH"); break;
    case SCHED_IDLE: strcpy(b, "SCHED_IDLE"); break;
    case 6: strcpy(b, "SCHED_DEADLINE"); break;
    default: strcpy(b, rt_ltoa(r & ~SCHED_RESET_ON_FORK, nb));
    }
    if (r & SCHED_RESET_ON_FORK) strcat(b, "|SCHED_RESET_ON_FORK");
    rt_done(s, b);
}

RT void rt_sched_setaffinity(const struct rt_st *s, long pid, const long *cpus, int n)
{
    unsigned long mask[16] = {0}; /* glibc's cpu_set_t: 1024 CPUs */
    for (int i = 0; i < n; i++)
        if (cpus[i] >= 0 && cpus[i] < 1024) mask[cpus[i] / 64] |= 1UL << (cpus[i] % 64);
    rt_ret_int(s, rt_sys(SYS_sched_setaffinity, pid, sizeof mask, mask));
}

/** sched_getaffinity(PID): the mask as a set, "{0, 1}". */
RT void rt_sched_getaffinity(const struct rt_st *s, long pid)
{
    unsigned long mask[16] = {0};
    long r = rt_sys(SYS_sched_getaffinity, pid, sizeof mask, mask);
    if (r < 0) {
        rt_fail(s, r);
        return;
    }
    char b[RT_LINE], nb[24];
    size_t n = rt_cat(b, 0, sizeof b - 1, "{");
    int first = 1;
    for (int cpu = 0; cpu < 1024; cpu++) {
        if (!(mask[cpu / 64] & (1UL << (cpu % 64)))) continue;
        if (!first) n = rt_cat(b, n, sizeof b - 1, ", ");
        n = rt_cat(b, n, sizeof b - 1, rt_ltoa(cpu, nb));
        first = 0;
    }
    n = rt_cat(b, n, sizeof b - 1, "}");
    b[n] = 0;
    rt_done(s, b);
}

/* ---- pipes ---------------------------------------------------------------------------------------------- */

/** pipe(NAME): binds NAME.r and NAME.w to the two ends in the task's memory. */
RT void rt_pipe(const struct rt_st *s, const char *name)
{
    int fds[2];
    long r = rt_sys(SYS_pipe2, fds, 0);
    if (r == 0) {
        char n[RT_NAMELEN + 4];
        size_t k = rt_cat(n, 0, sizeof n, name);
        rt_cat(n, k, sizeof n, ".r");
        rt_bind(n, fds[0]);
        rt_cat(n, k, sizeof n, ".w");
        rt_bind(n, fds[1]);
    }
    rt_ret_int(s, r);
}

/* the largest buffer a read or write gets, 32 TiB (ksim.scenario.UserBuffer.MAX) */
#define RT_MAXBUF (1L << 45)
/* the most of a read's buffer a pipe can fill: pipe-max-size's default */
#define RT_PIPE_MAX (1L << 20)

/**
 * write(NAME, N) / read(NAME, N): N bytes to NAME.w, or from NAME.r, in one call, through an
 * N-byte buffer (ksim.scenario.UserBuffer). The buffer is address space only: a write's reads
 * as zeros (untouched anonymous pages: no memory), a read's is writable as far as a pipe can
 * fill it. For N beyond RT_MAXBUF, or negative, it is one page, which mmap() puts high in user
 * space: N bytes from there run past its end, and the kernel's access_ok() says EFAULT.
 */
RT void rt_pipe_io(const struct rt_st *s, const char *name, long count, int writing)
{
    char n[RT_NAMELEN + 4];
    rt_cat(n, rt_cat(n, 0, sizeof n, name), sizeof n, writing ? ".w" : ".r");
    long fd = rt_fd(n);
    long len = count > 0 && count <= RT_MAXBUF ? count : 1;
    long m = rt_sys(SYS_mmap, 0, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m < 0 && m >= -4095) rt_die("mmap a buffer", m);
    long open = writing || len < RT_PIPE_MAX ? len : RT_PIPE_MAX;
    long r = rt_sys(SYS_mprotect, m, open, writing ? PROT_READ : PROT_READ | PROT_WRITE);
    if (r < 0) rt_die("mprotect a buffer", r);
    r = rt_sys(writing ? SYS_write : SYS_read, fd, m, count);
    rt_sys(SYS_munmap, m, len);
    rt_ret_int(s, r);
}

RT void rt_close(const struct rt_st *s, const char *end)
{
    rt_ret_int(s, rt_sys(SYS_close, rt_fd(end)));
}

#endif
