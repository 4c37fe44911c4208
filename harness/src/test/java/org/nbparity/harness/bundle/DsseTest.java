package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DSSE envelope API others reuse: PAE, sign into a file, verify against trusted keys. */
class DsseTest {
    @TempDir
    Path tmp;

    @Test
    void paeIsTheDsseV1Encoding() {
        // the DSSE spec's example
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void signAndVerifyAgainstTrustedKeysOnly() throws Exception {
        Path k1 = tmp.resolve("a.pem");
        Path k2 = tmp.resolve("b.pem");
        Signer.keygen(k1);
        Signer.keygen(k2);
        PrivateKey priv = Signer.readPrivate(k1);
        PublicKey pub = Signer.publicFor(k1);
        ObjectNode pred = Canonical.MAPPER.createObjectNode().put("x", 1);
        ObjectNode st = Dsse.statement(Map.of("f.txt", "ab".repeat(32)), "https://example.org/p/v1", pred);
        Path env = Dsse.sign(st, priv, pub, tmp.resolve("e/s.dsse.json"));
        assertThrows(java.io.IOException.class, () -> Dsse.sign(st, priv, pub, env), "never overwrites");

        Dsse.Checked ok = Dsse.verify(env, TrustedKeys.read(Path.of(k1 + ".pub")), null);
        assertEquals(Trust.VERIFIED, ok.trust(), ok.detail());
        assertEquals(Signer.fingerprint(pub), ok.trustedKeyId());
        assertEquals(st, ok.statement());
        assertEquals(Canonical.sha256(Canonical.bytes(st)), ok.statementSha256());

        Dsse.Checked unknown = Dsse.verify(env, TrustedKeys.read(Path.of(k2 + ".pub")), pub);
        assertEquals(Trust.UNTRUSTED, unknown.trust());
        assertTrue(unknown.detail().startsWith("valid Ed25519 signature by key "), unknown.detail());
        assertEquals(Trust.UNTRUSTED, Dsse.verify(env, TrustedKeys.none(), null).trust());
        assertNull(unknown.trustedKeyId());

        // a signature over another statement, under the trusted key's id: FAILED
        ObjectNode other = Dsse.envelope(Dsse.statement(Map.of(), "https://example.org/p/v1", pred), priv, pub);
        ObjectNode swapped = (ObjectNode) Canonical.read(env);
        swapped.set("signatures", other.get("signatures"));
        Path bad = tmp.resolve("bad.dsse.json");
        Files.write(bad, Canonical.bytes(swapped));
        assertEquals(Trust.FAILED, Dsse.verify(bad, TrustedKeys.read(Path.of(k1 + ".pub")), null).trust());

        Path unsigned = Dsse.sign(st, null, null, tmp.resolve("u.dsse.json"));
        assertEquals(Trust.UNSIGNED, Dsse.verify(unsigned, TrustedKeys.read(Path.of(k1 + ".pub")), null).trust());
    }

    @Test
    void trustedKeysComeFromConcatenatedPemOrTheEnvironment() throws Exception {
        Path k1 = tmp.resolve("a.pem");
        Path k2 = tmp.resolve("b.pem");
        Signer.keygen(k1);
        Signer.keygen(k2);
        String both = Files.readString(Path.of(k1 + ".pub")) + Files.readString(Path.of(k2 + ".pub"));
        Path f = tmp.resolve("trusted.pem");
        Files.writeString(f, both);
        assertEquals(2, TrustedKeys.read(f).size());
        assertEquals(2, TrustedKeys.fromEnvironment(Map.of(TrustedKeys.ENV, f.toString())).size());
        assertEquals(2, TrustedKeys.fromEnvironment(Map.of(TrustedKeys.ENV, both)).size());
        assertEquals(0, TrustedKeys.fromEnvironment(Map.of()).size());
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> TrustedKeys.parse("nothing", "x.pem"));
        assertEquals("x.pem holds no PEM public key", e.getMessage());
    }

    @Test
    void trustOrder() {
        assertEquals(Trust.FAILED, Trust.UNTRUSTED.worst(Trust.FAILED));
        assertEquals(Trust.UNTRUSTED, Trust.UNSIGNED.worst(Trust.UNTRUSTED));
        assertEquals(Trust.UNSIGNED, Trust.VERIFIED.worst(Trust.UNSIGNED));
        assertEquals(java.util.Set.of(0, 1, 4, 5), java.util.Arrays.stream(Trust.values()).map(Trust::exitCode)
                .collect(java.util.stream.Collectors.toSet()));
    }
}
