package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.runtime.ValueType;

/**
 * Reference instructions: {@code ref.null}, {@code ref.is_null} (a condition like a comparison,
 * so it fuses with a following {@code br_if} or {@code if}) and {@code ref.func}.
 */
final class ReferenceEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.REF_NULL, (m, in) -> {
            m.mv().visitInsn(ACONST_NULL);
            m.push(heapType(in.operand(0)));
        });
        t.register(OpCode.REF_IS_NULL, (m, in) -> {
            m.pop();
            ComparisonEmitter.condition(m, IFNULL);
        });
        t.register(OpCode.REF_FUNC, (m, in) -> {
            m.loadInstance();
            m.ctx().emitFunctionRef(m.mv(), (int) in.operand(0));
            m.push(ValueType.FUNCREF);
        });
    }

    /** The reference type of {@code ref.null}'s heap type immediate. */
    static ValueType heapType(long operand) {
        // ref.null's heap type: -16 (0x70) func, -17 (0x6F) extern
        if (operand == -16 || operand == 0x70) {
            return ValueType.FUNCREF;
        }
        if (operand == -17 || operand == 0x6F) {
            return ValueType.EXTERNREF;
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported heap type " + operand);
    }
}
