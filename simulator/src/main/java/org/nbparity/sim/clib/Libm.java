package org.nbparity.sim.clib;

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

    /**
     * The probed foreign linker, or null: the Java backend. Probing (loading libm, checking that
     * the JVM grants native access, finding the symbols) is cheap; creating a downcall handle is
     * not (measured ~0.1-0.15 s for the first one in a fresh JVM, mostly method-handle classes
     * spun at run time, which the CDS archive cannot hold), so each handle is created when first
     * needed ({@link Bound}), and {@link #prewarm()} creates setup's three on a background thread
     * while the main thread parses and starts setup.
     */
    private static final Glibc GLIBC;
    private static final String BACKEND;

    static {
        Glibc g = null;
        if (!"java".equals(System.getProperty("nb.libm"))) {
            try {
                g = Glibc.probe();
            } catch (Throwable t) {
                g = null;
            }
        }
        GLIBC = g;
        BACKEND = g != null ? "glibc" : "correctly-rounded";
    }

    /** "glibc" or "correctly-rounded". */
    public static String backend() {
        return BACKEND;
    }

    /**
     * Starts binding sin, cos and atan2 (the functions setup calls) on a daemon thread, so that
     * the first calls find them ready or wait only for the rest of the work; the values do not
     * depend on which thread binds. No effect with the Java backend.
     */
    public static void prewarm() {
        if (GLIBC == null) {
            return;
        }
        Thread t = new Thread(() -> {
            // reading a holder's field creates its handle
            MethodHandle[] bound = {Bound.Sin.H, Bound.Cos.H, Bound.Atan2.H};
        }, "nanobragg-libm");
        t.setDaemon(true);
        t.start();
    }

    /** libm.so.6 found through the incubator foreign API, by reflection so that this class
     * compiles and loads without the incubator module. */
    private static final class Glibc {
        private final Object linker;
        private final java.lang.reflect.Method downcallHandle;
        private final Object fd1;
        private final Object fd2;
        private final java.util.Map<String, Object> symbols = new java.util.HashMap<>();

        private Glibc(Object linker, java.lang.reflect.Method downcallHandle, Object fd1, Object fd2) {
            this.linker = linker;
            this.downcallHandle = downcallHandle;
            this.fd1 = fd1;
            this.fd2 = fd2;
        }

        /** Null when libm or one of its symbols is missing; throws when the API is unusable. */
        static Glibc probe() throws Throwable {
            String[] paths = {"/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
                "/lib64/libm.so.6", "/usr/lib64/libm.so.6", "/lib/aarch64-linux-gnu/libm.so.6"};
            String path = null;
            for (String p : paths) {
                if (new java.io.File(p).isFile()) {
                    path = p;
                    break;
                }
            }
            if (path == null) {
                return null;
            }
            Class<?> linkerC = Class.forName("jdk.incubator.foreign.CLinker");
            Class<?> lookupC = Class.forName("jdk.incubator.foreign.SymbolLookup");
            Class<?> fdC = Class.forName("jdk.incubator.foreign.FunctionDescriptor");
            Class<?> layoutC = Class.forName("jdk.incubator.foreign.MemoryLayout");
            Class<?> addrC = Class.forName("jdk.incubator.foreign.Addressable");
            System.load(path);
            // a restricted method: throws unless the JVM runs with --enable-native-access
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
            Glibc g = new Glibc(linker, linkerC.getMethod("downcallHandle", addrC, MethodType.class, fdC), fd1, fd2);
            for (String name : new String[] {"sin", "cos", "tan", "atan2", "exp", "log", "pow"}) {
                java.util.Optional<?> sym = (java.util.Optional<?>) lk.invoke(lookup, name);
                if (sym.isEmpty()) {
                    return null;
                }
                g.symbols.put(name, sym.get());
            }
            return g;
        }

        /** The downcall handle of a probed symbol, or null if it cannot be made. */
        MethodHandle bind(String name, int arity) {
            try {
                MethodType mt = arity == 2 ? MethodType.methodType(double.class, double.class, double.class)
                        : MethodType.methodType(double.class, double.class);
                return (MethodHandle) downcallHandle.invoke(linker, symbols.get(name), mt, arity == 2 ? fd2 : fd1);
            } catch (Throwable t) {
                return null;
            }
        }
    }

    /**
     * One lazily created handle per function (class initialisation makes the creation happen once,
     * and a caller that arrives while another thread creates it waits). Null: the Java backend,
     * or (not expected once the probe succeeded) a handle that could not be made, in which case
     * that function falls back to the Java code.
     */
    private static final class Bound {
        private Bound() {
        }

        private static MethodHandle bind(String name, int arity) {
            return GLIBC == null ? null : GLIBC.bind(name, arity);
        }

        static final class Sin {
            static final MethodHandle H = selfChecked(bind("sin", 1));

            /** Against a value where fdlibm and glibc agree. */
            private static MethodHandle selfChecked(MethodHandle h) {
                try {
                    return h != null && (double) h.invokeExact(0.5) == StrictMath.sin(0.5) ? h : null;
                } catch (Throwable t) {
                    return null;
                }
            }
        }

        static final class Cos {
            static final MethodHandle H = bind("cos", 1);
        }

        static final class Tan {
            static final MethodHandle H = bind("tan", 1);
        }

        static final class Atan2 {
            static final MethodHandle H = bind("atan2", 2);
        }

        static final class Exp {
            static final MethodHandle H = bind("exp", 1);
        }

        static final class Log {
            static final MethodHandle H = bind("log", 1);
        }

        static final class Pow {
            static final MethodHandle H = bind("pow", 2);
        }
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
        if (x == 0.0) {
            return x; // +-0 as glibc returns it, without creating the handle (zero angles are common)
        }
        if (GLIBC != null && Bound.Sin.H != null) {
            return call1(Bound.Sin.H, x);
        }
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) > 1e6) {
            return StrictMath.sin(x);
        }
        if (Math.abs(x) < 1e-8) {
            return round(sinBig(new BigDecimal(x)));
        }
        return round(sinCos(x, true));
    }

    /** cos. */
    public static double cos(double x) {
        if (x == 0.0) {
            return 1.0; // as glibc, without creating the handle
        }
        if (GLIBC != null && Bound.Cos.H != null) {
            return call1(Bound.Cos.H, x);
        }
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) > 1e6) {
            return StrictMath.cos(x);
        }
        return round(sinCos(x, false));
    }

    /** tan (glibc, else StrictMath). */
    public static double tan(double x) {
        return GLIBC != null && Bound.Tan.H != null ? call1(Bound.Tan.H, x) : StrictMath.tan(x);
    }

    /** exp (glibc, else StrictMath). */
    public static double exp(double x) {
        return GLIBC != null && Bound.Exp.H != null ? call1(Bound.Exp.H, x) : StrictMath.exp(x);
    }

    /** log (glibc, else StrictMath). */
    public static double log(double x) {
        return GLIBC != null && Bound.Log.H != null ? call1(Bound.Log.H, x) : StrictMath.log(x);
    }

    /** pow (glibc, else StrictMath). */
    public static double pow(double x, double y) {
        return GLIBC != null && Bound.Pow.H != null ? call2(Bound.Pow.H, x, y) : StrictMath.pow(x, y);
    }

    /**
     * atan2(y, x) for an angle that is only printed, as {@code %g} of {@code angle * scale}
     * ({@code scale > 0}): StrictMath's atan2 when every value within 4 ULP of it prints the
     * same, else glibc's. Both are within 1 ULP of the true angle, so glibc's then prints the
     * same text, and setup need not create the downcall handle (see {@link #prewarm()}).
     */
    public static double atan2Printed(double y, double x, double scale) {
        double j = StrictMath.atan2(y, x);
        if (GLIBC == null || !Double.isFinite(j) || j == 0.0) {
            return atan2(y, x);
        }
        double lo = j, hi = j;
        for (int i = 0; i < 4; i++) {
            lo = Math.nextDown(lo);
            hi = Math.nextUp(hi);
        }
        // %g rounds monotonically, so the ends printing alike means everything between does
        if (CFormat.sprintf("%g", lo * scale).equals(CFormat.sprintf("%g", hi * scale))) {
            return j;
        }
        return atan2(y, x);
    }

    /** atan2 (special cases as C99 Annex F). */
    public static double atan2(double y, double x) {
        if (GLIBC != null && Bound.Atan2.H != null) {
            return call2(Bound.Atan2.H, y, x);
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
