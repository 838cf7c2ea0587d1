package dev.wasmjar.compiler.testing;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.internal.ModuleCompiler;
import dev.wasmjar.compiler.internal.ModuleContext;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Test-only function body generator for branch-free code, so module-level features can be
 * tested independently of the real {@code FunctionCodegen}. Supports constants, locals,
 * {@code i32}/{@code i64} add/sub/mul, calls (direct and indirect), globals, {@code ref.func},
 * {@code ref.null}, {@code drop}, {@code unreachable}, {@code i32.load}/{@code i32.store}
 * through the {@code Memory} host accessors, and {@code table.get}/{@code elem.drop}/
 * {@code data.drop}. Emits no frames (none are needed without branches).
 */
public final class StraightLineCodegen implements ModuleCompiler.BodyEmitter {
    private final ModuleContext ctx;

    public StraightLineCodegen(ModuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void emit(ClassVisitor cv, int funcIndex, FunctionBody body) {
        FunctionType type = ctx.functionType(funcIndex);
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, ctx.functionMethodName(funcIndex),
                ctx.functionDescriptor(funcIndex), null, null);
        mv.visitCode();
        List<ValType> localTypes = new ArrayList<>(type.params());
        localTypes.addAll(body.localTypes());
        int[] slots = new int[localTypes.size()];
        int slot = 0;
        for (int i = 0; i < type.params().size(); i++) {
            slots[i] = slot;
            slot += size(localTypes.get(i));
        }
        int instSlot = slot++;
        for (int i = type.params().size(); i < localTypes.size(); i++) {
            slots[i] = slot;
            ValType t = localTypes.get(i);
            slot += size(t);
            pushZero(mv, t);
            mv.visitVarInsn(storeOp(t), slots[i]);
        }
        List<ValType> stack = new ArrayList<>();
        boolean unreachable = false;
        for (AnnotatedInstruction in : body.instructions()) {
            if (unreachable) {
                break; // the rest is dead code, which would need frames
            }
            switch (in.opcode()) {
                case NOP:
                    break;
                case END:
                case RETURN:
                    break;
                case UNREACHABLE:
                    mv.visitTypeInsn(Opcodes.NEW, "dev/wasmjar/runtime/Trap");
                    mv.visitInsn(Opcodes.DUP);
                    mv.visitFieldInsn(Opcodes.GETSTATIC, "dev/wasmjar/runtime/TrapKind", "UNREACHABLE",
                            "Ldev/wasmjar/runtime/TrapKind;");
                    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "dev/wasmjar/runtime/Trap", "<init>",
                            "(Ldev/wasmjar/runtime/TrapKind;)V", false);
                    mv.visitInsn(Opcodes.ATHROW);
                    unreachable = true;
                    break;
                case I32_CONST:
                    mv.visitLdcInsn((int) in.operand(0));
                    stack.add(ValType.I32);
                    break;
                case I64_CONST:
                    mv.visitLdcInsn(in.operand(0));
                    stack.add(ValType.I64);
                    break;
                case LOCAL_GET: {
                    int i = (int) in.operand(0);
                    mv.visitVarInsn(loadOp(localTypes.get(i)), slots[i]);
                    stack.add(localTypes.get(i));
                    break;
                }
                case LOCAL_SET: {
                    int i = (int) in.operand(0);
                    mv.visitVarInsn(storeOp(localTypes.get(i)), slots[i]);
                    pop(stack, 1);
                    break;
                }
                case DROP:
                    mv.visitInsn(size(pop(stack, 1)) == 2 ? Opcodes.POP2 : Opcodes.POP);
                    break;
                case I32_ADD:
                    mv.visitInsn(Opcodes.IADD);
                    pop(stack, 1);
                    break;
                case I32_SUB:
                    mv.visitInsn(Opcodes.ISUB);
                    pop(stack, 1);
                    break;
                case I32_MUL:
                    mv.visitInsn(Opcodes.IMUL);
                    pop(stack, 1);
                    break;
                case I64_ADD:
                    mv.visitInsn(Opcodes.LADD);
                    pop(stack, 1);
                    break;
                case CALL: {
                    int f = (int) in.operand(0);
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitCall(mv, f);
                    afterCall(stack, ctx.functionType(f));
                    break;
                }
                case CALL_INDIRECT: {
                    int t = (int) in.operand(0);
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitCallIndirect(mv, t, (int) in.operand(1));
                    pop(stack, 1);
                    afterCall(stack, ctx.type(t));
                    break;
                }
                case GLOBAL_GET:
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitGlobalGet(mv, (int) in.operand(0));
                    stack.add(null); // type unknown here; only i32/ref globals are dropped in tests
                    break;
                case GLOBAL_SET: {
                    ValType t = pop(stack, 1);
                    // stack: value -> inst, value
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    if (t != null && size(t) == 2) {
                        mv.visitInsn(Opcodes.DUP_X2);
                        mv.visitInsn(Opcodes.POP);
                    } else {
                        mv.visitInsn(Opcodes.SWAP);
                    }
                    ctx.emitGlobalSet(mv, (int) in.operand(0));
                    break;
                }
                case REF_FUNC:
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitFunctionRef(mv, (int) in.operand(0));
                    stack.add(ValType.FuncRef);
                    break;
                case REF_NULL:
                    mv.visitInsn(Opcodes.ACONST_NULL);
                    stack.add(ValType.FuncRef);
                    break;
                case TABLE_GET:
                    // index -> table, index
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitTable(mv, (int) in.operand(0));
                    mv.visitInsn(Opcodes.SWAP);
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/wasmjar/runtime/Table", "get", "(I)Ljava/lang/Object;",
                            false);
                    mv.visitTypeInsn(Opcodes.CHECKCAST, "dev/wasmjar/runtime/WasmFunction");
                    pop(stack, 1);
                    stack.add(ValType.FuncRef);
                    break;
                case I32_LOAD:
                    mv.visitLdcInsn((int) in.operand(1));
                    mv.visitInsn(Opcodes.IADD);
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitMemory(mv);
                    mv.visitInsn(Opcodes.SWAP);
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/wasmjar/runtime/Memory", "readInt", "(I)I", false);
                    break;
                case I32_STORE:
                    // addr, value -> memory, addr+offset, value
                    mv.visitVarInsn(Opcodes.ISTORE, slot);
                    mv.visitLdcInsn((int) in.operand(1));
                    mv.visitInsn(Opcodes.IADD);
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitMemory(mv);
                    mv.visitInsn(Opcodes.SWAP);
                    mv.visitVarInsn(Opcodes.ILOAD, slot);
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/wasmjar/runtime/Memory", "writeInt", "(II)V", false);
                    pop(stack, 2);
                    break;
                case ELEM_DROP:
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitElementDrop(mv, (int) in.operand(0));
                    break;
                case DATA_DROP:
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    ctx.emitDataDrop(mv, (int) in.operand(0));
                    break;
                default:
                    throw new UnsupportedOperationException("StraightLineCodegen: " + in.opcode());
            }
        }
        String desc = ctx.functionDescriptor(funcIndex);
        if (unreachable) {
            mv.visitMaxs(64, slot + 1);
            mv.visitEnd();
            return;
        }
        char r = desc.charAt(desc.indexOf(')') + 1);
        mv.visitInsn(r == 'V' ? Opcodes.RETURN : r == 'I' ? Opcodes.IRETURN : r == 'J' ? Opcodes.LRETURN
                : r == 'F' ? Opcodes.FRETURN : r == 'D' ? Opcodes.DRETURN : Opcodes.ARETURN);
        mv.visitMaxs(64, slot + 1);
        mv.visitEnd();
    }

    private static void afterCall(List<ValType> stack, FunctionType t) {
        pop(stack, t.params().size());
        if (t.returns().size() == 1) {
            stack.add(t.returns().get(0));
        } else if (t.returns().size() > 1) {
            stack.add(ValType.ExternRef);
        }
    }

    private static ValType pop(List<ValType> stack, int n) {
        ValType last = null;
        for (int i = 0; i < n && !stack.isEmpty(); i++) {
            last = stack.remove(stack.size() - 1);
        }
        return last;
    }

    private static int size(ValType t) {
        return t != null && (t.equals(ValType.I64) || t.equals(ValType.F64)) ? 2 : 1;
    }

    private static void pushZero(MethodVisitor mv, ValType t) {
        if (t.equals(ValType.I32)) {
            mv.visitInsn(Opcodes.ICONST_0);
        } else if (t.equals(ValType.I64)) {
            mv.visitInsn(Opcodes.LCONST_0);
        } else if (t.equals(ValType.F32)) {
            mv.visitInsn(Opcodes.FCONST_0);
        } else if (t.equals(ValType.F64)) {
            mv.visitInsn(Opcodes.DCONST_0);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    private static int loadOp(ValType t) {
        return t.equals(ValType.I32) ? Opcodes.ILOAD : t.equals(ValType.I64) ? Opcodes.LLOAD
                : t.equals(ValType.F32) ? Opcodes.FLOAD : t.equals(ValType.F64) ? Opcodes.DLOAD : Opcodes.ALOAD;
    }

    private static int storeOp(ValType t) {
        return loadOp(t) + (Opcodes.ISTORE - Opcodes.ILOAD);
    }

}
