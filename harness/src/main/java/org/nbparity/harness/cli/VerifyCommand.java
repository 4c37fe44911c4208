package org.nbparity.harness.cli;

import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.Trust;
import org.nbparity.harness.bundle.TrustedKeys;
import org.nbparity.harness.campaign.CampaignVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nbparity verify BUNDLE}: the trust policy of harness/README.md ("Verifying a bundle"). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash a bundle, recompute every number of metrics.json from the stored files, check its "
                + "attestations and sign-offs against the trusted keys only, and print VERIFIED, UNSIGNED, UNTRUSTED or FAILED; "
                + "a campaign folder: its statement, then every bundle.",
        footer = "%nExit: 0 VERIFIED, 1 FAILED, 2 usage, 3 not a readable bundle or keys file, 4 UNSIGNED, 5 UNTRUSTED.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "a bundle, or a merged campaign folder")
    Path bundle;

    @Option(names = {"--trusted-keys", "--pub-key"}, paramLabel = "FILE",
            description = "the trusted Ed25519 public keys: one or more PEM keys as keygen writes them, concatenated "
                    + "(default: NBPARITY_TRUSTED_KEYS, a file or PEM text; else none). A key inside the bundle is never trusted.")
    Path trustedKeys;

    @Option(names = "--require-sign-off", paramLabel = "N",
            description = "VERIFIED needs N approving sign-offs by distinct trusted keys and no rejecting one (default 0)")
    int requireSignOffs;

    @Override
    public Integer call() throws Exception {
        if (requireSignOffs < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--require-sign-off must be >= 0");
        }
        if (!Files.isDirectory(bundle)) {
            throw new EnvironmentException("bundle not found: " + bundle);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (CampaignVerifier.isCampaign(bundle)) { // a campaign folder (issue 16): its statement, then every bundle
            if (requireSignOffs > 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--require-sign-off applies to a bundle, not a campaign");
            }
            CampaignVerifier.Report c = CampaignVerifier.verify(bundle, trusted(trustedKeys));
            c.problems().forEach(p -> out.println("FAILED: " + p));
            Trust why = c.trust() == Trust.FAILED ? null : c.trust();
            c.trustIssues().forEach(p -> out.println((why == null || why == Trust.VERIFIED ? "note" : why.name()) + ": " + p));
            c.notes().forEach(n -> out.println("ok: " + n));
            out.println(c.trust() + " campaign " + bundle.getFileName() + " (" + c.counts() + ")");
            return c.trust().exitCode();
        }
        BundleVerifier.Report r = BundleVerifier.verify(bundle, trusted(trustedKeys), requireSignOffs);
        // failures first, then why it is not trusted; an "ok" line only for a check that passed
        r.problems().forEach(p -> out.println("FAILED: " + p));
        Trust why = r.trust() == Trust.FAILED ? null : r.trust();
        r.trustIssues().forEach(p -> out.println((why == null || why == Trust.VERIFIED ? "note" : why.name()) + ": " + p));
        r.notes().forEach(n -> out.println("ok: " + n));
        out.println(r.trust() + " " + bundle.getFileName() + (r.verdict() == null ? "" : " (verdict " + r.verdict() + ")"));
        return r.trust().exitCode();
    }

    /** --trusted-keys FILE, else NBPARITY_TRUSTED_KEYS, else no key (shared with sign-off). */
    static TrustedKeys trusted(Path file) throws EnvironmentException {
        try {
            return file != null ? TrustedKeys.read(file) : TrustedKeys.fromEnvironment(System.getenv());
        } catch (IOException e) {
            throw new EnvironmentException(e.getMessage());
        }
    }
}
