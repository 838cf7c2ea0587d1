package dev.wasmjar.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuestThreadTest {
    @Test
    void returnsTheResultFromAThreadOfItsOwn() throws Throwable {
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[1];
        assertEquals(42, GuestThread.run(() -> {
            ran[0] = Thread.currentThread();
            return 42;
        }));
        assertTrue(ran[0] != caller);
        assertEquals("wasm-main", ran[0].getName());
    }

    @Test
    void rethrowsWhatTheBodyThrew() {
        IOException e = new IOException("boom");
        assertSame(e, assertThrows(IOException.class, () -> GuestThread.run(() -> {
            throw e;
        })));
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, assertThrows(StackOverflowError.class, () -> GuestThread.run(() -> {
            throw soe;
        })));
    }

    @Test
    void holdsARecursionTheDefaultStackCannot() throws Throwable {
        assertEquals(200_000, GuestThread.run(() -> depth(200_000)));
    }

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void anInterruptedCallerInterruptsTheGuest() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch guestInterrupted = new CountDownLatch(1);
        Throwable[] callerGot = new Throwable[1];
        Thread caller = new Thread(() -> {
            try {
                GuestThread.run(() -> {
                    started.countDown();
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                    } catch (InterruptedException e) {
                        guestInterrupted.countDown();
                    }
                    return 0;
                });
            } catch (Throwable t) {
                callerGot[0] = t;
            }
        });
        caller.start();
        assertTrue(started.await(1, TimeUnit.MINUTES));
        caller.interrupt();
        assertTrue(guestInterrupted.await(1, TimeUnit.MINUTES), "the guest was not interrupted");
        caller.join(TimeUnit.MINUTES.toMillis(1));
        assertTrue(callerGot[0] instanceof InterruptedException, String.valueOf(callerGot[0]));
    }
}
