package org.nbparity.harness.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalTest {
    @Test
    void formatMatchesPythonJsonDumps() throws Exception {
        JsonNode n = Canonical.MAPPER.readTree("{\"b\":[1,{\"z\":null,\"a\":true}],\"a\":\"x\\\"é\\n\",\"c\":[],\"d\":{},\"e\":1e-7,\"f\":0.5}");
        // python3 -c 'import json;print(json.dumps(x, indent=2, sort_keys=True, ensure_ascii=False))'
        String expected = "{\n  \"a\": \"x\\\"é\\n\",\n  \"b\": [\n    1,\n    {\n      \"a\": true,\n      \"z\": null\n    }\n  ],\n"
                + "  \"c\": [],\n  \"d\": {},\n  \"e\": 1e-07,\n  \"f\": 0.5\n}\n";
        assertEquals(expected, Canonical.write(n));
    }

    @Test
    void pythonFloatRepr() {
        assertEquals("1e-07", Canonical.pythonRepr(1e-7));
        assertEquals("0.0001", Canonical.pythonRepr(1e-4));
        assertEquals("1e-05", Canonical.pythonRepr(1e-5));
        assertEquals("1e+16", Canonical.pythonRepr(1e16));
        assertEquals("1234567890123456.0", Canonical.pythonRepr(1234567890123456.0));
        assertEquals("-2.5", Canonical.pythonRepr(-2.5));
        assertEquals("0.1", Canonical.pythonRepr(0.1));
        assertEquals("1.2593201528622709e+29", Canonical.pythonRepr(1.2593201528622709e29));
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheHash() throws Exception {
        JsonNode a = Canonical.MAPPER.readTree("{\"x\": 1, \"y\": [\"a\", \"b\"]}");
        JsonNode b = Canonical.MAPPER.readTree("{ \"y\":[\"a\",\"b\"] ,\"x\":1 }");
        JsonNode c = Canonical.MAPPER.readTree("{\"x\": 2, \"y\": [\"a\", \"b\"]}");
        assertEquals(Canonical.sha256(Canonical.bytes(a)), Canonical.sha256(Canonical.bytes(b)));
        assertNotEquals(Canonical.sha256(Canonical.bytes(a)), Canonical.sha256(Canonical.bytes(c)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Canonical.sha256(new byte[0]));
    }

    @Test
    void everyCommittedCaseIsCanonicalAndItsHashIsTheFileHash() throws Exception {
        CaseRepository repo = new CaseRepository(TestEnv.repo());
        List<LoadedCase> all = repo.all();
        assertTrue(all.size() >= 18 + 15, "golden (18) and flag (15) cases expected, found " + all.size());
        for (LoadedCase c : all) {
            byte[] file = Files.readAllBytes(c.file());
            assertEquals(c.canonical(), new String(file, StandardCharsets.UTF_8), c.id() + " is not in canonical form");
            assertEquals(Canonical.sha256(file), c.sha256(), c.id());
            assertEquals(8, c.hash8().length());
            // binding to the record and back loses nothing
            assertEquals(c.canonical(), Canonical.write(Canonical.MAPPER.valueToTree(c.data())), c.id() + " round trip");
        }
    }

    @Test
    void aChangedArgumentChangesTheCaseHash(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        LoadedCase c = new CaseRepository(TestEnv.repo()).load("f03_mosflm_detsize", null);
        String text = c.canonical().replace("\"5.1\"", "\"5.2\"");
        assertNotEquals(c.canonical(), text);
        Path f = tmp.resolve("f03_mosflm_detsize.json");
        Files.writeString(f, text);
        LoadedCase d = CaseRepository.loadFile(f);
        assertNotEquals(c.sha256(), d.sha256());
        assertFalse(c.hash8().equals(d.hash8()));
    }
}
