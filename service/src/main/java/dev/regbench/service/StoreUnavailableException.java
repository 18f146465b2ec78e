package dev.regbench.service;

/** The job store could not be reached (database down, pool exhausted): the caller answers 503. */
final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
