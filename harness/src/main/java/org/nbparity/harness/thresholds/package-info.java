/** Loader of {@code fixtures/thresholds.json}, the one versioned file of parity gates. */
package org.nbparity.harness.thresholds;
