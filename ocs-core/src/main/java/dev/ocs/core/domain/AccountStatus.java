package dev.ocs.core.domain;

/** Whether an account may be charged at all. A barred account gets no quota. */
public enum AccountStatus {
    ACTIVE, BARRED
}
