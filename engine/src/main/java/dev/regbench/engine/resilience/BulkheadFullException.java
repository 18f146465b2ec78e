package dev.regbench.engine.resilience;

import java.io.IOException;

/** A call refused because too many calls to its registry host were already in flight. */
public final class BulkheadFullException extends IOException {

    BulkheadFullException(String host, String operation, int maxConcurrent, Throwable cause) {
        super("bulkhead for " + host + " is full (" + maxConcurrent + " concurrent calls): " + operation
                + " not attempted", cause);
    }
}
