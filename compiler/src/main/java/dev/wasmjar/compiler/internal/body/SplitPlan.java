package dev.wasmjar.compiler.internal.body;

import java.util.ArrayList;
import java.util.List;

/**
 * How a function too large for one JVM method is divided: its outlined {@link Region}s, and
 * the layout of the frame arrays they share (locals first, then the transfer area).
 */
final class SplitPlan {
    /** Regions by start instruction (several regions may share a start: see Region.nextAtStart). */
    final Region[] byStart;
    final List<Region> regions = new ArrayList<>();
    /** First transfer-area slot: one slot per local before it. */
    final int transferBase;
    int arraySize;
    boolean needsRefs;

    SplitPlan(int instructions, int locals) {
        this.byStart = new Region[instructions + 1];
        this.transferBase = locals;
        this.arraySize = locals;
    }

    void add(Region r) {
        r.nextAtStart = byStart[r.start];
        byStart[r.start] = r;
        regions.add(r);
    }

    /** The region that starts at {@code i} and is a direct child of {@code parent} (null: the function). */
    Region childAt(int i, Region parent) {
        for (Region r = byStart[i]; r != null; r = r.nextAtStart) {
            if (r.parent == parent) {
                return r;
            }
        }
        return null;
    }
}
