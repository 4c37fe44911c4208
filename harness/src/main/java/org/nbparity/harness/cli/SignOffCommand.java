package org.nbparity.harness.cli;

import org.nbparity.harness.bundle.Attestations;
import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.IndexPage;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.bundle.Trust;
import org.nbparity.harness.bundle.TrustedKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code nbparity sign-off BUNDLE --key KEY --as NAME}: a reviewer's signed decision, added as a new file. */
@Command(name = "sign-off", mixinStandardHelpOptions = true,
        description = "Add a reviewer's sign-off to a bundle: a DSSE attestation (reviewer, time, digests of the statements "
                + "reviewed, decision, note) in a new file under attestations/sign-offs/; no earlier file is touched. "
                + "The bundle must first pass verification (anything but FAILED).",
        footer = "%nExit: 0 signed off, 1 the bundle FAILED verification (nothing written), 2 usage, 3 unreadable bundle or key.")
final class SignOffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "the reviewer's private key (keygen; KEY.pub beside it)")
    Path key;

    @Option(names = "--as", required = true, paramLabel = "NAME", description = "the reviewer's name")
    String name;

    @Option(names = "--note", paramLabel = "TEXT", description = "free text")
    String note = "";

    @Option(names = "--decision", paramLabel = "D", description = "approved (default) or rejected")
    String decision = "approved";

    @Override
    public Integer call() throws Exception {
        if (!decision.equals("approved") && !decision.equals("rejected")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision must be approved or rejected");
        }
        if (name.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as must name the reviewer");
        }
        if (!Files.isDirectory(bundle)) {
            throw new EnvironmentException("bundle not found: " + bundle);
        }
        PrivateKey priv;
        PublicKey pub;
        try {
            priv = Signer.readPrivate(key);
            pub = Signer.publicFor(key);
        } catch (Exception e) {
            throw new EnvironmentException("cannot use key " + key + ": " + e.getMessage());
        }
        BundleVerifier.Report r = BundleVerifier.verify(bundle, TrustedKeys.none(), 0);
        if (r.trust() == Trust.FAILED) {
            r.problems().forEach(p -> spec.commandLine().getErr().println("FAILED: " + p));
            spec.commandLine().getErr().println("nbparity: " + bundle + " FAILED verification: not signed off");
            return NbParity.FAIL;
        }
        Path f = Attestations.signOff(bundle.toAbsolutePath(), priv, pub, name, decision, note, Instant.now());
        Path reports = bundle.toAbsolutePath().getParent();
        if (Files.isRegularFile(reports.resolve("index.html"))) {
            IndexPage.write(reports);
        }
        spec.commandLine().getOut().println("signed off " + bundle.getFileName() + " as " + name + " (" + decision
                + ", key " + Signer.fingerprint(pub) + "): " + bundle.toAbsolutePath().relativize(f));
        return 0;
    }
}
