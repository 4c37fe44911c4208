/**
 * The run engine: one parity case from inputs to a verified evidence bundle ({@link
 * org.nbparity.harness.run.CaseRunner}), with its options, environment record and summary. It sits
 * above {@code cases}, {@code backend}, {@code trace}, {@code metrics} and {@code bundle}, and below
 * {@code cli}, whose commands only parse arguments and call it.
 */
package org.nbparity.harness.run;
