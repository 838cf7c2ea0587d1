package dev.wasmjar.runtime.wasi.internal.preview1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.internal.fs.Datetime;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorStat;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;
import org.junit.jupiter.api.Test;

class AbiTest {
    private static final DescriptorStat STAT = new DescriptorStat(DescriptorType.REGULAR_FILE, 3, 1234,
            new Datetime(1, 2), new Datetime(3, 4), new Datetime(5, 6), 77, 88);

    @Test
    void snapshot1FilestatIs64BytesWithA64BitLinkCount() {
        Memory m = new Memory(1, 1);
        m.fill(0, 0xff, 128);
        Abi.SNAPSHOT_1.storeFilestat(m, 8, STAT);
        assertEquals(77, m.readLong(8));
        assertEquals(88, m.readLong(16));
        assertEquals(Filetype.REGULAR_FILE, m.readByte(24));
        assertEquals(3, m.readLong(32));
        assertEquals(1234, m.readLong(40));
        assertEquals(1_000_000_002L, m.readLong(48));
        assertEquals(3_000_000_004L, m.readLong(56));
        assertEquals(5_000_000_006L, m.readLong(64));
        assertEquals((byte) 0xff, m.readByte(72), "nothing written past the struct");
    }

    @Test
    void unstableFilestatIs56BytesWithA32BitLinkCount() {
        Memory m = new Memory(1, 1);
        m.fill(0, 0xff, 128);
        Abi.UNSTABLE.storeFilestat(m, 8, STAT);
        assertEquals(Filetype.REGULAR_FILE, m.readByte(24));
        assertEquals(3, m.readInt(28));
        assertEquals(1234, m.readLong(32));
        assertEquals(1_000_000_002L, m.readLong(40));
        assertEquals(3_000_000_004L, m.readLong(48));
        assertEquals(5_000_000_006L, m.readLong(56));
        assertEquals((byte) 0xff, m.readByte(64), "nothing written past the struct");
    }

    @Test
    void unstableWhenceIsCurEndSet() {
        assertEquals(Abi.WHENCE_CUR, Abi.UNSTABLE.whence(0));
        assertEquals(Abi.WHENCE_END, Abi.UNSTABLE.whence(1));
        assertEquals(Abi.WHENCE_SET, Abi.UNSTABLE.whence(2));
        assertEquals(-1, Abi.UNSTABLE.whence(3));
        assertEquals(Abi.WHENCE_SET, Abi.SNAPSHOT_1.whence(0));
        assertEquals(Abi.WHENCE_CUR, Abi.SNAPSHOT_1.whence(1));
        assertEquals(Abi.WHENCE_END, Abi.SNAPSHOT_1.whence(2));
        assertEquals(-1, Abi.SNAPSHOT_1.whence(-1));
    }

    @Test
    void subscriptionLayouts() {
        assertEquals(48, Abi.SNAPSHOT_1.subscriptionSize());
        assertEquals(56, Abi.UNSTABLE.subscriptionSize());
        assertEquals(16, Abi.SNAPSHOT_1.clockIdOffset());
        assertEquals(24, Abi.UNSTABLE.clockIdOffset());
    }
}
