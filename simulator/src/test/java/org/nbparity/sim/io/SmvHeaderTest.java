package org.nbparity.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ValueOf (setup.md H11): last substring occurrence, text after the next '='. */
class SmvHeaderTest {
    private static final String H = "{\nHEADER_BYTES=512;\nDISTANCE=100;\nCLOSE_DISTANCE=80;\nXDS_ORGX=12.5;\nFLAG;\n}";

    @Test
    void lastSubstringOccurrenceWins() {
        assertEquals(80.0, SmvHeader.valueOf("DISTANCE", H));
        assertEquals(12.5, SmvHeader.valueOf("ORGX", H));
    }

    @Test
    void missingKeyIsNanAndNoEqualsIsZero() {
        assertTrue(Double.isNaN(SmvHeader.valueOf("WAVELENGTH", H)));
        assertEquals(0.0, SmvHeader.valueOf("FLAG;\n}", H));
        // with '=' somewhere later the value after that '=' is taken
        assertEquals(80.0, SmvHeader.valueOf("HEADER", "{\nHEADER x\nCLOSE=80;"));
    }
}
