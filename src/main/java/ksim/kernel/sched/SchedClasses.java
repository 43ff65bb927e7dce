package ksim.kernel.sched;

import ksim.kernel.KernelConfig;

/**
 * kernel/sched/sched.h: the scheduling classes in priority order, as DEFINE_SCHED_CLASS() and
 * the linker script lay them out (stop > dl > rt > fair > ext > idle; ksim has no dl or ext)
 * and for_each_class() walks them; and __setscheduler_class(), the class a task's policy and
 * priority select. A new class is its own file and one line in the constructor's list.
 */
final class SchedClasses {
    final StopSchedClass stop;
    final RtSchedClass rt;
    final FairSchedClass fair;
    final IdleSchedClass idle;
    /** for_each_class(): the highest first. */
    final SchedClass[] order;
    /** The classes whose waiting tasks a balancer may move, the highest first: those a policy selects (not stop, idle). */
    final SchedClass[] migratable;

    SchedClasses(KernelConfig config) {
        stop = new StopSchedClass();
        rt = new RtSchedClass(config.hz);
        fair = FairSchedClass.create(config);
        idle = new IdleSchedClass();
        order = define(stop, rt, fair, idle);
        migratable = java.util.Arrays.stream(order).filter(SchedClass::selectable).toArray(SchedClass[]::new);
    }

    /** DEFINE_SCHED_CLASS(): each class's place, the highest first. */
    private static SchedClass[] define(SchedClass... highestFirst) {
        for (int i = 0; i < highestFirst.length; i++) {
            highestFirst[i].rank = i;
        }
        return highestFirst;
    }

    /**
     * __setscheduler_class(): the highest class that takes a task of this policy and
     * effective priority — the rt class by priority (rt_prio()), the fair class by policy.
     */
    SchedClass setschedulerClass(int policy, int prio) {
        for (SchedClass c : order) {
            if (c.takes(policy, prio)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no scheduling class runs policy " + policy);
    }

    /** valid_policy(): some class runs tasks of the policy. */
    boolean validPolicy(int policy) {
        for (SchedClass c : order) {
            if (c.hasPolicy(policy)) {
                return true;
            }
        }
        return false;
    }
}
