package dev.wasmjar.runtime;

/**
 * Instantiation failed because imports are missing or do not match what the module declares.
 * The message lists every problem, one per line.
 */
public class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
