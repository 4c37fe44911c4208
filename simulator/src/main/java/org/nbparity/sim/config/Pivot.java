package org.nbparity.sim.config;

/** Detector pivot: about the direct-beam spot or about the sample (setup.md S12). */
public enum Pivot { BEAM, SAMPLE }
