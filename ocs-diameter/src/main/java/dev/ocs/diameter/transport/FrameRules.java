package dev.ocs.diameter.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a gateway connection enforces before any message reaches jdiameter's parser.
 *
 * @param maxMessageBytes   the largest message accepted; a longer one closes the connection
 * @param cerDeadlineMillis a connection whose first complete message has not arrived by then is closed
 * @param originHost        our Origin-Host, for the error answers the transport writes itself
 * @param originRealm       our Origin-Realm
 */
public record FrameRules(int maxMessageBytes, long cerDeadlineMillis, String originHost, String originRealm) {

    /** 64 KiB: a CCR with dozens of MSCCs is a few KiB; megabytes are an attack, not traffic. */
    public static final int MAX_MESSAGE_BYTES_DEFAULT = 64 * 1024;
    /** 5 s to send a CER: a gateway sends it at once; a silent connection only holds resources. */
    public static final long CER_DEADLINE_MILLIS_DEFAULT = 5_000;

    /** jdiameter builds the network guard by class name: the server leaves the rules here, by port, first. */
    private static final Map<Integer, FrameRules> BY_PORT = new ConcurrentHashMap<>();

    public static FrameRules defaults() {
        return new FrameRules(MAX_MESSAGE_BYTES_DEFAULT, CER_DEADLINE_MILLIS_DEFAULT, "ocs.localdomain", "localdomain");
    }

    public static void register(int port, FrameRules rules) {
        BY_PORT.put(port, rules);
    }

    public static FrameRules forPort(int port) {
        return BY_PORT.getOrDefault(port, defaults());
    }
}
