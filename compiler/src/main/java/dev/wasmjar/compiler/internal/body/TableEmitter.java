package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.RuntimeNames.TABLE;
import static dev.wasmjar.compiler.internal.RuntimeNames.TABLE_DESC;
import static dev.wasmjar.compiler.internal.RuntimeNames.WASM_FUNCTION;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Table instructions: {@code table.get/set/size/grow/fill/copy/init} and {@code elem.drop}, as
 * calls of the runtime's {@code Ops} with the table (and element segment) the module context
 * loads from the instance after the operands.
 */
final class TableEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.TABLE_GET, (m, in) -> {
            int table = (int) in.operand(0);
            m.pop();
            pushTable(m, table);
            m.mv().visitMethodInsn(INVOKESTATIC, BodyEmitter.OPS, "tableGet", "(I" + TABLE_DESC + ")Ljava/lang/Object;",
                    false);
            ValueType et = m.ctx().tableElementType(table);
            if (et == ValueType.FUNCREF) {
                m.mv().visitTypeInsn(CHECKCAST, WASM_FUNCTION);
            }
            m.push(et);
        });
        t.register(OpCode.TABLE_SET, (m, in) -> {
            pop(m, 2);
            pushTable(m, (int) in.operand(0));
            ops(m, "tableSet", "(ILjava/lang/Object;" + TABLE_DESC + ")V");
        });
        t.register(OpCode.TABLE_SIZE, (m, in) -> {
            pushTable(m, (int) in.operand(0));
            m.mv().visitMethodInsn(INVOKEVIRTUAL, TABLE, "size", "()I", false);
            m.push(ValueType.I32);
        });
        t.register(OpCode.TABLE_GROW, (m, in) -> {
            pop(m, 2);
            pushTable(m, (int) in.operand(0));
            ops(m, "tableGrow", "(Ljava/lang/Object;I" + TABLE_DESC + ")I");
            m.push(ValueType.I32);
        });
        t.register(OpCode.TABLE_FILL, (m, in) -> {
            pop(m, 3);
            pushTable(m, (int) in.operand(0));
            ops(m, "tableFill", "(ILjava/lang/Object;I" + TABLE_DESC + ")V");
        });
        t.register(OpCode.TABLE_COPY, (m, in) -> {
            pop(m, 3);
            pushTable(m, (int) in.operand(0));
            pushTable(m, (int) in.operand(1));
            ops(m, "tableCopy", "(III" + TABLE_DESC + TABLE_DESC + ")V");
        });
        t.register(OpCode.TABLE_INIT, (m, in) -> {
            pop(m, 3);
            pushTable(m, (int) in.operand(1));
            m.loadInstance();
            m.ctx().emitElementSegment(m.mv(), (int) in.operand(0));
            ops(m, "tableInit", "(III" + TABLE_DESC + "[Ljava/lang/Object;)V");
        });
        t.register(OpCode.ELEM_DROP, (m, in) -> {
            m.loadInstance();
            m.ctx().emitElementDrop(m.mv(), (int) in.operand(0));
        });
    }

    private static void pushTable(MethodState m, int table) {
        m.loadInstance();
        m.ctx().emitTable(m.mv(), table);
    }

    private static void pop(MethodState m, int operands) {
        for (int k = 0; k < operands; k++) {
            m.pop();
        }
    }

    private static void ops(MethodState m, String name, String desc) {
        m.mv().visitMethodInsn(INVOKESTATIC, BodyEmitter.OPS, name, desc, false);
    }
}
