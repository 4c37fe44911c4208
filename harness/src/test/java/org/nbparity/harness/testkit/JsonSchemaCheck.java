package org.nbparity.harness.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The subset of JSON Schema 2020-12 that harness/metrics.schema.json uses (type, const, enum,
 * required, properties, additionalProperties, items, minItems, maxItems, minimum, pattern, oneOf,
 * local $ref), for tests: no validator library is among the project's pinned dependencies.
 */
public final class JsonSchemaCheck {
    private final JsonNode root;

    public JsonSchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** The violations of {@code value}, one line each with its JSON pointer; empty when valid. */
    public List<String> problems(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(root, value, "", out);
        return out;
    }

    private void check(JsonNode s, JsonNode v, String at, List<String> out) {
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            check(root.at(ref.substring(1)), v, at, out);
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            out.add(at + ": must be " + s.get("const"));
        }
        if (s.has("enum")) {
            boolean any = false;
            for (JsonNode e : s.get("enum")) {
                any |= e.equals(v);
            }
            if (!any) {
                out.add(at + ": " + v + " not in " + s.get("enum"));
            }
        }
        if (s.has("type") && !typeOk(s.get("type"), v)) {
            out.add(at + ": " + v.getNodeType() + " is not " + s.get("type"));
            return;
        }
        if (s.has("oneOf")) {
            int ok = 0;
            for (JsonNode alt : s.get("oneOf")) {
                List<String> p = new ArrayList<>();
                check(alt, v, at, p);
                ok += p.isEmpty() ? 1 : 0;
            }
            if (ok != 1) {
                out.add(at + ": matches " + ok + " of oneOf");
            }
        }
        if (s.has("pattern") && v.isTextual() && !v.asText().matches(s.get("pattern").asText().replace("^", "").replace("$", ""))) {
            out.add(at + ": '" + v.asText() + "' does not match " + s.get("pattern").asText());
        }
        if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) {
            out.add(at + ": below " + s.get("minimum"));
        }
        if (v.isObject()) {
            for (JsonNode r : s.path("required")) {
                if (!v.has(r.asText())) {
                    out.add(at + ": missing " + r.asText());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode ps = s.path("properties").get(e.getKey());
                if (ps != null) {
                    check(ps, e.getValue(), at + "/" + e.getKey(), out);
                } else if (s.has("additionalProperties")) {
                    JsonNode ap = s.get("additionalProperties");
                    if (ap.isBoolean() && !ap.asBoolean()) {
                        out.add(at + ": unexpected member " + e.getKey());
                    } else if (ap.isObject()) {
                        check(ap, e.getValue(), at + "/" + e.getKey(), out);
                    }
                }
            }
        }
        if (v.isArray()) {
            if (s.has("minItems") && v.size() < s.get("minItems").asInt() || s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
                out.add(at + ": " + v.size() + " items");
            }
            if (s.has("items")) {
                for (int i = 0; i < v.size(); i++) {
                    check(s.get("items"), v.get(i), at + "/" + i, out);
                }
            }
        }
    }

    private static boolean typeOk(JsonNode t, JsonNode v) {
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (typeOk(x, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (t.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || v.isNumber() && v.asDouble() == Math.rint(v.asDouble());
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
