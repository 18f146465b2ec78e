package dev.regbench.reports.claims;

/** The ledger's verdict on a claim. Immutable; thread-safe. */
public enum ClaimStatus {
    CONFIRMED("confirmed"),
    REFUTED("refuted"),
    DEPENDS("depends"),
    /** Measured, but the interval straddles a threshold (or there is no interval): no verdict. */
    INCONCLUSIVE("inconclusive"),
    NOT_MEASURED("not measured yet");

    private final String label;

    ClaimStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** CSS class / anchor friendly name. */
    public String css() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
