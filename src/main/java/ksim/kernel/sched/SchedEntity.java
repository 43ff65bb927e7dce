package ksim.kernel.sched;

/**
 * include/linux/sched.h: struct sched_entity, the fair class's part of a task, and the
 * scheduler's accounting every class shares (exec_start, sum_exec_runtime, nr_migrations).
 * Weights are kept unscaled (scale_load_down()), as the kernel's arithmetic uses them.
 */
public final class SchedEntity {
    /** The task this entity is part of (task_of()); null for the tree's sentinel. */
    public final ksim.kernel.task.Task task;
    /** run_node: this entity's node in its cfs_rq's red-black tree. */
    SchedEntity rbLeft, rbRight, rbParent;
    boolean rbRed;
    /** min_vruntime: the smallest vruntime in this entity's subtree of the tree (the augmented value). */
    long minVruntime;
    /** The entities before and after this one in its cfs_rq's queue order (CfsRq.queued). */
    SchedEntity queuedPrev, queuedNext;

    public SchedEntity(ksim.kernel.task.Task task) {
        this.task = task;
    }

    /** load.weight and load.inv_weight: from sched_prio_to_weight/wmult by nice. */
    long weight = Weights.NICE_0_LOAD;
    long invWeight = Weights.WMULT_NICE_0;
    /** Virtual runtime: time run, scaled by NICE_0_LOAD / weight. */
    public long vruntime;
    /** EEVDF: the virtual deadline (vruntime + the slice in virtual time). */
    public long deadline;
    /** EEVDF: the lag saved when the entity left its queue; RUN_TO_PARITY also parks the deadline here. */
    public long vlag;
    /** EEVDF: the requested slice (sysctl_sched_base_slice). */
    public long slice;
    /** PLACE_REL_DEADLINE: the deadline is kept relative to vruntime across a migration. */
    boolean relDeadline;
    /** on_rq: queued on a cfs_rq (or its curr). */
    public boolean onRq;
    /** When the current accounting period on a CPU began (rq clock). */
    public long execStart;
    public long sumExecRuntime;
    /** sum_exec_runtime when the entity was last picked: the start of its current slice. */
    public long prevSumExecRuntime;
    public long nrMigrations;
    /** Tie-break for equal keys in the tree: insertion order (the kernel puts equal keys to the right). */
    long seq;
    /** In the cfs_rq's tree (so its key must not change). */
    boolean inTree;

    public long weight() {
        return weight;
    }
}
