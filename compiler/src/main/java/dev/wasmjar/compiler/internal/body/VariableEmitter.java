package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;

/**
 * Variable instructions: {@code local.get}, {@code local.set}, {@code local.tee} (where a local
 * lives, JVM variable or frame array, is the method's layout) and {@code global.get},
 * {@code global.set} (emitted by the module context on the instance).
 */
final class VariableEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.LOCAL_GET, (m, in) -> m.localGet((int) in.operand(0)));
        t.register(OpCode.LOCAL_SET, (m, in) -> m.localSet((int) in.operand(0)));
        t.register(OpCode.LOCAL_TEE, (m, in) -> {
            int idx = (int) in.operand(0);
            if (m.fn().isVectorLocal(idx)) {
                // four slots cannot be duplicated in place: store, then load again
                m.localSet(idx);
                m.localGet(idx);
                return;
            }
            ValueType v = m.fn().locals[m.fn().localBase(idx)];
            m.touch(1);
            m.mv().visitInsn(WasmTypes.slots(v) == 2 ? DUP2 : DUP);
            m.push(v);
            m.localSet(idx);
        });
        t.register(OpCode.GLOBAL_GET, (m, in) -> {
            int g = (int) in.operand(0);
            m.loadInstance();
            m.ctx().emitGlobalGet(m.mv(), g);
            ValueType type = m.ctx().globalType(g);
            if (type == ValueType.V128) {
                m.push(ValueType.I64); // the low half, below the high half
            }
            m.push(type);
        });
        t.register(OpCode.GLOBAL_SET, (m, in) -> {
            int g = (int) in.operand(0);
            if (m.stack().type == ValueType.V128) {
                // the instance goes below both halves
                int mark = m.tempMark();
                int halves = VectorCode.popVector(m);
                m.loadInstance();
                m.mv().visitVarInsn(LLOAD, halves);
                m.mv().visitVarInsn(LLOAD, halves + 2);
                m.ctx().emitGlobalSet(m.mv(), g);
                m.releaseTemps(mark);
                return;
            }
            ValueType v = m.pop();
            m.loadInstance();
            // the instance goes below the value
            if (WasmTypes.slots(v) == 2) {
                m.mv().visitInsn(DUP_X2);
                m.mv().visitInsn(POP);
            } else {
                m.mv().visitInsn(SWAP);
            }
            m.ctx().emitGlobalSet(m.mv(), g);
        });
    }
}
