package org.nbparity.sim.output;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.setup.Setup;

/**
 * The {@code PILATUS_1.2} header lines of a miniCBF (the text a Pilatus writes after
 * {@code _array_data.header_contents}), with the values this run defines: pixel size, sensor
 * thickness (when set), exposure, wavelength, detector distance, beam centre, flux, start angle,
 * angle increment, two-theta, polarization. Numbers are written in the shortest form that reads
 * back as the same double (no rounding to the 4 decimals a Pilatus prints), so a reader recovers
 * the run's values exactly.
 *
 * <p>Meanings, as readers of Pilatus headers take them: {@code Beam_xy} is the direct-beam
 * position in pixels from the outer corner of the first pixel along fast, slow (nanoBragg's
 * Fbeam/pixel, Sbeam/pixel); {@code Detector_distance} is upstream's distance (the DISTANCE of the
 * SMV header, in m); {@code Start_angle}/{@code Angle_increment} are phi0 and the oscillation
 * range (the SMV header's OSC_START/OSC_RANGE).
 */
final class PilatusHeader {
    private PilatusHeader() {
    }

    static List<String> lines(Setup setup, NativeFormats formats) {
        DetectorGeometry det = setup.detector();
        double px = det.pixelSize();
        double phi0Deg = setup.crystal().phi0() * OutputStage.RTD;
        double oscDeg = setup.crystal().osc() * OutputStage.RTD;
        List<String> h = new ArrayList<>();
        h.add("Detector: nanoBragg simulation, S/N 000");
        h.add("Pixel_size " + num(px * 1e6) + "e-6 m x " + num(px * 1e6) + "e-6 m");
        if (det.thick() > 0) {
            h.add("Sensor, thickness " + num(det.thick()) + " m");
        }
        h.add("Exposure_time " + num(formats.exposureS()) + " s");
        h.add("Exposure_period " + num(formats.exposureS()) + " s");
        h.add("Tau = 0 s");
        h.add("Count_cutoff 65535 counts");
        h.add("Wavelength " + num(setup.sources().lambda0() * 1e10) + " A");
        h.add("Detector_distance " + num(det.distance()) + " m");
        h.add("Beam_xy (" + num(det.report().fbeam() / px) + ", " + num(det.report().sbeam() / px) + ") pixels");
        h.add("Flux " + num(formats.fluxPerS()));
        h.add("Filter_transmission 1.0");
        h.add("Start_angle " + num(phi0Deg) + " deg.");
        h.add("Angle_increment " + num(oscDeg) + " deg.");
        h.add("Detector_2theta " + num(det.report().twotheta() * OutputStage.RTD) + " deg.");
        h.add("Polarization " + num(setup.sources().polarization()));
        h.add("Phi " + num(phi0Deg) + " deg.");
        h.add("Phi_increment " + num(oscDeg) + " deg.");
        h.add("N_oscillations 1");
        return h;
    }

    /**
     * The first header value that is not finite ("Detector_distance (Infinity)"), or null: a
     * Pilatus header has no spelling for NaN or infinity, and readers take a number there. Upstream
     * computes them as they come (e.g. an infinite distance when the beam runs in the detector
     * plane, setup.md S13).
     */
    static String nonFinite(Setup setup, NativeFormats formats) {
        DetectorGeometry det = setup.detector();
        double px = det.pixelSize();
        String[] names = {"Pixel_size", "Wavelength", "Detector_distance", "Beam_xy", "Beam_xy", "Start_angle",
            "Angle_increment", "Detector_2theta", "Polarization", "Exposure_time", "Flux"};
        double[] values = {px, setup.sources().lambda0(), det.distance(), det.report().fbeam() / px,
            det.report().sbeam() / px, setup.crystal().phi0(), setup.crystal().osc(), det.report().twotheta(),
            setup.sources().polarization(), formats.exposureS(), formats.fluxPerS()};
        for (int i = 0; i < names.length; i++) {
            if (!Double.isFinite(values[i])) {
                return names[i] + " (" + values[i] + ")";
            }
        }
        return null;
    }

    /** Shortest decimal that reads back as {@code v}, without an exponent. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).toPlainString();
    }
}
