package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which parts of a function too large for one JVM method become methods of their own.
 *
 * <p>Input is a {@link Recorder} from generating the whole function once as a single (too
 * large) method with locals in frame arrays: the code size of every instruction and the
 * operand and control stacks before it. Blocks are visited innermost first (by end index, so
 * without recursion); every block larger than the budget is shrunk, first by outlining its
 * largest nested blocks, then by cutting its straight-line code into consecutive ranges that
 * each fit the budget, treated as synthetic blocks whose parameters and results are the operand
 * values they consume and leave. Repeating the cut on the resulting stubs makes a hierarchy, so
 * any amount of flat code fits. Finally the function body itself is shrunk the same way.
 */
final class SplitPlanner {
    /** Fixed overhead of a region method: loading the memory buffer, entry and exit. */
    private static final int REGION_OVERHEAD = 64;
    static final int STRESS_BELOW = 100;

    private final FunctionInfo fn;
    private final Recorder rec;
    private final long budget;
    /**
     * Budgets below {@link #STRESS_BELOW} bytes are a testing mode: outline every block and
     * pair of items wherever possible, whether or not it pays off, to exercise regions.
     */
    private final boolean stress;
    private final SplitPlan plan;
    /** Effective size of each block (by start index) once its own regions are outlined. */
    private final long[] blockCost;
    /** The region a block (by start index) was outlined as, if any. */
    private final Region[] blockRegion;
    /** Regions not (yet) inside another region. */
    private final List<Region> topLevel = new ArrayList<>();

    SplitPlanner(FunctionInfo fn, Recorder rec, long budget) {
        this.fn = fn;
        this.rec = rec;
        this.budget = budget;
        this.stress = budget < STRESS_BELOW;
        this.plan = new SplitPlan(fn.code.length, fn.locals.length);
        this.blockCost = new long[fn.code.length];
        this.blockRegion = new Region[fn.code.length];
    }

    SplitPlan plan() {
        int n = fn.code.length;
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OpCode op = fn.code[i].opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                blocks.add(i);
            }
        }
        blocks.sort(Comparator.comparingInt(b -> fn.match[b]));
        for (int b : blocks) {
            if (!rec.live[b]) {
                blockCost[b] = 0; // dead code: never emitted
                continue;
            }
            List<int[]> segments = new ArrayList<>();
            long fixed = cost(b, b + 1) + cost(fn.match[b], fn.match[b] + 1);
            int els = fn.elseAt[b];
            if (els >= 0) {
                segments.add(new int[] {b + 1, els});
                segments.add(new int[] {els + 1, fn.match[b]});
                fixed += cost(els, els + 1);
            } else {
                segments.add(new int[] {b + 1, fn.match[b]});
            }
            blockCost[b] = shrink(segments, fixed, budget - REGION_OVERHEAD);
        }
        // the function body: everything before the first instruction (prologue), the body, the
        // final end, and the exception handler
        List<int[]> body = new ArrayList<>();
        body.add(new int[] {0, n - 1});
        long fixed = rec.offset[0] + cost(n - 1, n) + 32;
        shrink(body, fixed, budget);
        finish();
        return plan;
    }

    private long cost(int from, int to) {
        return rec.offset[to] - rec.offset[from];
    }

    /** One item of a segment: a plain instruction, a nested block, or an outlined range. */
    private static final class Item {
        final int start;
        final int end;
        long cost;
        /** Start index of a nested block not outlined yet, else -1. */
        int block = -1;
        Region region;

        Item(int start, int end, long cost) {
            this.start = start;
            this.end = end;
            this.cost = cost;
        }
    }

    private List<Item> items(int from, int to) {
        List<Item> items = new ArrayList<>();
        int i = from;
        while (i < to) {
            OpCode op = fn.code[i].opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                int end = fn.match[i] + 1;
                Item it = new Item(i, end, 0);
                if (blockRegion[i] != null) {
                    it.region = blockRegion[i];
                    it.cost = blockRegion[i].stubCost;
                } else {
                    it.cost = blockCost[i];
                    it.block = i;
                }
                items.add(it);
                i = end;
            } else {
                items.add(new Item(i, i + 1, cost(i, i + 1)));
                i++;
            }
        }
        return items;
    }

    /** Outlines within {@code segments} until their total plus {@code fixed} fits; returns the total. */
    private long shrink(List<int[]> segments, long fixed, long limit) {
        List<List<Item>> segItems = new ArrayList<>();
        long total = fixed;
        for (int[] s : segments) {
            List<Item> items = items(s[0], s[1]);
            segItems.add(items);
            for (Item it : items) {
                total += it.cost;
            }
        }
        if (total <= limit) {
            return total;
        }
        // 1. the largest nested blocks
        List<Item> candidates = new ArrayList<>();
        for (List<Item> items : segItems) {
            for (Item it : items) {
                if (it.block >= 0 && rec.live[it.start]) {
                    candidates.add(it);
                }
            }
        }
        candidates.sort((a, b) -> Long.compare(b.cost, a.cost));
        for (Item it : candidates) {
            if (total <= limit) {
                return total;
            }
            Region r = region(it.start, it.end);
            if (r.stubCost >= it.cost && !stress) {
                discard(r);
                break; // the rest are smaller still
            }
            blockRegion[it.block] = r;
            total -= it.cost - r.stubCost;
            it.cost = r.stubCost;
            it.region = r;
            it.block = -1;
        }
        // 2. straight-line ranges, repeatedly, largest segment first
        while (total > limit) {
            long before = total;
            segItems.sort((a, b) -> Long.compare(sum(b), sum(a)));
            for (int s = 0; s < segItems.size() && total > limit; s++) {
                List<Item> items = segItems.get(s);
                long old = sum(items);
                List<Item> chunked = chunk(items);
                segItems.set(s, chunked);
                total -= old - sum(chunked);
            }
            if (total >= before) {
                // Best effort: the budget is a preference (JIT friendliness); whether every
                // method fits the JVM is checked on the finished plan.
                break;
            }
        }
        return total;
    }

    private static long sum(List<Item> items) {
        long s = 0;
        for (Item it : items) {
            s += it.cost;
        }
        return s;
    }

    /**
     * Cuts {@code items} greedily into consecutive ranges of at most the budget, each of at
     * least two items and starting where code is live, and outlines each range.
     */
    private List<Item> chunk(List<Item> items) {
        long limit = budget - REGION_OVERHEAD;
        int n = items.size();
        // lowest operand stack height reached inside each item
        int[] low = new int[n];
        for (int k = 0; k < n; k++) {
            Item it = items.get(k);
            int l = Integer.MAX_VALUE;
            for (int i = it.start; i < it.end; i++) {
                if (rec.live[i] && rec.low[i] < l) {
                    l = rec.low[i];
                }
            }
            low[k] = l;
        }
        List<Item> out = new ArrayList<>();
        int k = 0;
        while (k < n) {
            Item first = items.get(k);
            if (!rec.live[first.start] || first.cost == 0) {
                out.add(first);
                k++;
                continue;
            }
            long acc = 0;
            int l = Integer.MAX_VALUE;
            int e = k;
            while (e < n && (acc + items.get(e).cost <= limit || (stress && e - k < 2))) {
                acc += items.get(e).cost;
                l = Math.min(l, low[e]);
                e++;
            }
            // When the widest range from here does not pay off, the neighbouring ones rarely do
            // (operands piled on the stack make every stub large): skip ahead a little, which
            // keeps planning linear.
            int skip = Math.max(1, (e - k) / 8);
            if (e - k < 2 || (minimumStubCost(first.start, items.get(e - 1).end, l) >= acc && !stress)) {
                out.addAll(items.subList(k, k + skip));
                k += skip;
                continue;
            }
            Region r = region(first.start, items.get(e - 1).end);
            if (r.stubCost >= acc && !stress) {
                discard(r);
                out.addAll(items.subList(k, k + skip));
                k += skip;
                continue;
            }
            Item merged = new Item(r.start, r.end, r.stubCost);
            merged.region = r;
            out.add(merged);
            k = e;
        }
        return out;
    }

    /** A lower bound of {@link #stubCost} of the range, from operand counts alone (cheap). */
    private long minimumStubCost(int start, int end, int low) {
        int params = StackNode.height(rec.stack[start]) - low;
        int results = rec.live[end] ? StackNode.height(rec.stack[end]) - low : 0;
        return 40 + 12L * (params + results);
    }

    /** Creates the region {@code [start, end)}, adopting the outlined regions inside it. */
    private Region region(int start, int end) {
        int low = Integer.MAX_VALUE;
        for (int i = start; i < end; i++) {
            if (rec.live[i] && rec.low[i] < low) {
                low = rec.low[i];
            }
        }
        StackNode s = rec.stack[start];
        ValueType[] params = StackNode.topTypes(s, StackNode.height(s) - low);
        boolean falls = rec.live[end];
        ValueType[] results = Types.NONE;
        if (falls) {
            StackNode e = rec.stack[end];
            results = StackNode.topTypes(e, StackNode.height(e) - low);
        }
        Ctl outer = rec.ctl[start];
        Region r = new Region(start, end, params, results, falls, outer);
        // exits: branches and returns that leave the range; and the locals it uses
        java.util.BitSet seen = new java.util.BitSet();
        for (int i = start; i < end; i++) {
            fn.localsUsed(i, i + 1, r.accessed, r.written);
            int[] ts = rec.targets[i];
            if (ts == null) {
                continue;
            }
            for (int t : ts) {
                if (t == 0) {
                    r.returns = true;
                } else if (t <= outer.depth) {
                    seen.set(t);
                }
            }
        }
        r.escapes = seen.stream().toArray();
        r.stubCost = stubCost(r, StackNode.height(s) - params.length);
        for (int j = topLevel.size() - 1; j >= 0; j--) {
            Region c = topLevel.get(j);
            if (c.start >= start && c.end <= end) {
                c.parent = r;
                topLevel.remove(j);
            }
        }
        topLevel.add(r);
        plan.add(r);
        return r;
    }

    /** Undoes the most recent {@link #region} (it did not pay off). */
    private void discard(Region r) {
        topLevel.remove(r);
        for (Region c : plan.regions) {
            if (c.parent == r) {
                c.parent = null;
                topLevel.add(c);
            }
        }
        plan.regions.remove(r);
        plan.byStart[r.start] = r.nextAtStart;
    }

    /** A generous estimate of the calling code (the real size is checked after planning). */
    private long stubCost(Region r, int below) {
        long c = 40 + 12L * r.params.length;
        if (r.escapes.length == 0 && !r.returns) {
            return c + 12L * r.results.length;
        }
        c += 40 + 12L * r.results.length;
        for (int t : r.escapes) {
            // each exit the caller handles itself: a switch key, loading the values, the branch
            c += 24 + 20L * r.escapeTypes(t).length + 2L * below;
        }
        if (r.returns) {
            c += 40 + 20L * fn.results.length;
        }
        return c;
    }

    private void finish() {
        int transfer = fn.results.length;
        boolean refs = false;
        for (ValueType t : fn.locals) {
            refs |= Types.isRef(t);
        }
        for (ValueType t : fn.results) {
            refs |= Types.isRef(t);
        }
        int index = 0;
        plan.regions.sort(Comparator.comparingInt((Region r) -> r.start).thenComparingInt(r -> -r.end));
        for (Region r : plan.regions) {
            r.methodName = "$" + fn.methodName + "$" + index++;
            transfer = Math.max(transfer, Math.max(r.params.length, r.results.length));
            refs |= anyRef(r.params) || anyRef(r.results);
            for (int d : r.escapes) {
                ValueType[] t = r.escapeTypes(d);
                transfer = Math.max(transfer, t.length);
                refs |= anyRef(t);
            }
        }
        plan.arraySize = fn.locals.length + transfer;
        plan.needsRefs = refs;
    }

    private static boolean anyRef(ValueType[] types) {
        return Arrays.stream(types).anyMatch(Types::isRef);
    }
}
