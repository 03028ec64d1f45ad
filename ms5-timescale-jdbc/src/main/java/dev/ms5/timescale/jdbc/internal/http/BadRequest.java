package dev.ms5.timescale.jdbc.internal.http;

/** A request the endpoints refuse before reading anything: answered 400 with its message as the detail. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String detail) {
        super(detail, null, false, false);
    }
}
