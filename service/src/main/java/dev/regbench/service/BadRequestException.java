package dev.regbench.service;

/**
 * A request the service refuses, with the HTTP status and the request field at fault
 * ({@code null} when it is the whole body). Immutable.
 */
final class BadRequestException extends Exception {

    private final int status;
    private final String field;

    BadRequestException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static BadRequestException field(String field, String message) {
        return new BadRequestException(400, field, field + ": " + message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
