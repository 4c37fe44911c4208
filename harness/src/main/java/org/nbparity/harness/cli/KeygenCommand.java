package org.nbparity.harness.cli;

import org.nbparity.harness.bundle.Signer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nbparity keygen FILE}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write a new Ed25519 key pair: FILE (PKCS#8 PEM private key, mode 600) and FILE.pub (X.509 PEM public key).")
final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        Signer.keygen(file.toAbsolutePath());
        spec.commandLine().getOut().println("wrote " + file + " and " + file + ".pub (fingerprint "
                + Signer.fingerprint(Signer.readPublic(Path.of(file + ".pub"))) + ")");
        return 0;
    }
}
