package dev.wasmjar.compiler.spec;

/** The outcome of one command of a spec script. */
final class CommandResult {
    enum Status {
        PASSED, FAILED, SKIPPED
    }

    /** Line of the command in the .wast script. */
    final int line;
    /** The command, in wast-like text (e.g. {@code assert_return invoke "add" (i32:1 i32:2)}). */
    final String command;
    final Status status;
    /** For failures: expected and actual; for skips: why. Empty when passed. */
    final String detail;
    /** How long the command took, in milliseconds (0 when it did not run). */
    final long millis;

    CommandResult(int line, String command, Status status, String detail) {
        this(line, command, status, detail, 0);
    }

    CommandResult(int line, String command, Status status, String detail, long millis) {
        this.line = line;
        this.command = command;
        this.status = status;
        this.detail = detail;
        this.millis = millis;
    }

    CommandResult withMillis(long ms) {
        return new CommandResult(line, command, status, detail, ms);
    }

    /** One line for reports: {@code line 12: assert_return ...: expected ..., got ...}. */
    @Override
    public String toString() {
        return "line " + line + ": " + command + (detail.isEmpty() ? "" : " -- " + detail);
    }
}
