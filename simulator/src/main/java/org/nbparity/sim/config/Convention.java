package org.nbparity.sim.config;

/** Detector/beam convention (setup.md S6). CUSTOM is selected by any custom-vector flag (quirk Q6). */
public enum Convention { ADXV, MOSFLM, DENZO, XDS, DIALS, CUSTOM }
