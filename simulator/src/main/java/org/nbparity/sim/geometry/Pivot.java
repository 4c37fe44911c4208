package org.nbparity.sim.geometry;

/** Detector pivot: about the direct-beam spot or about the sample (setup.md S12). */
public enum Pivot { BEAM, SAMPLE }
