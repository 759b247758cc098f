package org.wskemu.api;

/** Whether a local transport address is the wildcard ({@code 0.0.0.0}, {@code ::}) or specific. */
public enum AddressKind {
    /** {@code 0.0.0.0} or {@code ::}: every local address. */
    WILDCARD("W"),
    /** One local address. */
    SPECIFIC("S");

    private final String letter;

    AddressKind(String letter) {
        this.letter = letter;
    }

    /** {@return {@code W} or {@code S}, as the sharing table abbreviates it} */
    public String letter() {
        return letter;
    }
}
