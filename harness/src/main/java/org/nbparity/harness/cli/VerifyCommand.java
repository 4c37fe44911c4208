package org.nbparity.harness.cli;

import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.campaign.CampaignVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

/** {@code nbparity verify BUNDLE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash a bundle, check its signature, and recompute its verdict from the stored images, case and thresholds; "
                + "a campaign folder: its signed statement, then every bundle.",
        footer = "%nExit: 0 verified, 1 verification failed, 3 not a readable bundle.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "a bundle, or a merged campaign folder")
    Path bundle;

    @Option(names = "--pub-key", paramLabel = "FILE", description = "trusted Ed25519 public key (PEM); default: the bundle's signer.pub")
    Path pubKey;

    @Option(names = "--require-signature", description = "fail when the bundle is not signed")
    boolean requireSig;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(bundle)) {
            throw new EnvironmentException("bundle not found: " + bundle);
        }
        PublicKey key = null;
        if (pubKey != null) {
            try {
                key = Signer.readPublic(pubKey);
            } catch (Exception e) {
                throw new EnvironmentException("cannot read public key " + pubKey + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (CampaignVerifier.isCampaign(bundle)) { // a campaign folder (issue 16): its statement, then every bundle
            CampaignVerifier.Report c = CampaignVerifier.verify(bundle, key, requireSig || pubKey != null);
            c.problems().forEach(p -> out.println("FAILED: " + p));
            c.notes().forEach(n -> out.println("ok: " + n));
            out.println(c.ok() ? "VERIFIED campaign " + bundle.getFileName() + " (" + c.counts() + ")"
                    : "NOT VERIFIED campaign " + bundle.getFileName());
            return c.ok() ? 0 : NbParity.FAIL;
        }
        BundleVerifier.Report r = BundleVerifier.verify(bundle, key, requireSig || pubKey != null);
        // failures first; an "ok" line only for a check that passed
        r.problems().forEach(p -> out.println("FAILED: " + p));
        r.notes().forEach(n -> out.println("ok: " + n));
        out.println(r.ok() ? "VERIFIED " + bundle.getFileName() + " (verdict " + r.verdict() + ")"
                : "NOT VERIFIED " + bundle.getFileName());
        return r.ok() ? 0 : NbParity.FAIL;
    }
}
