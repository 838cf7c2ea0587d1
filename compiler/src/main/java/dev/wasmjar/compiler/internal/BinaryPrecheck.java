package dev.wasmjar.compiler.internal;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompileException.Kind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cheap, linear structural check of a WebAssembly 2.0 core module, run before the bytes reach
 * Chicory. Chicory's parser trusts lengths and counts: a hostile vector count makes it allocate
 * gigabytes or throw raw {@code NegativeArraySizeException}s, and its errors carry no byte
 * offset. This pass decodes the whole binary framing (sections, vectors, LEB128 integers,
 * instruction immediates) without building anything, so such input is rejected first, with
 * the offset of the problem.
 *
 * <p>The check is deliberately limited to what the spec classifies as <em>malformed</em> (plus
 * two wasmjar limits), so it never rejects a well-formed module; validation is
 * {@link dev.wasmjar.compiler.internal.validate.ModuleValidator}'s, after parsing. The two
 * exceptions are rules whose violation Chicory's parser cannot represent (label indices beyond
 * the enclosing blocks, alignments of 64 and more): those are rejected here, as INVALID. It also
 * records the facts {@link ModuleReader} needs to work around the parser
 * ({@link BlockTypeIndices}, a dropped name section).
 *
 * <p>All offsets are positions in the array given to {@link #check}, i.e. absolute offsets in
 * the input file even when the module is embedded in a component.
 */
public final class BinaryPrecheck {
    /**
     * Most locals (declared, excluding parameters) one function may have. The JS API uses the same
     * bound; the JVM itself allows at most 65 535 local slots per method, so beyond this nothing
     * could be compiled anyway, and rejecting early keeps a hostile count from making the parser
     * allocate a huge list.
     */
    public static final long MAX_LOCALS = 50_000;

    /**
     * Deepest block/loop/if nesting accepted in a function body. Compilers emit a level per
     * {@code switch} case at most (LLVM's br_table lowering), i.e. hundreds to a few thousand; far
     * deeper nesting only comes from hostile input and would make a recursive consumer
     * overflow its stack.
     */
    public static final int MAX_NESTING = 50_000;

    private static final int[] SECTION_ORDER = new int[13];

    static {
        // canonical order of the non-custom sections; the data count section (12) sits between
        // element (9) and code (10)
        int[] order = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};
        for (int i = 0; i < order.length; i++) {
            SECTION_ORDER[order[i]] = i + 1;
        }
    }

    /** What the check learned about the module, for post-parse checks and component handling. */
    public static final class Facts {
        /** Byte range of the module within the checked array. */
        public int start;
        public int end;
        /** The bytes Chicory should parse: the module itself, or a copy without a broken name section. */
        public byte[] parseBytes;
        public int parseOffset;
        public int parseLength;
        /** Non-null when a malformed {@code name} section was dropped (custom sections never make a module malformed). */
        public String droppedNameSection;
        /** Where the dropped name section was, relative to the module's start, and its length. */
        public int droppedNameSectionAt;
        public int droppedNameSectionLength;

        /** The type section: offset of its id byte and end of its content (-1 when absent). */
        public int typeSectionStart = -1;
        public int typeSectionEnd = -1;
        /** Offset of each type entry, by type index. */
        public final List<Integer> typeEntryOffsets = new ArrayList<>();
        /**
         * Block types written as type indices that Chicory would read as one-byte block types
         * (see {@link BlockTypeIndices}): offset of the s33 number, its length in bytes, the index.
         */
        public final List<long[]> ambiguousBlockTypes = new ArrayList<>();
    }

    private static final byte OTHER_FRAME = 0;
    private static final byte IF_FRAME = 1;
    private static final byte ELSE_FRAME = 2;

    private final byte[] b;
    private int pos;
    /** Kind of each open block of the expression being walked (index = depth). */
    private byte[] frames = new byte[64];
    private int limit;
    private final Facts facts = new Facts();

    private BinaryPrecheck(byte[] b, int start, int end) {
        this.b = b;
        this.pos = start;
        this.limit = end;
    }

    /**
     * Checks the core module in {@code bytes[start, end)}.
     *
     * @throws CompileException MALFORMED (or LIMIT/UNSUPPORTED) naming the problem and its offset
     */
    public static Facts check(byte[] bytes, int start, int end) {
        BinaryPrecheck p = new BinaryPrecheck(bytes, start, end);
        p.facts.start = start;
        p.facts.end = end;
        p.facts.parseBytes = bytes;
        p.facts.parseOffset = start;
        p.facts.parseLength = end - start;
        p.module();
        return p.facts;
    }

    // ---------------------------------------------------------------- module and sections

    private void module() {
        int start = pos;
        if (limit - start < 4 || b[start] != 0 || b[start + 1] != 'a' || b[start + 2] != 's' || b[start + 3] != 'm') {
            throw malformed("magic header not detected: not a WebAssembly binary", start);
        }
        if (limit - start < 8) {
            throw malformed("unexpected end: truncated version field", limit);
        }
        int version = (b[start + 4] & 0xFF) | (b[start + 5] & 0xFF) << 8 | (b[start + 6] & 0xFF) << 16 | (b[start + 7] & 0xFF) << 24;
        if (version != 1) {
            boolean layer1 = (version >>> 16) == 1;
            throw malformed("unknown binary version 0x" + Integer.toHexString(version) + " (expected 1"
                    + (layer1 ? "; or a component of version 0x" + Integer.toHexString(version & 0xFFFF)
                            + ", but only 0xd is supported" : "") + ")", start + 4);
        }
        pos = start + 8;
        int lastOrder = 0;
        int lastId = -1;
        long functionCount = -1;
        long codeCount = -1;
        long dataCountValue = -1;
        long dataCount = -1;
        int nameStart = -1;
        int nameEnd = -1;
        boolean nameBroken = false;
        String nameProblem = null;
        while (pos < limit) {
            int sectionStart = pos;
            int id = b[pos++] & 0xFF;
            long size = u32("section size");
            if (size > limit - pos) {
                throw malformed("section " + id + " size " + size + " exceeds the remaining " + (limit - pos) + " bytes", sectionStart);
            }
            int contentStart = pos;
            int contentEnd = pos + (int) size;
            if (id > 12) {
                // 13 is the exception-handling proposal's tag section: not WebAssembly 2.0
                throw malformed("malformed section id " + id + (id == 13 ? " (tag section, exception handling proposal)" : ""),
                        sectionStart);
            }
            if (id != 0) {
                int order = SECTION_ORDER[id];
                if (order <= lastOrder) {
                    throw malformed(id == lastId ? "duplicate section " + id
                            : "section " + id + " out of order (after section " + lastId + ")", sectionStart);
                }
                lastOrder = order;
                lastId = id;
            }
            int savedLimit = limit;
            limit = contentEnd;
            switch (id) {
                case 0 -> {
                    String name = name();
                    if (name.equals("name") && nameStart < 0) {
                        nameStart = sectionStart;
                        nameEnd = contentEnd;
                        try {
                            nameSection();
                        } catch (CompileException e) {
                            nameBroken = true;
                            nameProblem = e.getMessage();
                        }
                    }
                    pos = contentEnd; // other custom content is opaque by definition
                }
                case 1 -> {
                    facts.typeSectionStart = sectionStart;
                    facts.typeSectionEnd = contentEnd;
                    typeSection();
                }
                case 2 -> importSection();
                case 3 -> functionCount = functionSection();
                case 4 -> {
                    long n = count("table");
                    for (long i = 0; i < n; i++) {
                        tableType();
                    }
                }
                case 5 -> {
                    long n = count("memory");
                    for (long i = 0; i < n; i++) {
                        limits("memory");
                    }
                }
                case 6 -> {
                    long n = count("global");
                    for (long i = 0; i < n; i++) {
                        valType();
                        mutability();
                        expr();
                    }
                }
                case 7 -> exportSection();
                case 8 -> u32("start function index");
                case 9 -> elementSection();
                case 12 -> dataCountValue = u32("data count");
                case 10 -> codeCount = codeSection();
                case 11 -> dataCount = dataSection();
                default -> throw new IllegalStateException();
            }
            if (pos != contentEnd) {
                throw malformed("section size mismatch: section " + id + " declares " + size + " bytes but its content ends after "
                        + (pos - contentStart), pos);
            }
            limit = savedLimit;
        }
        if (Math.max(functionCount, 0) != Math.max(codeCount, 0)) {
            throw malformed("function and code section have inconsistent lengths (" + Math.max(functionCount, 0) + " functions, "
                    + Math.max(codeCount, 0) + " bodies)", start);
        }
        if (dataCountValue >= 0 && dataCountValue != Math.max(dataCount, 0)) {
            throw malformed("data count and data section have inconsistent lengths (" + dataCountValue + " vs "
                    + Math.max(dataCount, 0) + ")", start);
        }
        if (nameBroken) {
            // The name section is only debugging information; the spec says errors in custom
            // sections must not make a module malformed, but Chicory would reject it, so drop it.
            ByteArrayOutputStream out = new ByteArrayOutputStream(limit - start);
            out.write(b, start, nameStart - start);
            out.write(b, nameEnd, limit - nameEnd);
            facts.parseBytes = out.toByteArray();
            facts.parseOffset = 0;
            facts.parseLength = facts.parseBytes.length;
            facts.droppedNameSection = nameProblem;
            facts.droppedNameSectionAt = nameStart - start;
            facts.droppedNameSectionLength = nameEnd - nameStart;
        }
    }

    private void typeSection() {
        long n = count("type");
        for (long i = 0; i < n; i++) {
            int at = pos;
            facts.typeEntryOffsets.add(at);
            int form = u8();
            if (form == 0x4E || form == 0x50 || form == 0x4F || form == 0x5E || form == 0x5F) {
                throw new CompileException(Kind.UNSUPPORTED, "GC type definitions (form 0x" + Integer.toHexString(form)
                        + ") are not supported", at, null);
            }
            if (form != 0x60) {
                throw malformed("malformed function type: form 0x" + Integer.toHexString(form) + " (expected 0x60)", at);
            }
            long params = count("parameter");
            for (long j = 0; j < params; j++) {
                valType();
            }
            long results = count("result");
            for (long j = 0; j < results; j++) {
                valType();
            }
        }
    }

    private void importSection() {
        long n = count("import");
        for (long i = 0; i < n; i++) {
            name();
            name();
            int at = pos;
            int kind = u8();
            switch (kind) {
                case 0 -> u32("type index");
                case 1 -> tableType();
                case 2 -> limits("memory");
                case 3 -> {
                    valType();
                    mutability();
                }
                default -> throw malformed("malformed import kind 0x" + Integer.toHexString(kind)
                        + (kind == 4 ? " (tag import, exception handling proposal)" : ""), at);
            }
        }
    }

    private long functionSection() {
        long n = count("function");
        for (long i = 0; i < n; i++) {
            u32("type index");
        }
        return n;
    }

    private void exportSection() {
        long n = count("export");
        for (long i = 0; i < n; i++) {
            name();
            int kindAt = pos;
            int kind = u8();
            if (kind > 3) {
                throw malformed("malformed export kind 0x" + Integer.toHexString(kind), kindAt);
            }
            u32("export index");
        }
    }

    private void elementSection() {
        long n = count("element segment");
        for (long i = 0; i < n; i++) {
            int at = pos;
            long flags = u32("element segment flags");
            if (flags > 7) {
                throw malformed("malformed element segment flags " + flags, at);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean usesExprs = (flags & 4) != 0;
            if (!passiveOrDeclarative && explicitTable) {
                u32("table index");
            }
            if (!passiveOrDeclarative) {
                expr();
            }
            if (passiveOrDeclarative || explicitTable) {
                if (usesExprs) {
                    refType();
                } else {
                    int kindAt = pos;
                    if (u8() != 0) {
                        throw malformed("malformed element kind (expected 0x00 funcref)", kindAt);
                    }
                }
            }
            long m = count("element");
            for (long j = 0; j < m; j++) {
                if (usesExprs) {
                    expr();
                } else {
                    u32("function index");
                }
            }
        }
    }

    private long codeSection() {
        long n = count("function body");
        for (long i = 0; i < n; i++) {
            int at = pos;
            long size = u32("function body size");
            if (size > limit - pos) {
                throw malformed("function body " + i + " size " + size + " exceeds the remaining " + (limit - pos)
                        + " bytes of the code section", at);
            }
            int bodyEnd = pos + (int) size;
            int saved = limit;
            limit = bodyEnd;
            long groups = count("local declaration");
            long total = 0;
            for (long j = 0; j < groups; j++) {
                int localAt = pos;
                total += u32("local count");
                if (total > 0xFFFF_FFFFL) {
                    throw malformed("too many locals in function body " + i + " (more than 2^32-1)", localAt);
                }
                valType();
            }
            // checked after all groups: a total beyond 2^32-1 is malformed, which takes precedence
            if (total > MAX_LOCALS) {
                throw new CompileException(Kind.LIMIT, "function body " + i + " declares " + total
                        + " locals; wasmjar accepts at most " + MAX_LOCALS, at, null);
            }
            expr();
            if (pos != bodyEnd) {
                throw malformed("function body " + i + " has " + (bodyEnd - pos) + " bytes after its final end", pos);
            }
            limit = saved;
        }
        return n;
    }

    private long dataSection() {
        long n = count("data segment");
        for (long i = 0; i < n; i++) {
            int at = pos;
            long flags = u32("data segment flags");
            if (flags > 2) {
                throw malformed("malformed data segment flags " + flags, at);
            }
            if (flags == 2) {
                u32("memory index");
            }
            if (flags != 1) {
                expr();
            }
            long len = count("data byte");
            pos += (int) len;
        }
        return n;
    }

    /** Name section subsections: only framing is checked (it is dropped, not rejected, when broken). */
    private void nameSection() {
        int lastId = -1;
        while (pos < limit) {
            int at = pos;
            int id = u8();
            long size = u32("name subsection size");
            if (size > limit - pos) {
                throw malformed("name subsection " + id + " size exceeds the section", at);
            }
            if (id <= lastId) {
                throw malformed("name subsection " + id + " out of order", at);
            }
            lastId = id;
            int end = pos + (int) size;
            int saved = limit;
            limit = end;
            switch (id) {
                case 0 -> name();
                case 2, 3 -> {
                    long n = count("indirect name map");
                    for (long i = 0; i < n; i++) {
                        u32("index");
                        nameMap();
                    }
                }
                case 1, 4, 5, 6, 7, 8, 9, 10, 11 -> nameMap();
                default -> pos = end;
            }
            if (pos != end) {
                throw malformed("name subsection " + id + " size mismatch", pos);
            }
            limit = saved;
        }
    }

    private void nameMap() {
        long n = count("name map");
        for (long i = 0; i < n; i++) {
            u32("index");
            name();
        }
    }

    // ---------------------------------------------------------------- types

    private void valType() {
        int at = pos;
        int t = u8();
        switch (t) {
            case 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F -> {
            }
            default -> throw malformed("malformed value type 0x" + Integer.toHexString(t), at);
        }
    }

    private void refType() {
        int at = pos;
        int t = u8();
        if (t != 0x70 && t != 0x6F) {
            throw malformed("malformed reference type 0x" + Integer.toHexString(t), at);
        }
    }

    private void tableType() {
        refType();
        limits("table");
    }

    private void limits(String what) {
        int at = pos;
        int flag = u8();
        if (flag == 0) {
            u32(what + " minimum");
        } else if (flag == 1) {
            u32(what + " minimum");
            u32(what + " maximum");
        } else if (flag == 2 || flag == 3) {
            throw malformed("integer too large: " + what + " limits flag " + flag
                    + " (shared memory, threads proposal) is not WebAssembly 2.0", at);
        } else {
            throw malformed("integer too large: malformed " + what + " limits flag " + flag, at);
        }
    }

    private void mutability() {
        int at = pos;
        int m = u8();
        if (m > 1) {
            throw malformed("malformed mutability 0x" + Integer.toHexString(m), at);
        }
    }

    // ---------------------------------------------------------------- instructions

    /**
     * Walks one expression up to and including its final {@code end}, checking every
     * instruction's immediates.
     */
    private void expr() {
        int depth = 0;
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case 0x00, 0x01, 0x0F, 0x1A, 0x1B, 0xD1 -> {
                }
                case 0x02, 0x03, 0x04 -> {
                    blockType();
                    if (++depth > MAX_NESTING) {
                        throw new CompileException(Kind.LIMIT, "blocks nested more than " + MAX_NESTING
                                + " deep; wasmjar does not compile such deep nesting", at, null);
                    }
                    if (depth >= frames.length) {
                        frames = Arrays.copyOf(frames, frames.length * 2);
                    }
                    frames[depth] = op == 0x04 ? IF_FRAME : OTHER_FRAME;
                }
                case 0x05 -> {
                    // in the binary grammar else only exists inside an if, once
                    if (depth == 0 || frames[depth] != IF_FRAME) {
                        throw malformed("misplaced else opcode", at);
                    }
                    frames[depth] = ELSE_FRAME;
                }
                case 0x0B -> {
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                }
                case 0x0C, 0x0D -> label(depth);
                case 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2 -> u32("immediate");
                case 0x0E -> {
                    long n = count("br_table label");
                    for (long i = 0; i <= n; i++) {
                        label(depth);
                    }
                }
                case 0x11 -> {
                    u32("type index");
                    u32("table index");
                }
                case 0x1C -> {
                    long n = count("select type");
                    for (long i = 0; i < n; i++) {
                        valType();
                    }
                }
                case 0x3F, 0x40 -> zeroByte(op == 0x3F ? "memory.size" : "memory.grow");
                case 0x41 -> sleb(5, 32, "i32 constant");
                case 0x42 -> sleb(10, 64, "i64 constant");
                case 0x43 -> skip(4, "f32 constant");
                case 0x44 -> skip(8, "f64 constant");
                case 0xD0 -> refType();
                case 0xFC -> prefixFC(at);
                case 0xFD -> prefixFD(at);
                default -> {
                    if (op >= 0x28 && op <= 0x3E) {
                        memarg();
                    } else if (op >= 0x45 && op <= 0xC4) {
                        // numeric instructions without immediates (including sign extension)
                    } else {
                        throw unknownOpcode(op, at);
                    }
                }
            }
        }
    }

    private void prefixFC(int at) {
        long sub = u32("0xFC sub-opcode");
        switch ((int) Math.min(sub, Integer.MAX_VALUE)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> {
            }
            case 8 -> {
                u32("data index");
                zeroByte("memory.init");
            }
            case 9 -> u32("data index");
            case 10 -> {
                zeroByte("memory.copy");
                zeroByte("memory.copy");
            }
            case 11 -> zeroByte("memory.fill");
            case 12, 14 -> {
                u32("index");
                u32("index");
            }
            case 13, 15, 16, 17 -> u32("index");
            default -> throw malformed("illegal opcode 0xFC " + sub, at);
        }
    }

    private void prefixFD(int at) {
        long sub = u32("0xFD sub-opcode");
        if (sub <= 11 || sub == 92 || sub == 93) {
            memarg();
        } else if (sub == 12 || sub == 13) {
            skip(16, sub == 12 ? "v128 constant" : "shuffle lanes");
        } else if (sub >= 21 && sub <= 34) {
            skip(1, "lane index");
        } else if (sub >= 84 && sub <= 91) {
            memarg();
            skip(1, "lane index");
        } else if (sub >= 0x100 && sub <= 0x113) {
            throw new CompileException(Kind.UNSUPPORTED, "relaxed SIMD instruction 0xFD " + sub + " is not supported", at, null);
        } else if (sub > 0xFF) {
            throw malformed("illegal opcode 0xFD " + sub, at);
        }
        // all other SIMD opcodes up to 0xFF have no immediates; unassigned ones are left to
        // the parser, which knows the exact opcode table
    }

    private CompileException unknownOpcode(int op, int at) {
        String proposal = switch (op) {
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> "exception handling";
            case 0x12, 0x13 -> "tail calls";
            case 0x14, 0x15, 0xD3, 0xD4, 0xD5, 0xD6 -> "typed function references";
            case 0xFB -> "GC";
            case 0xFE -> "threads";
            default -> null;
        };
        if (proposal != null) {
            return new CompileException(Kind.UNSUPPORTED, "opcode 0x" + Integer.toHexString(op) + " (" + proposal
                    + " proposal) is not supported", at, null);
        }
        return malformed("illegal opcode 0x" + Integer.toHexString(op), at);
    }

    private void blockType() {
        int at = pos;
        int first = u8();
        switch (first) {
            case 0x40, 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F -> {
                return;
            }
            default -> {
            }
        }
        pos = at;
        long v = sleb(5, 33, "block type");
        if (v < 0) {
            throw malformed("malformed block type", at);
        }
        if (BlockTypeIndices.isAmbiguous(v)) {
            facts.ambiguousBlockTypes.add(new long[] {at, pos - at, v});
        }
    }

    /**
     * A branch's label index. One beyond the enclosing blocks is rejected here (the validator's
     * rule) because Chicory's parser resolves labels while parsing and fails on it with a raw
     * exception instead.
     */
    private void label(int depth) {
        int at = pos;
        long label = u32("label index");
        if (label > depth) {
            throw new CompileException(Kind.INVALID, "unknown label " + label + " (" + (depth + 1)
                    + " enclosing blocks)", at, null);
        }
    }

    /**
     * A memory argument. An alignment of 64 or more is rejected here (the validator's rule: no
     * access is wider than 16 bytes) because Chicory's parser reads bit 6 of the alignment as
     * multi-memory's "memory index follows" flag and would misread the instruction stream.
     */
    private void memarg() {
        int at = pos;
        long align = u32("alignment");
        if (align >= 64) {
            throw new CompileException(Kind.INVALID, "alignment must not be larger than natural (2^" + align + ")", at, null);
        }
        u32("offset");
    }

    private void zeroByte(String instruction) {
        int at = pos;
        if (u8() != 0) {
            throw malformed("zero byte expected in " + instruction, at);
        }
    }

    // ---------------------------------------------------------------- primitives

    private int u8() {
        if (pos >= limit) {
            throw malformed("unexpected end", pos);
        }
        return b[pos++] & 0xFF;
    }

    private void skip(int n, String what) {
        if (limit - pos < n) {
            throw malformed("unexpected end in " + what, pos);
        }
        pos += n;
    }

    /** An unsigned LEB128 u32 (at most 5 bytes, no bits beyond 32). */
    long u32(String what) {
        int at = pos;
        long result = 0;
        for (int i = 0; i < 5; i++) {
            if (pos >= limit) {
                throw malformed("unexpected end in " + what, pos);
            }
            int x = b[pos++] & 0xFF;
            if (i == 4) {
                if ((x & 0x80) != 0) {
                    throw malformed("integer representation too long: " + what, at);
                }
                if ((x & 0x70) != 0) {
                    throw malformed("integer too large: " + what, at);
                }
            }
            result |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException(); // unreachable: the fifth byte always returns or throws
    }

    /** A signed LEB128 of {@code bits} bits, at most {@code maxBytes} bytes; unused bits must be sign bits. */
    private long sleb(int maxBytes, int bits, String what) {
        int at = pos;
        long result = 0;
        int shift = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= limit) {
                throw malformed("unexpected end in " + what, pos);
            }
            int x = b[pos++] & 0xFF;
            if (i == maxBytes - 1) {
                if ((x & 0x80) != 0) {
                    throw malformed("integer representation too long: " + what, at);
                }
                // bits of the last byte beyond the value's width must all equal its sign bit
                int used = bits - 7 * i;
                int signBit = (x >> (used - 1)) & 1;
                int unusedMask = 0x7F & ~((1 << used) - 1);
                if ((x & unusedMask) != (signBit == 1 ? unusedMask : 0)) {
                    throw malformed("integer too large: " + what, at);
                }
            }
            result |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                if (shift < 64 && (x & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
        throw new IllegalStateException();
    }

    /** A vector count, which cannot exceed the bytes left (every element takes at least one). */
    private long count(String what) {
        int at = pos;
        long n = u32(what + " count");
        if (n > limit - pos) {
            throw malformed(what + " count " + n + " exceeds the " + (limit - pos) + " bytes remaining", at);
        }
        return n;
    }

    private String name() {
        long len = count("name byte");
        String s = new String(b, pos, (int) len, java.nio.charset.StandardCharsets.UTF_8);
        pos += (int) len;
        return s;
    }

    private static CompileException malformed(String message, int offset) {
        return new CompileException(Kind.MALFORMED, message, offset, null);
    }
}
