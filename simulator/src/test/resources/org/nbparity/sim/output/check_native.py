#!/usr/bin/python3
"""Independent reader of the simulator's miniCBF and NeXus/NXmx outputs (issue 15).

Usage: /usr/bin/python3 check_native.py EXPECTED.json

EXPECTED.json (written by NativeFormatsReadersTest from the run's own Setup, full precision)
names the run's files and holds the run's geometry in nanoBragg's lab frame. This script reads
the files with fabio (CBF) and h5py (NXmx), never with the simulator's code, and checks:
  - pixels: CBF == SMV int image, noise CBF == SMV noise image, NXmx data == SMV int image,
    NXmx float_image == the raw float file;
  - the CBF binary section: X-Binary-Size, Content-MD5, dimensions, element type;
  - the CBF Pilatus header values (pixel size, wavelength, distance, beam centre, start angle,
    angle increment, exposure, flux);
  - the geometry recomputed from the NXmx transformation chain (origin of pixel (0,0), fast and
    slow directions, pixel size, detector normal distance, beam-path distance, wavelength or
    spectrum, phi axis, start and increment) against the run's pix0_vector, fdet, sdet, beam,
    spindle, ... after the documented nanoBragg -> McStas rotation, recomputed here from the
    run's beam and polarization vectors (McStasFrame's rule: z = beam, y = unit(e x beam),
    x = -e, e = polarization perpendicular to the beam).
Prints one line per check ("ok ..." or "FAIL ..."); exit 0 when all pass, 1 on a mismatch,
3 when a reader module is missing.
"""
import base64
import hashlib
import json
import re
import sys

try:
    import numpy as np
    import h5py
    import fabio
except ImportError as e:  # the test maps exit 3 to "reader missing"
    print("reader missing: %s" % e)
    sys.exit(3)

REL = 1e-12
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        failures.append(name)


def close(name, got, want, rel=REL):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    err = float(np.linalg.norm(got - want))
    scale = float(np.linalg.norm(want))
    check(name, got.shape == want.shape and err <= rel * scale,
          "got %r want %r (|diff| %.3g, allowed %.3g)" % (got.tolist(), want.tolist(), err, rel * scale))


def smv(path):
    with open(path, "rb") as f:
        raw = f.read()
    head = raw[:512].decode("ascii", "replace")
    hb = int(re.search(r"HEADER_BYTES=\s*(\d+)", head).group(1))
    head = raw[:hb].decode("ascii", "replace")
    w = int(re.search(r"SIZE1=\s*(\d+)", head).group(1))
    h = int(re.search(r"SIZE2=\s*(\d+)", head).group(1))
    order = "<" if "little_endian" in head else ">"
    return np.frombuffer(raw[hb:hb + 2 * w * h], dtype=order + "u2").reshape(h, w)


def mcstas_rotation(beam, polar):
    """Rows: McStas x, y, z axes in nanoBragg coordinates (written from the rule, not the code)."""
    z = np.asarray(beam, float) / np.linalg.norm(beam)
    p = np.asarray(polar, float)
    e = p - np.dot(p, z) * z
    if np.linalg.norm(e) < 1e-9:
        axis = np.eye(3)[int(np.argmin(np.abs(z)))]
        e = axis - np.dot(axis, z) * z
    e = e / np.linalg.norm(e)
    y = np.cross(e, z)
    y = y / np.linalg.norm(y)
    x = np.cross(y, z)
    return np.array([x, y, z])


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def rotation_matrix(axis, deg):
    a = np.asarray(axis, float) / np.linalg.norm(axis)
    t = np.radians(deg)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * (k @ k)


def chain(f, path):
    """4x4 matrix of the transformation at `path` applied after everything it depends on."""
    if path == ".":
        return np.eye(4)
    ds = f[path]
    a = ds.attrs
    value = float(np.ravel(ds[()])[0])
    vec = np.asarray(a["vector"], float)
    m = np.eye(4)
    kind = text(a["transformation_type"])
    if kind == "translation":
        m[:3, 3] = value * vec
    elif kind == "rotation":
        m[:3, :3] = rotation_matrix(vec, value)
    else:
        raise ValueError("unknown transformation_type " + kind)
    if "offset" in a:
        m[:3, 3] += np.asarray(a["offset"], float)
    dep = text(a["depends_on"])
    if not dep.startswith("/") and dep != ".":
        dep = path.rsplit("/", 1)[0] + "/" + dep
    return chain(f, dep) @ m


def check_cbf(name, path, want_pixels, exp):
    img = fabio.open(path)
    check(name + " pixels == SMV", img.data.shape == want_pixels.shape
          and np.array_equal(img.data.astype(np.int64), want_pixels.astype(np.int64)),
          "shape %s vs %s" % (img.data.shape, want_pixels.shape))
    check(name + " dtype int32", img.data.dtype == np.int32, str(img.data.dtype))
    raw = open(path, "rb").read()
    start = raw.index(b"\x0c\x1a\x04\xd5") + 4
    mime = raw[:start - 4].decode("ascii")
    size = int(re.search(r"X-Binary-Size: (\d+)", mime).group(1))
    md5 = re.search(r"Content-MD5: (\S+)", mime).group(1)
    check(name + " Content-MD5", base64.b64encode(hashlib.md5(raw[start:start + size]).digest()).decode() == md5)
    check(name + " conversions byte offset", 'conversions="x-CBF_BYTE_OFFSET"' in mime)
    check(name + " element type", '"signed 32-bit integer"' in mime and "LITTLE_ENDIAN" in mime)
    check(name + " dimensions", "X-Binary-Size-Fastest-Dimension: %d" % exp["fast"] in mime
          and "X-Binary-Size-Second-Dimension: %d" % exp["slow"] in mime)
    check(name + " PILATUS_1.2", '_array_data.header_convention "PILATUS_1.2"' in mime)

    def value(key):
        return float(re.search(r"# " + key + r"[ :]+\(?([-0-9.eE+]+)", mime).group(1))

    close(name + " Pixel_size", value("Pixel_size"), exp["pixel"])  # the value is written as "<um>e-6"
    close(name + " Wavelength", value("Wavelength") * 1e-10, exp["lambda0"])
    close(name + " Detector_distance", value("Detector_distance"), exp["smv_distance"])
    bx = re.search(r"# Beam_xy \(([-0-9.eE+]+), ([-0-9.eE+]+)\) pixels", mime)
    close(name + " Beam_xy", [float(bx.group(1)), float(bx.group(2))], [exp["fbeam_px"], exp["sbeam_px"]])
    close(name + " Start_angle", value("Start_angle"), exp["phi0_deg"])
    close(name + " Angle_increment", value("Angle_increment"), exp["osc_deg"])
    close(name + " Exposure_time", value("Exposure_time"), exp["exposure"])
    close(name + " Flux", value("Flux"), exp["flux"])


def check_nxs(name, path, exp, int_pixels, float_pixels):
    f = h5py.File(path, "r")
    check(name + " definition NXmx", text(f["/entry/definition"][()]) == "NXmx")
    check(name + " NX_class", text(f["/entry"].attrs["NX_class"]) == "NXentry"
          and text(f["/entry/instrument/detector"].attrs["NX_class"]) == "NXdetector"
          and text(f["/entry/instrument/detector/module"].attrs["NX_class"]) == "NXdetector_module")
    data = f["/entry/data/data"]
    check(name + " data int32 [1, slow, fast]", data.dtype == np.int32 and data.shape == (1, exp["slow"], exp["fast"]),
          "%s %s" % (data.dtype, data.shape))
    check(name + " data == SMV", np.array_equal(data[0].astype(np.int64), int_pixels.astype(np.int64)))
    if exp["compressed"]:
        check(name + " shuffle+deflate", data.compression == "gzip" and data.shuffle, "%s %s" % (data.compression, data.shuffle))
    else:
        check(name + " uncompressed", data.compression is None and data.chunks is None, "%s %s" % (data.compression, data.chunks))
    if float_pixels is not None:
        fl = f["/entry/data/float_image"]
        check(name + " float_image == float file (bitwise)", fl.dtype == np.float32
              and np.array_equal(fl[0].view(np.uint32), float_pixels.view(np.uint32)))

    r = mcstas_rotation(exp["beam"], exp["polar"])
    stored = np.asarray(f["/entry/nanobragg/lab_to_mcstas"][()], float)
    close(name + " stored lab_to_mcstas == rule", stored, r)
    det = "/entry/instrument/detector"
    dep = text(f[det + "/depends_on"][()])
    mod = det + "/module"
    offset_m = chain(f, mod + "/module_offset")
    origin = offset_m @ np.array([0, 0, 0, 1.0])
    fast_ds = f[mod + "/fast_pixel_direction"]
    slow_ds = f[mod + "/slow_pixel_direction"]
    fast = offset_m[:3, :3] @ np.asarray(fast_ds.attrs["vector"], float)
    slow = offset_m[:3, :3] @ np.asarray(slow_ds.attrs["vector"], float)
    check(name + " fast/slow depend on module_offset",
          text(fast_ds.attrs["depends_on"]).endswith("module_offset") and text(slow_ds.attrs["depends_on"]).endswith("module_offset"))
    # back to nanoBragg's frame with the transpose of the rule's rotation
    close(name + " origin == pix0_vector (m)", r.T @ origin[:3], exp["pix0"])
    close(name + " fast == fdet", r.T @ fast, exp["fdet"])
    close(name + " slow == sdet", r.T @ slow, exp["sdet"])
    close(name + " beam (McStas +z) == beam_vector", r.T @ np.array([0, 0, 1.0]), np.asarray(exp["beam"]) / np.linalg.norm(exp["beam"]))
    close(name + " fast pixel size", float(fast_ds[()]), exp["pixel"])
    close(name + " slow pixel size", float(slow_ds[()]), exp["pixel"])
    close(name + " x_pixel_size", float(f[det + "/x_pixel_size"][()]), exp["pixel"])
    normal_m = chain(f, dep)
    n = np.asarray(f[dep].attrs["vector"], float)
    close(name + " detector normal == odet", r.T @ n, np.asarray(exp["odet"]) / np.linalg.norm(exp["odet"]))
    close(name + " close distance (origin . normal)", float(np.dot(origin[:3], n)), exp["close_distance"])
    close(name + " depends_on chain translation", normal_m[:3, 3], exp["close_distance"] * n)
    if exp["beam_distance"] is not None:
        beam_distance = float(np.dot(origin[:3], n)) / n[2]
        close(name + " beam-path distance (chain)", beam_distance, exp["beam_distance"])
        close(name + " NXdetector distance", float(f[det + "/distance"][()]), exp["beam_distance"])
    if "sensor_thickness" in exp:
        close(name + " sensor_thickness", float(f[det + "/sensor_thickness"][()]), exp["sensor_thickness"])
    wl = f["/entry/instrument/beam/incident_wavelength"]
    check(name + " wavelength units", text(wl.attrs["units"]) == "angstrom")
    close(name + " wavelength(s) (m)", np.ravel(wl[()]) * 1e-10, exp["lambdas"])
    if len(exp["lambdas"]) > 1:
        close(name + " wavelength weights", f["/entry/instrument/beam/incident_wavelength_weights"][()], exp["weights"])
    sdep = text(f["/entry/sample/depends_on"][()])
    phi = f[sdep]
    check(name + " phi is a rotation", text(phi.attrs["transformation_type"]) == "rotation" and text(phi.attrs["units"]) == "deg")
    close(name + " phi axis == spindle", r.T @ np.asarray(phi.attrs["vector"], float),
          np.asarray(exp["spindle"]) / np.linalg.norm(exp["spindle"]))
    close(name + " phi start (deg)", float(np.ravel(phi[()])[0]), exp["phi0_deg"])
    close(name + " phi increment (deg)", float(np.ravel(f["/entry/sample/transformations/phi_increment_set"][()])[0]), exp["osc_deg"])


def main():
    exp = json.load(open(sys.argv[1]))
    ints = smv(exp["int_smv"])
    floats = np.fromfile(exp["float_bin"], dtype="<f4").reshape(exp["slow"], exp["fast"])
    check_cbf("cbf", exp["cbf"], ints, exp)
    if exp.get("cbf_noise"):
        check_cbf("noise cbf", exp["cbf_noise"], smv(exp["noise_smv"]), exp)
    check_nxs("nxs", exp["nxs"], exp, ints, floats if exp["nxs_float"] else None)
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
