package org.nbparity.sim.config;

/** Crystal shape used by the lattice factor F_latt (render.md 4.19). */
public enum Shape { SQUARE, ROUND, GAUSS, TOPHAT }
