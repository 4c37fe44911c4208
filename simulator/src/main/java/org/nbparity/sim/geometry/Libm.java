package org.nbparity.sim.geometry;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The C library's sin, cos, atan2 (and exp, log, tan, pow for other packages), as the reference
 * glibc build computes them (setup.md R4).
 *
 * <p>Java's {@code StrictMath} (fdlibm) and {@code Math} intrinsics are within 1 ulp but round
 * differently from glibc: measured on upstream's 3000 mosaic matrices they differ in 161 and 12
 * domains. glibc (2.36) is itself not always correctly rounded (7 of the 12000 sin/cos calls of
 * that run differ from the correctly rounded value), so the only exact reproduction is glibc
 * itself. Backends, chosen once:
 * <ul>
 * <li>{@code glibc}: libm.so.6 called through the JDK 17 incubator foreign-function API, when
 *     the JVM runs with {@code --add-modules jdk.incubator.foreign
 *     --enable-native-access=ALL-UNNAMED} (bin/nanobragg and the test JVM do). Bit-identical.</li>
 * <li>{@code correctly-rounded}: otherwise; sin, cos, atan2 computed to 48 digits with
 *     BigDecimal and rounded once (slow, setup only), the others from {@code StrictMath}. Agrees
 *     with glibc except where glibc misrounds (about 1 call in 2000).</li>
 * </ul>
 * System property {@code nb.libm=java} forces the second backend.
 */
public final class Libm {
    private Libm() {
    }

    private static final MathContext MC = new MathContext(48, RoundingMode.HALF_EVEN);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899863");
    private static final BigDecimal HALF_PI = PI.divide(BigDecimal.valueOf(2), MC);
    private static final BigDecimal EPS = new BigDecimal("1e-46");

    private static final MethodHandle SIN, COS, TAN, ATAN2, EXP, LOG, POW;
    private static final String BACKEND;

    static {
        MethodHandle[] h = null;
        if (!"java".equals(System.getProperty("nb.libm"))) {
            try {
                h = bindGlibc();
            } catch (Throwable t) {
                h = null;
            }
        }
        if (h != null) {
            SIN = h[0]; COS = h[1]; TAN = h[2]; ATAN2 = h[3]; EXP = h[4]; LOG = h[5]; POW = h[6];
            BACKEND = "glibc";
        } else {
            SIN = COS = TAN = ATAN2 = EXP = LOG = POW = null;
            BACKEND = "correctly-rounded";
        }
    }

    /** "glibc" or "correctly-rounded". */
    public static String backend() {
        return BACKEND;
    }

    /** Binds libm functions by reflection so that this class compiles and loads without the incubator module. */
    private static MethodHandle[] bindGlibc() throws Throwable {
        String[] paths = {"/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
            "/lib64/libm.so.6", "/usr/lib64/libm.so.6", "/lib/aarch64-linux-gnu/libm.so.6"};
        boolean loaded = false;
        for (String p : paths) {
            if (new java.io.File(p).isFile()) {
                System.load(p);
                loaded = true;
                break;
            }
        }
        if (!loaded) {
            return null;
        }
        Class<?> linkerC = Class.forName("jdk.incubator.foreign.CLinker");
        Class<?> lookupC = Class.forName("jdk.incubator.foreign.SymbolLookup");
        Class<?> fdC = Class.forName("jdk.incubator.foreign.FunctionDescriptor");
        Class<?> layoutC = Class.forName("jdk.incubator.foreign.MemoryLayout");
        Class<?> addrC = Class.forName("jdk.incubator.foreign.Addressable");
        Object linker = linkerC.getMethod("getInstance").invoke(null);
        Object lookup = lookupC.getMethod("loaderLookup").invoke(null);
        Object cDouble = linkerC.getField("C_DOUBLE").get(null);
        Object one = java.lang.reflect.Array.newInstance(layoutC, 1);
        java.lang.reflect.Array.set(one, 0, cDouble);
        Object two = java.lang.reflect.Array.newInstance(layoutC, 2);
        java.lang.reflect.Array.set(two, 0, cDouble);
        java.lang.reflect.Array.set(two, 1, cDouble);
        Object fd1 = fdC.getMethod("of", layoutC, one.getClass()).invoke(null, cDouble, one);
        Object fd2 = fdC.getMethod("of", layoutC, two.getClass()).invoke(null, cDouble, two);
        java.lang.reflect.Method lk = lookupC.getMethod("lookup", String.class);
        java.lang.reflect.Method dh = linkerC.getMethod("downcallHandle", addrC, MethodType.class, fdC);
        String[] names = {"sin", "cos", "tan", "atan2", "exp", "log", "pow"};
        MethodHandle[] out = new MethodHandle[names.length];
        for (int i = 0; i < names.length; i++) {
            java.util.Optional<?> sym = (java.util.Optional<?>) lk.invoke(lookup, names[i]);
            if (sym.isEmpty()) {
                return null;
            }
            boolean binary = names[i].equals("atan2") || names[i].equals("pow");
            MethodType mt = binary ? MethodType.methodType(double.class, double.class, double.class)
                    : MethodType.methodType(double.class, double.class);
            out[i] = (MethodHandle) dh.invoke(linker, sym.get(), mt, binary ? fd2 : fd1);
        }
        // self-check against a value where fdlibm and glibc agree
        if ((double) out[0].invokeExact(0.5) != StrictMath.sin(0.5)) {
            return null;
        }
        return out;
    }

    private static double call1(MethodHandle h, double x) {
        try {
            return (double) h.invokeExact(x);
        } catch (Throwable t) {
            throw new IllegalStateException("libm call failed", t);
        }
    }

    private static double call2(MethodHandle h, double y, double x) {
        try {
            return (double) h.invokeExact(y, x);
        } catch (Throwable t) {
            throw new IllegalStateException("libm call failed", t);
        }
    }

    /** sin. */
    public static double sin(double x) {
        if (SIN != null) {
            return call1(SIN, x);
        }
        if (x == 0.0 || Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) > 1e6) {
            return StrictMath.sin(x);
        }
        if (Math.abs(x) < 1e-8) {
            return round(sinBig(new BigDecimal(x)));
        }
        return round(sinCos(x, true));
    }

    /** cos. */
    public static double cos(double x) {
        if (COS != null) {
            return call1(COS, x);
        }
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) > 1e6) {
            return StrictMath.cos(x);
        }
        if (x == 0.0) {
            return 1.0;
        }
        return round(sinCos(x, false));
    }

    /** tan (glibc, else StrictMath). */
    public static double tan(double x) {
        return TAN != null ? call1(TAN, x) : StrictMath.tan(x);
    }

    /** exp (glibc, else StrictMath). */
    public static double exp(double x) {
        return EXP != null ? call1(EXP, x) : StrictMath.exp(x);
    }

    /** log (glibc, else StrictMath). */
    public static double log(double x) {
        return LOG != null ? call1(LOG, x) : StrictMath.log(x);
    }

    /** pow (glibc, else StrictMath). */
    public static double pow(double x, double y) {
        return POW != null ? call2(POW, x, y) : StrictMath.pow(x, y);
    }

    /** atan2 (special cases as C99 Annex F). */
    public static double atan2(double y, double x) {
        if (ATAN2 != null) {
            return call2(ATAN2, y, x);
        }
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)
                || x == 0.0 || y == 0.0) {
            return StrictMath.atan2(y, x);
        }
        BigDecimal by = new BigDecimal(y), bx = new BigDecimal(x);
        BigDecimal t = by.abs().divide(bx.abs(), MC);
        BigDecimal a = atanPositive(t);
        if (x < 0) {
            a = PI.subtract(a, MC);
        }
        if (y < 0) {
            a = a.negate();
        }
        return round(a);
    }

    private static double round(BigDecimal v) {
        return v.doubleValue();
    }

    private static BigDecimal sinCos(double x, boolean sine) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal kq = bx.divide(HALF_PI, MC).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = bx.subtract(kq.multiply(HALF_PI, MC), MC);
        int k = kq.remainder(BigDecimal.valueOf(4)).intValue();
        if (k < 0) {
            k += 4;
        }
        if (!sine) {
            k = (k + 1) & 3; // cos x = sin(x + pi/2)
        }
        switch (k) {
            case 0: return sinBig(r);
            case 1: return cosBig(r);
            case 2: return sinBig(r).negate();
            default: return cosBig(r).negate();
        }
    }

    private static BigDecimal sinBig(BigDecimal r) {
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = r;
        BigDecimal sum = r;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * n) * (2L * n + 1)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPS.multiply(sum.abs(), MC)) < 0) {
                break;
            }
        }
        return sum;
    }

    private static BigDecimal cosBig(BigDecimal r) {
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * n - 1) * (2L * n)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPS.multiply(sum.abs(), MC)) < 0) {
                break;
            }
        }
        return sum;
    }

    /** atan(t) for t > 0. */
    private static BigDecimal atanPositive(BigDecimal t) {
        boolean invert = t.compareTo(BigDecimal.ONE) > 0;
        BigDecimal u = invert ? BigDecimal.ONE.divide(t, MC) : t;
        // halve the angle until small: atan u = 2 atan(u / (1 + sqrt(1 + u^2)))
        int doublings = 0;
        while (u.compareTo(new BigDecimal("0.05")) > 0) {
            BigDecimal s = BigDecimal.ONE.add(u.multiply(u, MC), MC).sqrt(MC);
            u = u.divide(BigDecimal.ONE.add(s, MC), MC);
            doublings++;
        }
        BigDecimal u2 = u.multiply(u, MC);
        BigDecimal term = u;
        BigDecimal sum = u;
        for (int n = 1; n < 200; n++) {
            term = term.multiply(u2, MC).negate();
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(add, MC);
            if (add.abs().compareTo(EPS.multiply(sum.abs(), MC)) < 0) {
                break;
            }
        }
        for (int i = 0; i < doublings; i++) {
            sum = sum.add(sum, MC);
        }
        return invert ? HALF_PI.subtract(sum, MC) : sum;
    }
}
