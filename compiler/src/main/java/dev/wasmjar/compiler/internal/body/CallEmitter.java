package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.RuntimeNames.WASM_FUNCTION;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;

/**
 * {@code call} and {@code call_indirect}: the module context emits the invocation (the instance
 * is the last argument); a multi-value result comes back as an {@code Object[]} that is unpacked
 * onto the stack. The callee may grow the memory, so the memory's array is read again after.
 */
final class CallEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.CALL, (m, in) -> {
            int f = (int) in.operand(0);
            var type = m.ctx().functionType(f);
            m.loadInstance();
            m.ctx().emitCall(m.mv(), f);
            afterCall(m, Types.of(type.params()), Types.of(type.returns()));
        });
        t.register(OpCode.CALL_INDIRECT, (m, in) -> {
            int typeIndex = (int) in.operand(0);
            int table = (int) in.operand(1);
            var type = m.ctx().type(typeIndex);
            m.pop(); // the table index
            m.loadInstance();
            m.ctx().emitCallIndirect(m.mv(), typeIndex, table);
            afterCall(m, Types.of(type.params()), Types.of(type.returns()));
        });
    }

    private static void afterCall(MethodState m, ValueType[] params, ValueType[] results) {
        for (int j = 0; j < params.length; j++) {
            m.pop();
        }
        if (WasmTypes.isVectorResult(results)) {
            // the low half was returned, the high half left in the instance
            m.push(ValueType.I64);
            m.loadInstance();
            m.ctx().emitVectorResult(m.mv(), false);
            m.push(ValueType.V128);
        } else if (results.length > 1) {
            unpackResults(m, results);
        } else if (results.length == 1) {
            m.push(results[0]);
        }
        if (m.hasMemory()) {
            m.reloadMemory();
        }
    }

    /** Unpacks a multi-value result array (on top of the stack) onto the stack. */
    private static void unpackResults(MethodState m, ValueType[] results) {
        CodeSink mv = m.mv();
        int mark = m.tempMark();
        int arr = m.newTemp(ValueType.EXTERNREF);
        mv.visitVarInsn(ASTORE, arr);
        for (int j = 0; j < results.length; j++) {
            ValueType t = results[j];
            mv.visitVarInsn(ALOAD, arr);
            m.pushInt(j);
            mv.visitInsn(AALOAD);
            String box = Types.boxClass(t);
            if (box != null) {
                mv.visitTypeInsn(CHECKCAST, box);
                mv.visitMethodInsn(INVOKEVIRTUAL, box, Types.unboxMethod(t), "()" + Types.descriptor(t), false);
            } else if (t == ValueType.FUNCREF) {
                mv.visitTypeInsn(CHECKCAST, WASM_FUNCTION);
            }
            m.push(t);
        }
        m.releaseTemps(mark);
    }
}
