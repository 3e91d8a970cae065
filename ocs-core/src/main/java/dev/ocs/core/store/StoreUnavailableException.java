package dev.ocs.core.store;

/** The durable store cannot be read or written now (the database is unreachable, the disk is full, ...). */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
