package org.nbparity.sim.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * glibc's libm is the reference (setup.md R4). Expected values: glibc 2.36 (what upstream's
 * binary calls) and, for the fallback, the correctly rounded value (mpmath at 200 bits). The
 * three inputs are cases where glibc is NOT correctly rounded.
 */
class LibmTest {
    @Test
    void glibcBackendIsActiveInTheTestJvm() {
        assertEquals("glibc", Libm.backend());
    }

    @Test
    void glibcValuesWhereGlibcMisrounds() {
        assertEquals(0x1.617964c2ece58p-1, Libm.sin(0x1.862697f3e6f2fp-1));
        assertEquals(-0x1.569b272798404p-3, Libm.cos(-0x1.bd26e48ca054cp0));
        assertEquals(-0x1.afb7ef50a32cap-1, Libm.cos(-0x1.4978fd1ac519dp1));
    }

    @Test
    void fallbackIsCorrectlyRounded() throws Exception {
        // run the fallback in a child JVM without the foreign API
        ProcessBuilder pb = new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dnb.libm=java",
                LibmTest.class.getName() + "$Probe");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("correctly-rounded 0x1.617964c2ece57p-1 -0x1.569b272798403p-3 -0x1.afb7ef50a32cbp-1", out);
    }

    /** Child-JVM probe for the fallback backend. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(Libm.backend() + " " + Double.toHexString(Libm.sin(0x1.862697f3e6f2fp-1))
                    + " " + Double.toHexString(Libm.cos(-0x1.bd26e48ca054cp0))
                    + " " + Double.toHexString(Libm.cos(-0x1.4978fd1ac519dp1)));
        }
    }
}
