package dev.ocs.core.management;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * An operation that reads every account (or every CDR) runs once at a time: a second caller is
 * refused at once with a message instead of doubling the memory and CPU the first one takes.
 */
final class OneAtATime {

    private final String operation;
    private final Semaphore running = new Semaphore(1);

    OneAtATime(String operation) {
        this.operation = operation;
    }

    <T> T run(Supplier<T> work) {
        if (!running.tryAcquire()) {
            throw new IllegalStateException(operation + " is already running (one at a time: it reads every account); "
                    + "nothing was done, try again when it has finished");
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
