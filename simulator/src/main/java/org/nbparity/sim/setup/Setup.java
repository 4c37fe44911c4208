package org.nbparity.sim.setup;

import org.nbparity.sim.config.Mode;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.source.Sources;

/**
 * Everything computed before the pixel loop (setup.md S31), computed once and only read by the
 * render kernel and the writers. This is the contract between setup ({@code cli}/{@code config}
 * and the domain packages), the kernel ({@code render}) and the writers ({@code io}).
 *
 * @param mode             physics mode
 * @param detector         final detector geometry
 * @param sampling         sub-pixel sampling
 * @param sources          beam sources and polarization
 * @param crystal          crystal, orientation, mosaic
 * @param structureFactors F table
 * @param interpolate      tricubic interpolation initially on (render.md 4.22)
 * @param dmin             resolution cut, m (0 = none)
 * @param fluence          photons/m^2
 * @param rESqr            classical electron radius squared, m^2
 * @param waterSize        water background size, m
 * @param iBg              water background seed of each pixel (setup.md S30)
 * @param steps            sources*mosaic_domains*phisteps*oversample^2
 * @param render           kernel options (threads, printout, progress, trace)
 */
public record Setup(Mode mode, DetectorGeometry detector, Sampling sampling, Sources sources,
                    Crystal crystal, StructureFactors structureFactors, boolean interpolate,
                    double dmin, double fluence, double rESqr, double waterSize, double iBg,
                    int steps, RenderOptions render) {
}
