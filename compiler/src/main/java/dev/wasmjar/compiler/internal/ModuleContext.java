package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import org.objectweb.asm.MethodVisitor;

/**
 * What the code generator of one function body needs to know about the module it belongs to,
 * and how to reach the module's state from generated code.
 *
 * <p>Conventions shared by all generated code:
 * <ul>
 *   <li>Every wasm function (defined or imported) is reachable as a static JVM method whose
 *       parameters are the wasm parameters followed by the instance
 *       ({@link #instanceDescriptor()}) as the last parameter, and whose return type is
 *       {@code void}, the single result, or {@code Object[]} (boxed results) for several —
 *       exactly {@code dev.wasmjar.runtime.FunctionType#methodType()} plus the instance.</li>
 *   <li>Every {@code emit*} method documents the operand stack it expects and leaves; "inst"
 *       is the instance reference, which the caller pushes.</li>
 * </ul>
 */
public interface ModuleContext {

    /** The type of function {@code funcIndex} (imports first, as in the wasm index space). */
    FunctionType functionType(int funcIndex);

    /** Type section entry {@code typeIndex}. */
    FunctionType type(int typeIndex);

    /** Number of imported functions (indices below this are imports). */
    int importedFunctionCount();

    /** The wasm name of a function for backtraces: the name section's, else {@code func[N]}. */
    String functionName(int funcIndex);

    /** Internal name of the instance class (the class that extends {@code dev.wasmjar.runtime.Instance}). */
    String instanceClass();

    /** {@code L<instanceClass>;}. */
    String instanceDescriptor();

    /** Owner (internal class name) of the static method implementing function {@code funcIndex}. */
    String functionOwner(int funcIndex);

    /** Name of the static method implementing function {@code funcIndex}. */
    String functionMethodName(int funcIndex);

    /** Descriptor of the static method implementing function {@code funcIndex} (instance last). */
    String functionDescriptor(int funcIndex);

    /** Stack: args..., inst → results (per the conventions). Calls function {@code funcIndex}. */
    void emitCall(MethodVisitor mv, int funcIndex);

    /**
     * Stack: args..., i32 tableElementIndex, inst → results. {@code call_indirect} through table
     * {@code tableIndex} expecting type {@code typeIndex}; traps as the spec requires.
     */
    void emitCallIndirect(MethodVisitor mv, int typeIndex, int tableIndex);

    /** Stack: inst → value of global {@code globalIndex} (JVM type per the value type). */
    void emitGlobalGet(MethodVisitor mv, int globalIndex);

    /** Stack: inst, value → (empty). Sets global {@code globalIndex}. */
    void emitGlobalSet(MethodVisitor mv, int globalIndex);

    /** Stack: inst → {@code dev.wasmjar.runtime.Memory} of memory 0. */
    void emitMemory(MethodVisitor mv);

    /** Stack: inst → {@code dev.wasmjar.runtime.Table} number {@code tableIndex}. */
    void emitTable(MethodVisitor mv, int tableIndex);

    /** Stack: inst → {@code byte[]} of data segment {@code dataIndex} ({@code null} once dropped). */
    void emitDataSegment(MethodVisitor mv, int dataIndex);

    /** Stack: inst → (empty). {@code data.drop}. */
    void emitDataDrop(MethodVisitor mv, int dataIndex);

    /** Stack: inst → {@code Object[]} of element segment {@code elemIndex} ({@code null} once dropped). */
    void emitElementSegment(MethodVisitor mv, int elemIndex);

    /** Stack: inst → (empty). {@code elem.drop}. */
    void emitElementDrop(MethodVisitor mv, int elemIndex);

    /**
     * The instance's slot for the high half of a returned vector (see
     * {@code WasmTypes.isVectorResult}): with {@code store}, stack inst, long → (empty);
     * otherwise inst → long.
     */
    void emitVectorResult(MethodVisitor mv, boolean store);

    /** Stack: inst → {@code dev.wasmjar.runtime.WasmFunction} for {@code ref.func funcIndex}. */
    void emitFunctionRef(MethodVisitor mv, int funcIndex);

    /**
     * The value type of global {@code globalIndex} (imports first): the function code generator
     * tracks the JVM type of every operand-stack value, so it must know what
     * {@link #emitGlobalGet} pushes.
     */
    default dev.wasmjar.runtime.ValueType globalType(int globalIndex) {
        throw new UnsupportedOperationException("ModuleContext.globalType is not implemented");
    }

    /**
     * The element type of table {@code tableIndex} (imports first): {@code FUNCREF} or
     * {@code EXTERNREF}; {@code table.get} of a funcref table yields a {@code WasmFunction}.
     */
    default dev.wasmjar.runtime.ValueType tableElementType(int tableIndex) {
        throw new UnsupportedOperationException("ModuleContext.tableElementType is not implemented");
    }
}
