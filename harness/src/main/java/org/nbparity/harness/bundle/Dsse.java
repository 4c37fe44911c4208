package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signed in-toto statements in the standard DSSE envelope: the one place nbparity signs and
 * checks anything. Reusable by any command that attests something (a run's bundle, a sign-off,
 * a campaign):
 * <ul>
 *   <li>{@link #statement} builds an in-toto Statement v1 (subjects by sha256, a predicate type
 *       and a predicate);</li>
 *   <li>{@link #sign(JsonNode, PrivateKey, PublicKey, Path)} signs it into a new envelope file
 *       (never overwriting; with a null key the envelope has no signature: an UNSIGNED
 *       attestation);</li>
 *   <li>{@link #verify(Path, TrustedKeys, PublicKey)} checks an envelope file against the
 *       trusted keys and returns the statement with its {@link Trust}.</li>
 * </ul>
 * Envelope: {@code {"payloadType": "application/vnd.in-toto+json", "payload": base64(statement),
 * "signatures": [{"keyid": sha256 of the key's X.509 encoding, "sig": base64(Ed25519(PAE))}]}},
 * PAE = {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload} (lengths in decimal
 * bytes). The payload is the statement's canonical JSON ({@link Canonical}); the envelope file is
 * canonical JSON too. openssl checks a signature with {@code openssl pkeyutl -verify -pubin -inkey
 * KEY.pub -rawin -in PAE -sigfile SIG} (see harness/README.md).
 */
public final class Dsse {
    /** DSSE payload type of an in-toto statement. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    /** in-toto Statement v1. */
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

    private Dsse() {
    }

    /**
     * A checked envelope.
     *
     * @param trust     VERIFIED (a signature by a trusted key verifies), UNSIGNED (no signature),
     *                  UNTRUSTED (signed, by no trusted key; {@code detail} says whether the
     *                  signature was valid under the untrusted key offered), FAILED (malformed,
     *                  wrong payload type, or a signature that does not verify)
     * @param statement the statement (null when the envelope could not be read)
     * @param statementSha256 sha256 of the payload bytes: the digest of the statement signed
     * @param keyIds    the key ids of the signatures, in order
     * @param trustedKeyId the trusted key whose signature verified (null unless VERIFIED)
     * @param detail    one line on the signature
     */
    public record Checked(Trust trust, JsonNode statement, String statementSha256, List<String> keyIds,
                          String trustedKeyId, String detail) {
    }

    /** An in-toto Statement v1 with the given subjects (name -> sha256, in map order). */
    public static ObjectNode statement(Map<String, String> subjects, String predicateType, JsonNode predicate) {
        ObjectNode st = Canonical.MAPPER.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        ArrayNode subj = st.putArray("subject");
        subjects.forEach((f, h) -> subj.addObject().put("name", f).putObject("digest").put("sha256", h));
        st.put("predicateType", predicateType);
        st.set("predicate", predicate);
        return st;
    }

    /** The subjects of a statement, name -> sha256 (in statement order). */
    public static Map<String, String> subjects(JsonNode statement) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (JsonNode s : statement.path("subject")) {
            m.put(s.path("name").asText(), s.path("digest").path("sha256").asText());
        }
        return m;
    }

    /** DSSE v1 pre-authentication encoding: what is signed. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** The envelope of {@code statement}, signed by {@code key} (its public key {@code pub}), or unsigned when key is null. */
    public static ObjectNode envelope(JsonNode statement, PrivateKey key, PublicKey pub) throws GeneralSecurityException {
        byte[] payload = Canonical.bytes(statement);
        ObjectNode env = Canonical.MAPPER.createObjectNode();
        env.put("payloadType", PAYLOAD_TYPE);
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode sigs = env.putArray("signatures");
        if (key != null) {
            sigs.addObject().put("keyid", Signer.fingerprint(pub)).put("sig", Signer.sign(key, pae(PAYLOAD_TYPE, payload)));
        }
        return env;
    }

    /**
     * Signs {@code statement} into a new envelope file (made read-only). The file is written to a
     * temporary name and linked into place, so it appears whole or not at all, and an existing
     * file is never replaced.
     *
     * @param key null for an unsigned envelope
     * @return {@code file}
     */
    public static Path sign(JsonNode statement, PrivateKey key, PublicKey pub, Path file)
            throws IOException, GeneralSecurityException {
        return writeNew(file, Canonical.bytes(envelope(statement, key, pub)));
    }

    /** Writes {@code data} as a new read-only file: temp file, then a hard link (fails if {@code file} exists). */
    static Path writeNew(Path file, byte[] data) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".dsse", ".tmp");
        try {
            Files.write(tmp, data);
            tmp.toFile().setWritable(false, false);
            try {
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new IOException("not overwriting " + file);
            } catch (UnsupportedOperationException e) {
                if (Files.exists(file)) {
                    throw new IOException("not overwriting " + file);
                }
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Checks an envelope file: its payload type, its statement, and each signature against the
     * trusted keys. A signature by no trusted key is checked against {@code untrusted} when given
     * (e.g. the signer key a bundle carries), only to tell a valid-but-untrusted signature from a
     * broken one; it never makes the result VERIFIED.
     */
    public static Checked verify(Path file, TrustedKeys trusted, PublicKey untrusted) {
        JsonNode env;
        byte[] payload;
        JsonNode statement;
        try {
            env = Canonical.read(file);
            if (!PAYLOAD_TYPE.equals(env.path("payloadType").asText())) {
                return failed("payloadType is not " + PAYLOAD_TYPE);
            }
            payload = Base64.getDecoder().decode(env.path("payload").asText());
            statement = Canonical.MAPPER.readTree(payload);
        } catch (IOException | IllegalArgumentException e) {
            return failed("not a DSSE envelope: " + e.getMessage());
        }
        if (!STATEMENT_TYPE.equals(statement.path("_type").asText())) {
            return new Checked(Trust.FAILED, statement, Canonical.sha256(payload), List.of(), null,
                    "payload is not an in-toto Statement v1");
        }
        String digest = Canonical.sha256(payload);
        byte[] pae = pae(PAYLOAD_TYPE, payload);
        List<String> ids = new ArrayList<>();
        JsonNode sigs = env.path("signatures");
        if (sigs.isEmpty()) {
            return new Checked(Trust.UNSIGNED, statement, digest, ids, null, "no signature");
        }
        String unchecked = null;
        String validUntrusted = null;
        for (JsonNode s : sigs) {
            String id = s.path("keyid").asText();
            String sig = s.path("sig").asText();
            ids.add(id);
            PublicKey k = trusted.get(id);
            if (k != null) {
                if (!Signer.verify(k, pae, sig)) {
                    return new Checked(Trust.FAILED, statement, digest, ids, null,
                            "signature by trusted key " + id + " does not verify");
                }
                return new Checked(Trust.VERIFIED, statement, digest, ids, id, "valid Ed25519 signature, trusted key " + id);
            }
            if (untrusted != null && Signer.fingerprint(untrusted).equals(id)) {
                if (!Signer.verify(untrusted, pae, sig)) {
                    return new Checked(Trust.FAILED, statement, digest, ids, null, "signature by key " + id + " does not verify");
                }
                validUntrusted = id;
            } else {
                unchecked = id;
            }
        }
        return new Checked(Trust.UNTRUSTED, statement, digest, ids, null, validUntrusted != null
                ? "valid Ed25519 signature by key " + validUntrusted + ", which is not trusted"
                : "signed by key " + unchecked + ", which is not trusted (signature not checked)");
    }

    private static Checked failed(String why) {
        return new Checked(Trust.FAILED, null, null, List.of(), null, why);
    }
}
