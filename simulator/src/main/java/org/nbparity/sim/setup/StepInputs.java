package org.nbparity.sim.setup;

import org.nbparity.sim.config.Config;
import org.nbparity.sim.crystal.CellSetup;
import org.nbparity.sim.crystal.CrystalSize;
import org.nbparity.sim.crystal.Interpolation;
import org.nbparity.sim.crystal.Orientation;
import org.nbparity.sim.crystal.StructureFactorInput;
import org.nbparity.sim.geometry.DetectorSetup;
import org.nbparity.sim.source.Fluence;
import org.nbparity.sim.source.SourceSetup;

/**
 * Config to the typed input of each setup step (detector, crystal, source, and the sampling
 * auto-selection of {@link StepSelection}): the one place those steps' command-line values are
 * picked out, so that no step sees the whole {@link Config} ({@code geometry}, {@code crystal}
 * and {@code source} never may: ArchitectureTest).
 */
final class StepInputs {
    private StepInputs() {
    }

    static Fluence.Input fluence(Config c) {
        return new Fluence.Input(c.fluence, c.flux, c.exposure, c.beamsize, c.sampleX, c.sampleY, c.sampleZ);
    }

    static StructureFactorInput.Input structureFactors(Config c) {
        return new StructureFactorInput.Input(c.hklFile, c.dumpFile, c.defaultF, c.matFile, c.cellA, c.stolFile,
                c.threads);
    }

    static Interpolation.Input interpolation(Config c) {
        return new Interpolation.Input(c.interpolate, c.na, c.nb, c.nc);
    }

    static CellSetup.Input cell(Config c) {
        return new CellSetup.Input(c.userCell, c.cellA, c.cellB, c.cellC, c.alpha, c.beta, c.gamma, c.matFile,
                c.lambda0);
    }

    static Orientation.Input orientation(Config c) {
        return new Orientation.Input(c.misset[0], c.misset[1], c.misset[2], c.misset[3], c.missetSeed);
    }

    static CrystalSize.Input crystalSize(Config c) {
        return new CrystalSize.Input(c.na, c.nb, c.nc);
    }

    static SourceSetup.Input sources(Config c) {
        return new SourceSetup.Input(c.sourceFile, c.lambda0, c.roundDiv, c.polarization, c.nopolar);
    }

    static DetectorSetup.SizeInput detectorSize(Config c) {
        return new DetectorSetup.SizeInput(c.pixelSize, c.detsizeF, c.detsizeS, c.fpixels, c.spixels);
    }

    static DetectorSetup.MaskInput mask(Config c) {
        return new DetectorSetup.MaskInput(c.maskFile, c.maskPixels);
    }

    static DetectorSetup.FrameInput detectorFrame(Config c) {
        return new DetectorSetup.FrameInput(c.orgx, c.orgy, c.xclose, c.yclose, c.xbeam, c.ybeam,
                c.roiXmin, c.roiXmax, c.roiYmin, c.roiYmax,
                c.beamVector, c.fdetVector, c.sdetVector, c.odetVector, c.twothetaAxis, c.polarVector,
                c.spindleVector, c.pivot, c.convention);
    }

    static DetectorSetup.PlacementInput detectorPlacement(Config c) {
        return new DetectorSetup.PlacementInput(c.rotx, c.roty, c.rotz, c.twotheta, c.closeDistance, c.distance);
    }

    static StepSelection.SamplingInput sampling(Config c) {
        return new StepSelection.SamplingInput(c.phisteps, c.phi0, c.phistep, c.osc,
                c.hdivsteps, c.hdivrange, c.hdivstep, c.vdivsteps, c.vdivrange, c.vdivstep,
                c.dispsteps, c.dispersion, c.detectorThicksteps, c.detectorThick, c.detectorMu,
                c.mosaicDomains, c.mosaicSpread);
    }

    static StepSelection.OversampleInput oversample(Config c) {
        return new StepSelection.OversampleInput(c.oversample, c.lambda0);
    }
}
