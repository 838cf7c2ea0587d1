package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Works around Chicory 1.7.5's parser reading a block type given as a type index whose value
 * equals the code of a one-byte block type or of a value type it knows as that type rather than
 * as an index. Chicory reads the s33 block type as an unsigned number and checks it against its
 * value type codes, which include the GC proposal's: 64 ({@code 0x40}, empty), 99 and 100
 * ({@code 0x63}/{@code 0x64}, {@code ref null ht}/{@code ref ht}, after which it also consumes
 * the next instruction's first byte as the heap type), 105 to 115 ({@code 0x69}–{@code 0x73},
 * abstract reference types) and 123 to 127 ({@code 0x7B}–{@code 0x7F}, v128 and the numeric
 * types). Such a module is either misread with the wrong block type or its instruction stream
 * goes out of step; both have made valid modules fail validation.
 *
 * <p>In WebAssembly 2.0 function types are compared by structure, so a module does not change
 * meaning when such a block refers to an identical copy of its type instead. {@link #rewrite}
 * appends copies at indices of at least 128 (after filler types where the module has fewer)
 * and rewrites each affected block type in place: its s33 number keeps its byte length
 * (padded), so no other offset in the code section moves.
 */
final class BlockTypeIndices {
    /** First index that needs no work-around and, encoded in two bytes, fits every such block type. */
    private static final int FIRST_SAFE_INDEX = 128;
    /** The filler type {@code () -> ()}. */
    private static final byte[] FILLER = {0x60, 0x00, 0x00};

    private BlockTypeIndices() {
    }

    /** Whether Chicory would mistake type index {@code v} for a one-byte block type. */
    static boolean isAmbiguous(long v) {
        return v == 0x40 || ValType.ID.isValidOpcode((int) v);
    }

    /** A rewritten module: its bytes, and where its (grown) type section ends and by how much it grew. */
    record Rewritten(byte[] module, int typeSectionEnd, int growth) {
    }

    /**
     * The module {@code bytes[start, end)} with every block type recorded in
     * {@code facts.ambiguousBlockTypes} pointing at an appended copy of its type.
     */
    static Rewritten rewrite(byte[] bytes, int start, int end, BinaryPrecheck.Facts facts) {
        int typeCount = facts.typeEntryOffsets.size();
        Map<Long, Integer> copyOf = new LinkedHashMap<>();
        int next = Math.max(typeCount, FIRST_SAFE_INDEX);
        for (long[] blockType : facts.ambiguousBlockTypes) {
            if (blockType[2] >= typeCount) {
                // Chicory would take it for a one-byte block type and accept the module.
                throw new CompileException(CompileException.Kind.INVALID, "unknown type: block type index "
                        + blockType[2] + " but the module has " + typeCount + " types", blockType[0], null);
            }
            if (!copyOf.containsKey(blockType[2])) {
                copyOf.put(blockType[2], next++);
            }
        }
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        entries.write(bytes, facts.typeEntryOffsets.isEmpty() ? 0 : facts.typeEntryOffsets.get(0),
                facts.typeEntryOffsets.isEmpty() ? 0 : facts.typeSectionEnd - facts.typeEntryOffsets.get(0));
        for (int i = typeCount; i < FIRST_SAFE_INDEX && !copyOf.isEmpty(); i++) {
            entries.writeBytes(FILLER);
        }
        for (long index : copyOf.keySet()) {
            int from = facts.typeEntryOffsets.get((int) index);
            int to = index + 1 < typeCount ? facts.typeEntryOffsets.get((int) index + 1) : facts.typeSectionEnd;
            entries.write(bytes, from, to - from);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeU32(content, next);
        content.writeBytes(entries.toByteArray());

        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + content.size() + 8);
        int oldSectionStart = facts.typeSectionStart;
        out.write(bytes, start, oldSectionStart - start);
        out.write(1);
        writeU32(out, content.size());
        out.writeBytes(content.toByteArray());
        int newSectionEnd = out.size();
        out.write(bytes, facts.typeSectionEnd, end - facts.typeSectionEnd);
        byte[] rewritten = out.toByteArray();

        int shift = (newSectionEnd - (facts.typeSectionEnd - start));
        for (long[] blockType : facts.ambiguousBlockTypes) {
            int target = copyOf.get(blockType[2]);
            int at = (int) (blockType[0] - start) + shift;
            int length = (int) blockType[1];
            if (target >= 1L << (7 * length - 1)) {
                throw new CompileException(CompileException.Kind.UNSUPPORTED, "block type index " + blockType[2]
                        + " cannot be re-encoded in " + length + " bytes", blockType[0], null);
            }
            writePaddedSleb(rewritten, at, length, target);
        }
        return new Rewritten(rewritten, newSectionEnd, shift);
    }

    private static void writeU32(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** A non-negative {@code value} as an s33 of exactly {@code length} bytes. */
    private static void writePaddedSleb(byte[] into, int at, int length, long value) {
        for (int i = 0; i < length; i++) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            into[at + i] = (byte) (i < length - 1 ? b | 0x80 : b);
        }
    }
}
