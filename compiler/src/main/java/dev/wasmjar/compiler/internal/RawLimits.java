package dev.wasmjar.compiler.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact table and memory limits of a core module, read from its binary.
 *
 * <p>Why: Chicory clamps table limits to its own maximum and reports an absent memory maximum
 * as 65536 pages, but instantiation needs the declared values: a table declaring 2^32-1
 * elements must fail with an out-of-memory trap, and import matching must know whether a
 * maximum was declared. This reads only the import, table and memory sections of an input that
 * already validated; for anything else (a component, an encoding it does not expect) it gives
 * up and Chicory's values are used.
 */
final class RawLimits {
    private static final RawLimits NONE = new RawLimits();

    private final List<long[]> importedTables = new ArrayList<>();
    private final List<long[]> importedMemories = new ArrayList<>();
    private final List<long[]> definedTables = new ArrayList<>();
    private final List<long[]> definedMemories = new ArrayList<>();

    private RawLimits() {
    }

    /** The limits in {@code bytes}, or an empty result when they cannot be read. */
    static RawLimits read(byte[] bytes) {
        if (bytes == null || bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm'
                || bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            return NONE;
        }
        try {
            RawLimits r = new RawLimits();
            Reader in = new Reader(bytes, 8);
            while (in.pos < bytes.length) {
                int id = in.u8();
                long size = in.u32();
                int end = Math.toIntExact(in.pos + size);
                if (id == 2) {
                    r.readImports(in);
                } else if (id == 4) {
                    long n = in.u32();
                    for (long i = 0; i < n; i++) {
                        int refType = in.u8();
                        if (refType != 0x70 && refType != 0x6F) {
                            return NONE;
                        }
                        r.definedTables.add(in.limits());
                    }
                } else if (id == 5) {
                    long n = in.u32();
                    for (long i = 0; i < n; i++) {
                        r.definedMemories.add(in.limits());
                    }
                }
                in.pos = end;
            }
            return r;
        } catch (RuntimeException e) {
            // Unexpected encoding: fall back to the parser's values rather than fail.
            return NONE;
        }
    }

    private void readImports(Reader in) {
        long n = in.u32();
        for (long i = 0; i < n; i++) {
            in.skipName();
            in.skipName();
            int kind = in.u8();
            switch (kind) {
                case 0:
                    in.u32();
                    break;
                case 1:
                    int refType = in.u8();
                    if (refType != 0x70 && refType != 0x6F) {
                        throw new IllegalStateException("unexpected table type");
                    }
                    importedTables.add(in.limits());
                    break;
                case 2:
                    importedMemories.add(in.limits());
                    break;
                case 3:
                    int valType = in.u8();
                    if (valType < 0x6F || valType > 0x7F) {
                        throw new IllegalStateException("unexpected global type");
                    }
                    in.u8();
                    break;
                default:
                    throw new IllegalStateException("unexpected import kind");
            }
        }
    }

    long[] importedTable(int i, long fallbackMin, long fallbackMax) {
        return pick(importedTables, i, fallbackMin, fallbackMax);
    }

    long[] importedMemory(int i, long fallbackMin, long fallbackMax) {
        return pick(importedMemories, i, fallbackMin, fallbackMax);
    }

    long[] definedTable(int i, long fallbackMin, long fallbackMax) {
        return pick(definedTables, i, fallbackMin, fallbackMax);
    }

    long[] definedMemory(int i, long fallbackMin, long fallbackMax) {
        return pick(definedMemories, i, fallbackMin, fallbackMax);
    }

    private static long[] pick(List<long[]> list, int i, long fallbackMin, long fallbackMax) {
        return i < list.size() ? list.get(i) : new long[] {fallbackMin, fallbackMax};
    }

    private static final class Reader {
        private final byte[] b;
        int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int u8() {
            if (pos >= b.length) {
                throw new IllegalStateException("unexpected end");
            }
            return b[pos++] & 0xFF;
        }

        long u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8();
                result |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalStateException("LEB128 too long");
        }

        void skipName() {
            long len = u32();
            pos = Math.toIntExact(pos + len);
        }

        /** {min, max} with max -1 when absent. */
        long[] limits() {
            int flags = u8();
            if (flags == 0) {
                return new long[] {u32(), -1};
            } else if (flags == 1) {
                return new long[] {u32(), u32()};
            }
            throw new IllegalStateException("unsupported limits flags " + flags);
        }
    }
}
