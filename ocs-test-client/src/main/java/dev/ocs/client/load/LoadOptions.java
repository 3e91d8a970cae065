package dev.ocs.client.load;

import dev.ocs.client.sim.SessionShape;

import java.time.Duration;

/**
 * One load run.
 *
 * @param subscribers  simulated subscribers: account {@code accountPrefix + i}, MSISDN {@code firstMsisdn + i}
 * @param sessions     concurrent sessions (each runs its sessions one after another, over its share of subscribers)
 * @param rate         target CCR/s, open loop
 * @param duration     how long requests are scheduled, warm-up included
 * @param maxRequests  stop scheduling after this many requests ({@code Long.MAX_VALUE}: by duration only)
 * @param warmup       the first part of the run, left out of the latency figures
 * @param timeout      a request unanswered this long counts as an error
 */
public record LoadOptions(String host, int port, int connections, String originHost, String realm, long firstMsisdn,
                          int subscribers, String accountPrefix, int sessions, long rate, SessionShape shape,
                          Duration duration, long maxRequests, Duration warmup, Duration timeout) {

    public LoadOptions {
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections must be 1..64");
        }
        if (subscribers < 1 || sessions < 1) {
            throw new IllegalArgumentException("subscribers and sessions must be >= 1");
        }
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be >= 1 CCR/s");
        }
        if (!warmup.isNegative() && warmup.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("warm-up " + warmup + " must be shorter than the duration " + duration);
        }
        if (maxRequests < 1 || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("max requests must be >= 1 and the timeout > 0");
        }
    }
}
