package dev.wasmjar.runtime.wasi.internal.preview1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FdTableTest {
    /** A descriptor that records whether it was closed. */
    private static final class Probe extends OpenFd {
        boolean closed;

        Probe() {
            super(0, 0, 0);
        }

        @Override
        int filetype() {
            return Filetype.UNKNOWN;
        }

        @Override
        void close() {
            closed = true;
        }
    }

    @Test
    void newDescriptorsTakeTheLowestFreeNumber() throws WasiError {
        FdTable t = new FdTable(100);
        Probe a = new Probe();
        Probe b = new Probe();
        Probe c = new Probe();
        assertEquals(0, t.add(a));
        assertEquals(1, t.add(b));
        assertEquals(2, t.add(c));
        assertSame(a, t.remove(0));
        assertEquals(0, t.add(new Probe()), "a freed number is reused first");
        assertEquals(3, t.add(new Probe()));
        t.remove(1);
        t.remove(2);
        assertEquals(1, t.add(new Probe()));
        assertEquals(2, t.add(new Probe()));
    }

    @Test
    void unknownAndRemovedNumbersAreBadDescriptors() throws WasiError {
        FdTable t = new FdTable(100);
        t.add(new Probe());
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.get(1)).errno);
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.get(-1)).errno);
        t.remove(0);
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.get(0)).errno);
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.remove(0)).errno);
    }

    @Test
    void typedLookupsReportTheWrongType() throws WasiError {
        FdTable t = new FdTable(100);
        t.add(new Probe());
        assertEquals(Errno.NOTDIR, assertThrows(WasiError.class, () -> t.directory(0)).errno);
        assertEquals(Errno.ISDIR, assertThrows(WasiError.class, () -> t.file(0, Errno.ISDIR)).errno);
    }

    @Test
    void renumberClosesTheTargetAndFreesTheSource() throws WasiError {
        FdTable t = new FdTable(100);
        Probe a = new Probe();
        Probe b = new Probe();
        t.add(a);
        t.add(b);
        t.renumber(0, 1);
        assertTrue(b.closed, "the descriptor renumbered over is closed");
        assertTrue(!a.closed, "the moved descriptor stays open");
        assertSame(a, t.get(1));
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.get(0)).errno);
        assertEquals(0, t.add(new Probe()));
        assertEquals(Errno.BADF, assertThrows(WasiError.class, () -> t.renumber(1, 7)).errno);
        t.renumber(1, 1);
        assertSame(a, t.get(1));
    }

    @Test
    void aFullTableFailsWithEmfile() throws WasiError {
        FdTable t = new FdTable(2);
        t.add(new Probe());
        t.add(new Probe());
        assertEquals(Errno.MFILE, assertThrows(WasiError.class, () -> t.add(new Probe())).errno);
    }

    @Test
    void closeAllClosesEveryDescriptor() throws WasiError {
        FdTable t = new FdTable(10);
        Probe a = new Probe();
        Probe b = new Probe();
        t.add(a);
        t.add(b);
        t.closeAll();
        assertTrue(a.closed && b.closed);
        assertEquals(0, t.add(new Probe()));
    }
}
