/**
 * Parity campaigns (issue 16): many generated cases run as one unit. {@link
 * org.nbparity.harness.campaign.CaseGenerator} writes ordinary case files into a campaign folder
 * ({@link org.nbparity.harness.campaign.CampaignDir}); the cases run through {@code run.CaseRunner}
 * on this machine ({@link org.nbparity.harness.campaign.CaseExecution}) or as one Slurm job array
 * ({@link org.nbparity.harness.campaign.SlurmExecutor}); {@link
 * org.nbparity.harness.campaign.CampaignReport} merges the bundles into campaign.json, an HTML page
 * and one in-toto statement, which {@link org.nbparity.harness.campaign.CampaignVerifier} checks.
 * Sits above {@code run}, {@code bundle} and {@code cases}, below {@code cli}.
 */
package org.nbparity.harness.campaign;
