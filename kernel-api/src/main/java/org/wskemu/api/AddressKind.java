package org.wskemu.api;

/** Whether a local transport address is the wildcard ({@code 0.0.0.0}, {@code ::}) or specific. */
public enum AddressKind {
    WILDCARD("W"),
    SPECIFIC("S");

    private final String letter;

    AddressKind(String letter) {
        this.letter = letter;
    }

    /** {@code W} or {@code S}, as the sharing table abbreviates it. */
    public String letter() {
        return letter;
    }
}
