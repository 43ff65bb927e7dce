package ksim.scenario;

import java.util.HashMap;
import ksim.scenario.Ast.*;

/**
 * Where each name the scenario refers to lives in a task's {@link ScenarioMemory}: a slot,
 * as a compiler gives each variable an address. Only names some statement reads (a call's
 * argument, a pipe end that read, write or close uses) get one: binding any other name could
 * never be observed, so a task's memory has a fixed size, whatever number of {@code NAME.k}
 * a repeat creates, and fork copies it in time independent of how many tasks ran before.
 */
final class NameSlots {
    /** name → slot. Only looked up, never iterated. */
    private final HashMap<String, Integer> slots = new HashMap<>();
    /** How many spawn statements the scenario has (their ids are 0..spawns-1). */
    private int spawns;

    private NameSlots() {}

    /** The slots of the names read anywhere in main's block (and so anywhere in the scenario). */
    static NameSlots of(Block main) {
        NameSlots s = new NameSlots();
        s.slot("main");
        s.walk(main);
        return s;
    }

    /** {@code name}'s slot, or -1 when no statement reads it. */
    int slotOf(String name) {
        Integer i = slots.get(name);
        return i == null ? -1 : i;
    }

    int size() {
        return slots.size();
    }

    int spawns() {
        return spawns;
    }

    private void slot(String name) {
        slots.putIfAbsent(name, slots.size());
    }

    private void walk(Block b) {
        for (Stmt st : b.stmts()) {
            switch (st) {
                case Spawn sp -> {
                    spawns = Math.max(spawns, sp.id() + 1);
                    walk(sp.body());
                }
                case Exec e -> walk(e.body());
                case Repeat r -> walk(r.body());
                case Expect x -> call(x.call());
                case Call c -> call(c);
            }
        }
    }

    private void call(Call c) {
        for (Arg a : c.args()) {
            arg(a);
        }
        // read(p, N) and write(p, N) use the end p.r or p.w (Interpreter.fd)
        if (c.fn().equals("read") || c.fn().equals("write")) {
            slot(((NameArg) c.args().get(0)).name() + (c.fn().equals("read") ? ".r" : ".w"));
        }
    }

    private void arg(Arg a) {
        if (a instanceof NameArg n) {
            slot(n.name());
        } else if (a instanceof SetArg set) {
            for (Arg e : set.elements()) {
                arg(e);
            }
        }
    }
}
