#!/usr/bin/env python3
"""A stand-in for another nanoBragg port (a PyTorch-like CLI), written for the harness tests.

It takes nanoBragg's flags but none of this project's (-mode, -threads, -compat_threads,
-trace_level are unknown flags here: exit 2), runs this project's Java simulator underneath and
re-prints its trace in another dialect: hoidn's vocabulary (trace-keys.md sections 4.1-4.7) with
the prefix TRACE_PY:, one block per subpixel without loop indices, source/crystal records at
source 0, phi 0, mosaic 0, rot_*_angstroms in Angstrom, plus one record no dialect table knows
(port_steps_done), which the harness must report as unplaced.

Switches (environment):
  FOREIGN_PORT_SIM_JAR   the simulator jar (required)
  FOREIGN_PORT_JAVA      the java to run it with (default: java)
  FOREIGN_PORT_BUG       NAME:FACTOR - a bug at one quantity: the trace record NAME (its TRACE_PY
                         name) times FACTOR, and what it feeds: for a scale factor of the pixel
                         (polar, omega_pixel, capture_fraction) the final intensity, the stored
                         pixel and every pixel of the float image times FACTOR; for F_cell the raw
                         intensity too, and the image times FACTOR^2
  FOREIGN_PORT_FLOAT64   1: write -floatfile as little-endian float64 (values of the float32 image)
"""
import os
import re
import struct
import subprocess
import sys

PROJECT_FLAGS = {"-mode", "-threads", "-compat_threads", "-trace_level"}
SCALE_FACTORS = {"polar", "omega_pixel", "capture_fraction"}
AMPLITUDES = {"F_cell"}


def fail(msg, code=2):
    sys.stderr.write("foreign-port: " + msg + "\n")
    sys.exit(code)


def main(argv):
    for a in argv:
        if a in PROJECT_FLAGS:
            fail("unknown flag " + a)
    jar = os.environ.get("FOREIGN_PORT_SIM_JAR")
    if not jar or not os.path.isfile(jar):
        fail("FOREIGN_PORT_SIM_JAR does not name the simulator jar: %r" % jar, 3)
    bug_name, bug_factor = None, 1.0
    if os.environ.get("FOREIGN_PORT_BUG"):
        bug_name, _, f = os.environ["FOREIGN_PORT_BUG"].partition(":")
        if bug_name not in SCALE_FACTORS | AMPLITUDES:
            fail("FOREIGN_PORT_BUG: cannot inject at %r (one of %s)" % (bug_name, sorted(SCALE_FACTORS | AMPLITUDES)))
        bug_factor = float(f)
    image_factor = bug_factor ** 2 if bug_name in AMPLITUDES else bug_factor

    sim_args = list(argv)
    traced = "-trace_pixel" in sim_args
    if traced:
        # every iteration, so that each subpixel block can be printed (the port's own business)
        sim_args = ["-trace_level", "loops"] + sim_args
    cmd = [os.environ.get("FOREIGN_PORT_JAVA", "java"), "-jar", jar, "-threads", "1"] + sim_args
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(p.stderr)
    if p.returncode != 0:
        sys.stdout.write(p.stdout)
        sys.exit(p.returncode)

    floatfile = None
    for i, a in enumerate(argv[:-1]):
        if a == "-floatfile":
            floatfile = argv[i + 1]
    stored = None
    if floatfile and os.path.isfile(floatfile):
        stored = rewrite_image(floatfile, image_factor, os.environ.get("FOREIGN_PORT_FLOAT64") == "1")

    out = []
    trace = []
    first_trace = None
    for line in p.stdout.splitlines():
        if line.startswith("TRACE_JAVA:"):
            if first_trace is None:
                first_trace = len(out)
            trace.append(line[len("TRACE_JAVA:"):].strip())
        else:
            out.append(line)
    if first_trace is not None:
        out[first_trace:first_trace] = reprint(trace, bug_name, bug_factor, image_factor, stored)
    sys.stdout.write("\n".join(out) + "\n")


def rewrite_image(path, factor, as_float64):
    """The image times factor (float32 arithmetic as a port storing float32 would round it), float64 on request."""
    data = open(path, "rb").read()
    n = len(data) // 4
    vals = struct.unpack("<%df" % n, data)
    if factor != 1.0:
        vals = struct.unpack("<%df" % n, struct.pack("<%df" % n, *[v * factor for v in vals]))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<%dd" % n, *vals) if as_float64 else struct.pack("<%df" % n, *vals))
    os.replace(tmp, path)
    return vals


REC = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?\s+(.*)$")


def reprint(lines, bug_name, bug_factor, image_factor, stored):
    run = {}
    blocks = []  # per subpixel: dict name -> values, in order of appearance
    by_sub = {}
    end = {}
    for l in lines:
        m = REC.match(l)
        if not m:
            continue
        name, idx, vals = m.group(1), m.group(2), m.group(3).split()
        if idx is None:
            (end if blocks else run)[name] = vals
            continue
        ix = dict(kv.split("=") for kv in idx.split(","))
        if "sy" not in ix:
            continue  # layer records: hoidn's dialect has none
        sub = (ix["t"], ix["sy"], ix["sx"])
        if sub not in by_sub:
            by_sub[sub] = {}
            blocks.append(by_sub[sub])
        if ix.get("src", "0") != "0" or ix.get("phi", "0") != "0" or ix.get("mos", "0") != "0":
            continue
        by_sub[sub][name] = vals

    def num(v, factor=1.0):
        return repr(float(v) * factor) if factor != 1.0 else v

    def line(name, vals, factor=1.0):
        if name == bug_name:
            factor *= bug_factor
        return "TRACE_PY: %s %s" % (name, " ".join(num(v, factor) for v in vals))

    out = []
    for b in blocks:
        out.append(line("pix0_vector_meters", run["pix0_vector_meters"]))
        out.append(line("fdet_vec", run["fdet_vec"]))
        out.append(line("sdet_vec", run["sdet_vec"]))
        for src, dst in (("pixel_pos_meters", "pixel_pos_meters"), ("R_distance_meters", "R_distance_meters")):
            out.append(line(dst, b[src]))
        out.append(line("omega_pixel_sr", b["omega_pixel_sr"][:1]))
        out.append(line("close_distance_meters", run["close_distance_meters"]))
        out.append(line("diffracted_vec", b["diffracted_vec"]))
        if "incident_vec" in b:
            out.append(line("incident_vec", b["incident_vec"]))
            out.append(line("lambda_meters", b["lambda_meters"]))
            out.append(line("scattering_vec_A_inv", b["scattering_vec"]))
        if "hkl_frac" in b:
            for k in ("rot_a", "rot_b", "rot_c"):
                out.append(line(k + "_angstroms", b[k], 1e10))
            out.append(line("hkl_frac", b["hkl_frac"]))
            out.append(line("hkl_rounded", b["hkl_rounded"]))
            for k in ("F_latt_a", "F_latt_b", "F_latt_c", "F_latt", "F_cell"):
                if k in b:
                    out.append(line(k, b[k]))
    raw = bug_factor ** 2 if bug_name in AMPLITUDES else 1.0
    out.append(line("I_before_scaling", end["I_before_scaling"], raw))
    out.append(line("r_e_sqr", run["r_e_sqr"]))
    out.append(line("fluence_photons_per_m2", run["fluence"]))
    out.append(line("steps", end["steps"]))
    for k in ("capture_fraction", "polar", "omega_pixel"):
        out.append(line(k, end[k]))
    out.append(line("I_pixel_final", end["I_pixel_final"], image_factor))
    value = float(end["floatimage_bits"][0])
    if image_factor != 1.0:
        value = struct.unpack("<f", struct.pack("<f", value * image_factor))[0]
    out.append("TRACE_PY: floatimage_accumulated %r" % value)
    out.append("TRACE_PY: port_steps_done %d" % len(blocks))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
