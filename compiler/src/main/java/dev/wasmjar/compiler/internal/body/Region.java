package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.runtime.ValueType;
import java.util.BitSet;

/**
 * A range of instructions {@code [start, end)} that is compiled into a method of its own (an
 * "outlined region") because its function is too large for one JVM method. Its method is
 * {@code static int name(long[] frame, Object[] refs, Inst inst)}. The function's locals pass
 * between its methods through the two frame arrays: each method keeps the locals its own code
 * uses in JVM variables, loads them from the arrays on entry and stores the ones it wrote
 * before it returns; around a call to a nested region it stores what the region uses and
 * reloads what it writes (see {@link #accessed}). The operand values the range consumes
 * ({@link #params}) and produces ({@link #results}), and the values of branches leaving it, pass
 * through a transfer area of the arrays after the locals. The returned code says how the range
 * was left: {@link #FALL_THROUGH}, {@link #RETURN} (function results in the transfer area), or
 * {@code k >= 0}: branch to the label {@code k} levels out from the range's position.
 */
final class Region {
    static final int FALL_THROUGH = -1;
    static final int RETURN = 0;

    final int start;
    final int end;
    /** The region whose method calls this one's, or null for the function's own method. */
    Region parent;
    final ValueType[] params;
    final ValueType[] results;
    /** Whether execution can reach {@link #end}. */
    final boolean fallsThrough;
    /** The innermost control frame enclosing the range, from the planning pass. */
    final Ctl outer;
    /** The enclosing control frames by depth: {@code chain[0]} is the function. */
    final Ctl[] chain;
    /** Depths ({@code >= 1}) of enclosing frames that branches leave the range to, ascending. */
    int[] escapes = new int[0];
    boolean returns;
    String methodName;
    /** Estimated size of the code that calls the region and dispatches on its exit code. */
    long stubCost;
    /** Another region starting at the same instruction (nested ranges may share a start). */
    Region nextAtStart;
    /**
     * The locals the range reads or writes, and those it writes (nested regions included): what
     * a caller keeping locals in JVM variables stores into the frame arrays before the call and
     * reloads after it.
     */
    final BitSet accessed = new BitSet();
    final BitSet written = new BitSet();

    Region(int start, int end, ValueType[] params, ValueType[] results, boolean fallsThrough,
            Ctl outer) {
        this.start = start;
        this.end = end;
        this.params = params;
        this.results = results;
        this.fallsThrough = fallsThrough;
        this.outer = outer;
        this.chain = new Ctl[outer.depth + 1];
        for (Ctl c = outer; c != null; c = c.parent) {
            chain[c.depth] = c;
        }
    }

    /** The types a branch out to the enclosing frame at depth {@code t} carries. */
    ValueType[] escapeTypes(int t) {
        return chain[t].labelTypes();
    }
}
