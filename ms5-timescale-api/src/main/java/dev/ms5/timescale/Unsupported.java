package dev.ms5.timescale;

/**
 * A declared part that this server cannot do, and what to do instead.
 *
 * @param what   the part, e.g. {@code compression}
 * @param reason why, and the alternative, e.g. the library's own retention through {@code drop_chunks}
 */
public record Unsupported(String what, String reason) {

    @Override
    public String toString() {
        return what + ": " + reason;
    }
}
