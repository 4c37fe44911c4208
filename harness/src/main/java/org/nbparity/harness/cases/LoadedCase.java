package org.nbparity.harness.cases;

import java.nio.file.Path;

/**
 * A case as loaded: the bound record, its canonical text, and its identity.
 *
 * @param data      the case
 * @param canonical canonical JSON text (what goes into a bundle as {@code case.json})
 * @param sha256    SHA-256 of the canonical text
 * @param file      where it was read from
 */
public record LoadedCase(ParityCase data, String canonical, String sha256, Path file) {
    /** First 8 hex digits of the hash, used in bundle names. */
    public String hash8() {
        return sha256.substring(0, 8);
    }

    /** Case id. */
    public String id() {
        return data.id();
    }
}
