package dev.ocs.core.rules;

import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.List;

/**
 * A credit-control session as the account holds it: the fields of {@link SessionState}, changed in
 * place on the account's partition thread. The last answer is kept as numbers (status, free money, and
 * per rating group: status, octets, validity, final units, cost) and made into a {@link ChargingResult}
 * again only to answer a retransmission, so a charge stores no new object into an account that has
 * lived through a young collection. A slot is taken when its session opens and given back to its
 * thread's {@link SlotPool} when the account forgets the session, to be set to another session; rating
 * groups of a session are slots of their own ({@link ServiceSlot}), given back when the session closes.
 */
public final class SessionSlot {

    private static final ResultStatus[] RESULT_STATUSES = ResultStatus.values();
    private static final ServiceStatus[] SERVICE_STATUSES = ServiceStatus.values();
    private static final ServiceSlot[] NO_SERVICES = new ServiceSlot[0];
    private static final long[] NO_ANSWERS = new long[0];
    /** Longs per rating group of the last answer: group, service id, status, octets, validity, final units, cost. */
    private static final int ANSWER_STRIDE = 7;

    private String sessionId;
    private String gatewayHost;
    private String gatewayRealm;
    long requestNumber;
    long expiresAt;
    long closedAt;
    ServiceSlot[] services = NO_SERVICES;
    int serviceCount;
    private int answerStatus = ResultStatus.SUCCESS.ordinal();
    private String answerDetail = "";
    private long answerFreeMoney;
    private long[] answers = NO_ANSWERS;
    private int answerCount;

    SessionSlot(String sessionId, long requestNumber, long expiresAt, long closedAt, String gatewayHost,
                String gatewayRealm) {
        reopen(sessionId, requestNumber, expiresAt, closedAt, gatewayHost, gatewayRealm);
    }

    /** Becomes a new session's slot: every field as a new slot has it; its arrays stay. */
    void reopen(String sessionId, long requestNumber, long expiresAt, long closedAt, String gatewayHost,
                String gatewayRealm) {
        this.sessionId = sessionId;
        this.requestNumber = requestNumber;
        this.expiresAt = expiresAt;
        this.closedAt = closedAt;
        this.gatewayHost = gatewayHost == null ? "" : gatewayHost;
        this.gatewayRealm = gatewayRealm == null ? "" : gatewayRealm;
        serviceCount = 0;
        answerStatus = ResultStatus.SUCCESS.ordinal();
        answerDetail = "";
        answerFreeMoney = 0;
        answerCount = 0;
    }

    /** No account holds it any more (it waits in a pool): lets go of its session's strings. */
    void forget() {
        reopen("", 0, 0, 0, "", "");
    }

    static SessionSlot of(SessionState s) {
        SessionSlot slot = new SessionSlot(s.sessionId(), s.requestNumber(), s.expiresAt(), s.closedAt(),
                s.gatewayHost(), s.gatewayRealm());
        for (ServiceSession ss : s.services()) {
            slot.add(ServiceSlot.of(ss));
        }
        slot.answered(s.lastResult());
        return slot;
    }

    /** The immutable value of this session now. */
    SessionState value() {
        List<ServiceSession> list = new ArrayList<>(serviceCount);
        for (int i = 0; i < serviceCount; i++) {
            list.add(services[i].value());
        }
        return new SessionState(sessionId, requestNumber, lastResult(), list, expiresAt, closedAt, gatewayHost,
                gatewayRealm);
    }

    // ---- reading ---------------------------------------------------------------------------------

    public String sessionId() {
        return sessionId;
    }

    public String gatewayHost() {
        return gatewayHost;
    }

    public String gatewayRealm() {
        return gatewayRealm;
    }

    public long requestNumber() {
        return requestNumber;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public long closedAt() {
        return closedAt;
    }

    public boolean closed() {
        return closedAt > 0;
    }

    public int serviceCount() {
        return serviceCount;
    }

    public ServiceSlot service(int i) {
        return services[i];
    }

    /** The last answer, made again (a retransmission is answered alike). */
    public ChargingResult lastResult() {
        List<ServiceResult> results = new ArrayList<>(answerCount);
        for (int i = 0; i < answerCount; i++) {
            int at = i * ANSWER_STRIDE;
            results.add(new ServiceResult(answers[at], answers[at + 1], SERVICE_STATUSES[(int) answers[at + 2]],
                    answers[at + 3], answers[at + 4], answers[at + 5] != 0, answers[at + 6]));
        }
        return new ChargingResult(RESULT_STATUSES[answerStatus], answerDetail, results, answerFreeMoney);
    }

    // the last answer field by field, for an encoder (AccountCodec) that must not make objects

    public ResultStatus answerStatus() {
        return RESULT_STATUSES[answerStatus];
    }

    public String answerDetail() {
        return answerDetail;
    }

    public long answerFreeMoney() {
        return answerFreeMoney;
    }

    public int answerCount() {
        return answerCount;
    }

    /** Hands each rating group's part of the last answer to {@code visitor}, in the answer's order. */
    public void forEachAnswer(AnswerVisitor visitor) {
        for (int i = 0; i < answerCount; i++) {
            int at = i * ANSWER_STRIDE;
            visitor.service(answers[at], answers[at + 1], SERVICE_STATUSES[(int) answers[at + 2]], answers[at + 3],
                    answers[at + 4], answers[at + 5] != 0, answers[at + 6]);
        }
    }

    /** One rating group's part of an answer (the fields of {@link ServiceResult}). */
    @FunctionalInterface
    public interface AnswerVisitor {
        void service(long ratingGroup, long serviceId, ServiceStatus status, long grantedBytes, long validitySeconds,
                     boolean finalUnits, long cost);
    }

    ServiceSlot service(long ratingGroup) {
        for (int i = 0; i < serviceCount; i++) {
            if (services[i].ratingGroup == ratingGroup) {
                return services[i];
            }
        }
        return null;
    }

    long moneyHeld() {
        long sum = 0;
        for (int i = 0; i < serviceCount; i++) {
            sum += services[i].moneyHeld;
        }
        return sum;
    }

    long grantedBytes() {
        long sum = 0;
        for (int i = 0; i < serviceCount; i++) {
            sum += services[i].grantedBytes;
        }
        return sum;
    }

    long heldFrom(long bucketId) {
        long sum = 0;
        for (int i = 0; i < serviceCount; i++) {
            sum += services[i].heldFrom(bucketId);
        }
        return sum;
    }

    // ---- changing (the account's partition thread, inside AccountState#change) ---------------------

    void add(ServiceSlot service) {
        if (serviceCount == services.length) {
            services = java.util.Arrays.copyOf(services, Math.max(2, 2 * services.length));
        }
        services[serviceCount++] = service;
    }

    /** A new rating group of this session, in a slot from the thread's pool (or a new one). */
    ServiceSlot addService(long ratingGroup, long serviceId) {
        ServiceSlot service = SlotPool.current().service(ratingGroup, serviceId);
        add(service);
        return service;
    }

    /** Keeps {@code r} as the last answer, as numbers (the answer object itself is not kept). */
    void answered(ChargingResult r) {
        answerStatus = r.status().ordinal();
        if (!answerDetail.equals(r.detail())) {
            answerDetail = r.detail(); // only when it differs: "" in almost every answer, no store at all then
        }
        answerFreeMoney = r.freeMoney();
        List<ServiceResult> results = r.services();
        if (answers.length < results.size() * ANSWER_STRIDE) {
            answers = new long[results.size() * ANSWER_STRIDE];
        }
        for (int i = 0; i < results.size(); i++) {
            ServiceResult s = results.get(i);
            int at = i * ANSWER_STRIDE;
            answers[at] = s.ratingGroup();
            answers[at + 1] = s.serviceId();
            answers[at + 2] = s.status().ordinal();
            answers[at + 3] = s.grantedBytes();
            answers[at + 4] = s.validitySeconds();
            answers[at + 5] = s.finalUnits() ? 1 : 0;
            answers[at + 6] = s.cost();
        }
        answerCount = results.size();
    }

    /**
     * Ends the session: nothing held any more, only its last answer kept (for retransmissions). Its
     * rating-group slots leave it (a closed session may stay in its account for long, as small as before
     * slots were reused): inside a change of the account, they go to the thread's pool once the change
     * has succeeded.
     */
    void close(long now) {
        AccountState.Checkpoint cp = AccountState.Checkpoint.CURRENT.get();
        for (int i = 0; i < serviceCount; i++) {
            if (cp.changing()) {
                cp.forgot(services[i]);
            }
            services[i] = null;
        }
        serviceCount = 0;
        closedAt = now;
    }

    /** Copies every field into {@code copy}, and each service's into the next copies of {@code serviceCopies}. */
    void saveTo(SessionSlot copy, ServiceCopies serviceCopies) {
        copy.requestNumber = requestNumber;
        copy.expiresAt = expiresAt;
        copy.closedAt = closedAt;
        if (copy.services.length < serviceCount) {
            copy.services = new ServiceSlot[services.length];
        }
        for (int i = 0; i < copy.services.length; i++) {
            copy.services[i] = i < serviceCount ? services[i] : null; // the identities: a restore puts them back
        }
        copy.serviceCount = serviceCount;
        copy.answerStatus = answerStatus;
        copy.answerDetail = answerDetail;
        copy.answerFreeMoney = answerFreeMoney;
        if (copy.answers.length < answerCount * ANSWER_STRIDE) {
            copy.answers = new long[answers.length];
        }
        System.arraycopy(answers, 0, copy.answers, 0, answerCount * ANSWER_STRIDE);
        copy.answerCount = answerCount;
        for (int i = 0; i < serviceCount; i++) {
            serviceCopies.next().copyFrom(services[i]);
        }
    }

    /** Takes back what {@link #saveTo} copied, in the same order. */
    void restoreFrom(SessionSlot copy, ServiceCopies serviceCopies) {
        requestNumber = copy.requestNumber;
        expiresAt = copy.expiresAt;
        closedAt = copy.closedAt;
        if (services.length < copy.serviceCount) {
            services = new ServiceSlot[copy.services.length];
        }
        for (int i = 0; i < services.length; i++) {
            services[i] = i < copy.serviceCount ? copy.services[i] : null;
        }
        serviceCount = copy.serviceCount;
        answerStatus = copy.answerStatus;
        answerDetail = copy.answerDetail;
        answerFreeMoney = copy.answerFreeMoney;
        if (answers.length < copy.answerCount * ANSWER_STRIDE) {
            answers = new long[copy.answers.length];
        }
        System.arraycopy(copy.answers, 0, answers, 0, copy.answerCount * ANSWER_STRIDE);
        answerCount = copy.answerCount;
        for (int i = 0; i < serviceCount; i++) {
            services[i].copyFrom(serviceCopies.next());
        }
    }

    /** A copy to save into (a checkpoint's, reused). */
    static SessionSlot blank() {
        return new SessionSlot("", 0, 0, 0, "", "");
    }

    /** Service copies handed out in order (a checkpoint's, reused between changes). */
    static final class ServiceCopies {
        private ServiceSlot[] copies = new ServiceSlot[4];
        private int next;

        void rewind() {
            next = 0;
        }

        ServiceSlot next() {
            if (next == copies.length) {
                copies = java.util.Arrays.copyOf(copies, 2 * copies.length);
            }
            ServiceSlot c = copies[next];
            if (c == null) {
                c = copies[next] = new ServiceSlot(0, 0);
            }
            next++;
            return c;
        }
    }
}
