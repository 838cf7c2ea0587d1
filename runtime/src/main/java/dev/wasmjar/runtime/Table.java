package dev.wasmjar.runtime;

import java.util.Arrays;

/**
 * A WebAssembly table of references: {@link WasmFunction}s for {@code funcref} tables, any
 * object for {@code externref} tables; {@code null} is the null reference.
 */
public final class Table {
    /** Tables never grow beyond this many elements (the JVM array limit, rounded down). */
    public static final int MAX_ELEMENTS = 10_000_000;

    private final ValueType elementType;
    private final int maximum;
    private final int declaredMaximum;
    private Object[] elements;

    /** {@code maximum} -1 means none declared. */
    public Table(ValueType elementType, int initial, int maximum) {
        this(elementType, initial, maximum, null);
    }

    public Table(ValueType elementType, int initial, int maximum, Object init) {
        if (initial < 0 || initial > MAX_ELEMENTS) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "table of " + Integer.toUnsignedString(initial) + " elements is too large");
        }
        this.elementType = elementType;
        this.maximum = maximum < 0 ? MAX_ELEMENTS : Math.min(maximum, MAX_ELEMENTS);
        this.elements = new Object[initial];
        if (init != null) {
            Arrays.fill(elements, init);
        }
        this.declaredMaximum = maximum;
    }

    public ValueType elementType() {
        return elementType;
    }

    public int size() {
        return elements.length;
    }

    /** The declared maximum, or -1 when none was declared. */
    public int declaredMaximum() {
        return declaredMaximum;
    }

    /** {@code table.get}: traps when out of bounds. */
    public Object get(int index) {
        if (index < 0 || index >= elements.length) { // unsigned index >= size
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        return elements[index];
    }

    /** {@code table.set}: traps when out of bounds. */
    public void set(int index, Object value) {
        if (index < 0 || index >= elements.length) { // unsigned index >= size
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        elements[index] = value;
    }

    /**
     * The function at {@code index} for {@code call_indirect}: traps with "undefined element"
     * when out of bounds, "uninitialized element" when null.
     */
    public WasmFunction function(int index) {
        if (index < 0 || index >= elements.length) { // unsigned index >= size
            throw new Trap(TrapKind.UNDEFINED_ELEMENT);
        }
        Object f = elements[index];
        if (f == null) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT);
        }
        return (WasmFunction) f;
    }

    /** {@code table.grow}: returns the old size, or -1. */
    public int grow(int delta, Object init) {
        int old = elements.length;
        long target = (long) old + Integer.toUnsignedLong(delta);
        if (target > maximum) {
            return -1;
        }
        if (delta != 0) {
            Object[] grown;
            try {
                grown = Arrays.copyOf(elements, (int) target);
            } catch (OutOfMemoryError e) {
                return -1;
            }
            Arrays.fill(grown, old, (int) target, init);
            elements = grown;
        }
        return old;
    }

    /** {@code table.fill}. */
    public void fill(int dst, Object value, int len) {
        check(dst, len, elements.length);
        Arrays.fill(elements, dst, dst + len, value);
    }

    /** {@code table.copy} from {@code src} (may be this table). */
    public void copy(int dst, Table src, int srcIndex, int len) {
        check(dst, len, elements.length);
        check(srcIndex, len, src.elements.length);
        System.arraycopy(src.elements, srcIndex, elements, dst, len);
    }

    /** {@code table.init} from an element segment ({@code null}: dropped, i.e. empty). */
    public void init(Object[] segment, int dst, int src, int len) {
        check(src, len, segment == null ? 0 : segment.length);
        check(dst, len, elements.length);
        if (len > 0) {
            System.arraycopy(segment, src, elements, dst, len);
        }
    }

    private static void check(int start, int len, int limit) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(len) > limit) {
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
    }
}
