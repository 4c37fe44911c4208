package org.nbparity.harness.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Ed25519 public keys a verifier trusts, by key id (the sha256 fingerprint of the encoded
 * key, {@link Signer#fingerprint}). Read from one file of concatenated PEM public keys, as
 * {@code nbparity keygen} writes them ({@code cat alice.pem.pub bob.pem.pub > trusted.pem}), or
 * from {@code NBPARITY_TRUSTED_KEYS} (such a file's path, or the PEM text itself). Nothing found
 * inside a bundle ever gets in here.
 */
public final class TrustedKeys {
    /** The environment variable naming the trusted keys. */
    public static final String ENV = "NBPARITY_TRUSTED_KEYS";
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** No trusted key: every signature is at best UNTRUSTED. */
    public static TrustedKeys none() {
        return new TrustedKeys(new LinkedHashMap<>());
    }

    /** The keys of a file of one or more concatenated PEM public keys. */
    public static TrustedKeys read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("trusted keys file not found: " + file);
        }
        return parse(Files.readString(file), file.toString());
    }

    /** {@code NBPARITY_TRUSTED_KEYS} of {@code env}: a file path or PEM text; none when unset or blank. */
    public static TrustedKeys fromEnvironment(Map<String, String> env) throws IOException {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return none();
        }
        return v.contains(BEGIN) ? parse(v, ENV) : read(Path.of(v.strip()));
    }

    /** Parses concatenated PEM public keys; {@code where} names the source in errors. */
    public static TrustedKeys parse(String text, String where) throws IOException {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        int from = 0;
        for (int b; (b = text.indexOf(BEGIN, from)) >= 0; ) {
            int e = text.indexOf(END, b);
            if (e < 0) {
                throw new IOException(where + ": PEM public key without its END line");
            }
            try {
                PublicKey k = Signer.readPublic(text.substring(b, e + END.length()), where);
                m.put(Signer.fingerprint(k), k);
            } catch (GeneralSecurityException ex) {
                throw new IOException(where + ": not an Ed25519 public key: " + ex.getMessage(), ex);
            }
            from = e + END.length();
        }
        if (m.isEmpty()) {
            throw new IOException(where + " holds no PEM public key");
        }
        return new TrustedKeys(m);
    }

    /** The trusted key with this id, or null. */
    public PublicKey get(String keyId) {
        return byId.get(keyId);
    }

    /** Key id -> key, in file order. */
    public Map<String, PublicKey> byId() {
        return byId;
    }

    /** How many keys are trusted. */
    public int size() {
        return byId.size();
    }
}
