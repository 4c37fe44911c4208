package org.nbparity.harness.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys and signatures with the JDK's own provider (what {@link Dsse} signs with). Key files are PEM, the
 * formats openssl uses: the private key is PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the
 * public key X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). {@code nbparity
 * keygen FILE} writes FILE (mode 600) and FILE.pub. A signature is the base64 of the raw
 * 64-byte Ed25519 signature (as a DSSE envelope's {@code sig}).
 */
public final class Signer {
    private static final String ALG = "Ed25519";

    private Signer() {
    }

    /** Writes a new key pair: {@code priv} (owner-only) and {@code priv + ".pub"}; refuses to overwrite. */
    public static void keygen(Path priv) throws IOException, GeneralSecurityException {
        Path pub = Path.of(priv + ".pub");
        if (Files.exists(priv) || Files.exists(pub)) {
            throw new IOException("refusing to overwrite existing key file " + (Files.exists(priv) ? priv : pub));
        }
        KeyPair kp = KeyPairGenerator.getInstance(ALG).generateKeyPair();
        Path tmp = Files.createTempFile(priv.toAbsolutePath().getParent(), ".key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to do
        }
        Files.writeString(tmp, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.move(tmp, priv);
        Files.writeString(pub, publicPem(kp.getPublic()));
    }

    /** PEM text of a public key. */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Reads a PEM private key. */
    public static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALG).generatePrivate(new PKCS8EncodedKeySpec(unpem(file, "PRIVATE KEY")));
    }

    /** Reads a PEM public key. */
    public static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
        return readPublic(Files.readString(file), file.toString());
    }

    /** Parses PEM public key text. */
    public static PublicKey readPublic(String text, String where) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALG).generatePublic(new X509EncodedKeySpec(unpem(text, "PUBLIC KEY", where)));
    }

    /** Derives the public key of a private key by signing nothing: reads the sibling .pub file. */
    public static PublicKey publicFor(Path privFile) throws IOException, GeneralSecurityException {
        Path pub = Path.of(privFile + ".pub");
        if (!Files.isRegularFile(pub)) {
            throw new IOException("public key " + pub + " not found next to the signing key");
        }
        return readPublic(pub);
    }

    /** Base64 Ed25519 signature of {@code data}. */
    public static String sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALG);
        s.initSign(key);
        s.update(data);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** True when {@code sigBase64} is a valid signature of {@code data} by {@code key}. */
    public static boolean verify(PublicKey key, byte[] data, String sigBase64) {
        try {
            Signature s = Signature.getInstance(ALG);
            s.initVerify(key);
            s.update(data);
            return s.verify(Base64.getDecoder().decode(sigBase64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 of the encoded public key: the key's fingerprint in reports. */
    public static String fingerprint(PublicKey key) {
        return org.nbparity.harness.cases.Canonical.sha256(key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file, String type) throws IOException {
        return unpem(Files.readString(file), type, file.toString());
    }

    private static byte[] unpem(String text, String type, String where) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException(where + " is not a PEM " + type.toLowerCase() + " file");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IOException(where + ": bad base64 in PEM", ex);
        }
    }
}
