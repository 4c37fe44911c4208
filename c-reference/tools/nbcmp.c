/* nbcmp: comparison helper for `make check` (no python needed).
 *   nbcmp argv CASE.json            print the case argv, one token per line
 *   nbcmp gates THRESHOLDS.json     print "bitfrac maxulp sumtol tracepulp"
 *   nbcmp float REF OUT THRESHOLDS  float32 image gates; prints the metrics
 *   nbcmp facts CASE.json STDOUT    upstream_facts_from_stdout found in STDOUT
 *   nbcmp trace GOLDEN OURS THRESHOLDS  golden TRACE_C values vs protocol trace
 *   nbcmp json FILE KEY...          print a (nested) scalar value, empty if absent
 *   nbcmp ndiff A B                 number of float32 pixels whose bits differ
 * Exit status 0 = pass, 1 = gate failed, 2 = usage/input error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;
    if (fp == NULL) { fprintf(stderr, "nbcmp: cannot open %s\n", path); exit(2); }
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n) { fprintf(stderr, "nbcmp: cannot read %s\n", path); exit(2); }
    buf[n] = '\0';
    fclose(fp);
    if (len) *len = (size_t)n;
    return buf;
}

/* ---- tiny JSON helpers: enough for flat string arrays and objects ---- */
static const char *skip_ws(const char *p) { while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++; return p; }

/* parse a JSON string at p (which points at '"'), write unescaped into out */
static const char *json_string(const char *p, char *out, size_t cap)
{
    size_t n = 0;
    if (*p != '"') return NULL;
    p++;
    while (*p && *p != '"') {
        char ch = *p++;
        if (ch == '\\') {
            ch = *p++;
            if (ch == 'n') ch = '\n';
            else if (ch == 't') ch = '\t';
            else if (ch == 'u') { p += 4; ch = '?'; }
        }
        if (n + 1 < cap) out[n++] = ch;
    }
    out[n] = '\0';
    return *p == '"' ? p + 1 : NULL;
}

static const char *json_key(const char *doc, const char *key)
{
    char pat[256];
    const char *p;
    snprintf(pat, sizeof pat, "\"%s\"", key);
    p = strstr(doc, pat);
    if (p == NULL) return NULL;
    p = skip_ws(p + strlen(pat));
    if (*p != ':') return NULL;
    return skip_ws(p + 1);
}

static double json_number(const char *doc, const char *section, const char *key, double dflt)
{
    const char *s = section ? json_key(doc, section) : doc;
    const char *v;
    if (s == NULL) return dflt;
    v = json_key(s, key);
    return v ? strtod(v, NULL) : dflt;
}

static int cmd_argv(const char *path)
{
    char *doc = slurp(path, NULL);
    const char *p = json_key(doc, "argv");
    char tok[4096];
    if (p == NULL || *p != '[') { fprintf(stderr, "nbcmp: no argv in %s\n", path); return 2; }
    p = skip_ws(p + 1);
    while (*p == '"') {
        p = json_string(p, tok, sizeof tok);
        if (p == NULL) return 2;
        printf("%s\n", tok);
        p = skip_ws(p);
        if (*p == ',') p = skip_ws(p + 1);
    }
    return 0;
}

typedef struct { double bitfrac, maxulp, sumtol, traceulp; } gates;

static gates read_gates(const char *path)
{
    char *doc = slurp(path, NULL);
    gates g;
    const char *tr;
    g.bitfrac = json_number(doc, "image", "bitwise_fraction_min", NAN);
    g.maxulp = json_number(doc, "image", "max_ulp_float32", NAN);
    g.sumtol = json_number(doc, "image", "abs_sum_ratio_minus_1_max", NAN);
    tr = json_key(doc, "trace");
    g.traceulp = tr ? json_number(tr, "default", "max_ulp", NAN) : NAN;
    if (isnan(g.bitfrac) || isnan(g.maxulp) || isnan(g.sumtol) || isnan(g.traceulp)) {
        fprintf(stderr, "nbcmp: %s lacks an image or trace gate\n", path);
        exit(2);
    }
    free(doc);
    return g;
}

/* distance in representable float32 steps (sign-magnitude ordering) */
static int64_t ord32(float f) { int32_t i; memcpy(&i, &f, 4); return i < 0 ? (int64_t)INT32_MIN - i : i; }
static int64_t ord64(double d) { int64_t i; memcpy(&i, &d, 8); return i < 0 ? INT64_MIN - i : i; }

static int cmd_float(const char *ref, const char *out, const char *thr)
{
    gates g = read_gates(thr);
    size_t nr, no, n, i, same = 0;
    char *a = slurp(ref, &nr), *b = slurp(out, &no);
    int64_t worst = 0;
    double sa = 0, sb = 0, ratio, frac;
    int ok;
    if (nr != no || nr % 4) { printf("size mismatch %zu vs %zu\n", nr, no); return 1; }
    n = nr / 4;
    for (i = 0; i < n; i++) {
        float x, y;
        int64_t d;
        memcpy(&x, a + 4 * i, 4);
        memcpy(&y, b + 4 * i, 4);
        if (memcmp(&x, &y, 4) == 0) same++;
        d = ord32(x) - ord32(y);
        if (d < 0) d = -d;
        if (d > worst) worst = d;
        sa += x;
        sb += y;
    }
    ratio = (sa == 0 && sb == 0) ? 1.0 : sb / sa;
    frac = n ? (double)same / n : 1.0;
    ok = frac >= g.bitfrac && worst <= g.maxulp && fabs(ratio - 1) <= g.sumtol;
    printf("bitwise=%.6f maxulp=%lld sumratio=%.17g %s\n", frac, (long long)worst, ratio, ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}

/* each fact must be visible in our stdout in the form upstream prints it */
static int cmd_facts(const char *cj, const char *so)
{
    char *doc = slurp(cj, NULL), *text = slurp(so, NULL);
    const char *p = json_key(doc, "upstream_facts_from_stdout");
    char key[256], val[2048], need[8192];
    int bad = 0, n = 0;
    if (p == NULL || *p != '{') { printf("facts: none in %s\n", cj); return 0; }
    p = skip_ws(p + 1);
    while (*p == '"') {
        p = json_string(p, key, sizeof key);
        p = skip_ws(p);
        p = skip_ws(p + 1);
        if (*p == '[') {
            p = skip_ws(p + 1);
            while (*p == '"') {
                p = json_string(p, val, sizeof val);
                n++;
                if (strstr(text, val) == NULL) { printf("fact %s: missing '%s'\n", key, val); bad++; }
                p = skip_ws(p);
                if (*p == ',') p = skip_ws(p + 1);
            }
            p = skip_ws(p + 1);
        } else {
            p = json_string(p, val, sizeof val);
            if (p == NULL) break;
            need[0] = '\0';
            if (!strcmp(key, "convention")) snprintf(need, sizeof need, "\n%s convention selected.\n", val);
            else if (!strcmp(key, "pivot")) snprintf(need, sizeof need, "pivoting detector around %s\n", val);
            else if (!strcmp(key, "oversample")) snprintf(need, sizeof need, "  %sx%s pixel oversample steps", val, val);
            else if (!strcmp(key, "sources")) snprintf(need, sizeof need, "  %s sources\n", val);
            else if (!strcmp(key, "mosaic_domains")) snprintf(need, sizeof need, "  %s mosaic domains over", val);
            else if (!strcmp(key, "phisteps")) snprintf(need, sizeof need, "  %s phi steps from", val);
            else if (!strcmp(key, "interpolation_auto")) snprintf(need, sizeof need, "auto-selected %s", val);
            else if (!strcmp(key, "max_I")) snprintf(need, sizeof need, "max_I = %s\n", val);
            else if (!strcmp(key, "intfile_scale")) snprintf(need, sizeof need, "intfile_scale = %s\n", val);
            else if (!strcmp(key, "noise_photons")) snprintf(need, sizeof need, "\n%s photons on noise image", val);
            else { strncpy(need, val, sizeof need - 1); need[sizeof need - 1] = 0; }
            n++;
            if (strstr(text, need) == NULL) { printf("fact %s: missing '%s'\n", key, need); bad++; }
        }
        p = skip_ws(p);
        if (*p == ',') p = skip_ws(p + 1);
    }
    printf("facts: %d checked, %d missing\n", n, bad);
    return bad ? 1 : 0;
}

/* ---- trace comparison ---- */
typedef struct { char name[160]; int n; double v[8]; } rec;

static int parse_values(const char *s, double *v, int cap)
{
    int n = 0;
    char *end;
    while (n < cap) {
        double d = strtod(s, &end);
        if (end == s) break;
        v[n++] = d;
        s = end;
    }
    return n;
}

static rec *ours_load(const char *path, int *count)
{
    char *text = slurp(path, NULL), *line = text;
    rec *r = NULL;
    int n = 0, cap = 0;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if (strncmp(line, "TRACE_C: ", 9) == 0) {
            char *sp = strchr(line + 9, ' ');
            if (sp) {
                if (n == cap) { cap = cap ? 2 * cap : 1024; r = realloc(r, (size_t)cap * sizeof *r); }
                *sp = '\0';
                snprintf(r[n].name, sizeof r[n].name, "%s", line + 9);
                r[n].n = parse_values(sp + 1, r[n].v, 8);
                n++;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    *count = n;
    return r;
}

static const rec *find(const rec *r, int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(r[i].name, name)) return &r[i];
    return NULL;
}

/* golden values are %.15g: allow the ULP budget plus half a unit of the 15th digit */
static int close_enough(double ours, double gold, double ulps, double *dist)
{
    double tol;
    if (ours == gold) { *dist = 0; return 1; }
    if (isnan(ours) || isnan(gold)) { *dist = INFINITY; return 0; }
    *dist = fabs((double)(ord64(ours) - ord64(gold)));
    tol = ulps * fabs(nextafter(ours, INFINITY) - ours);
    if (gold != 0) tol += 0.5 * pow(10.0, floor(log10(fabs(gold))) - 14);
    return fabs(ours - gold) <= tol || fabs(ours - gold) <= 1e-300;
}

static int cmd_trace(const char *golden, const char *oursfile, const char *thr)
{
    gates g = read_gates(thr);
    int nour, sub = -1, checked = 0, bad = 0, os = 1, thick = 1;
    rec *our = ours_load(oursfile, &nour);
    const rec *r;
    char *text = slurp(golden, NULL), *line = text;
    r = find(our, nour, "oversample");
    if (r) os = (int)r->v[0];
    r = find(our, nour, "thicksteps");
    if (r) thick = (int)r->v[0];
    (void)thick;
    while (line && *line) {
        char *nl = strchr(line, '\n'), *sp, key[128], name[400], idx[64];
        double gv[8], scale = 1.0;
        int gn, k, vi0 = 0;
        const char *target = NULL;
        if (nl) *nl = '\0';
        if (strncmp(line, "TRACE_C: ", 9) != 0) { line = nl ? nl + 1 : NULL; continue; }
        sp = strchr(line + 9, ' ');
        if (sp == NULL) { line = nl ? nl + 1 : NULL; continue; }
        snprintf(key, sizeof key, "%.*s", (int)(sp - line - 9), line + 9);
        gn = parse_values(sp + 1, gv, 8);
        if (!strcmp(key, "pix0_vector_meters")) sub++;
        snprintf(idx, sizeof idx, "t=%d,sy=%d,sx=%d", sub / (os * os), (sub / os) % os, sub % os);
        name[0] = '\0';
        /* golden key -> protocol record (trace-keys.md 4) */
        if (!strcmp(key, "pix0_vector_meters") || !strcmp(key, "fdet_vec") || !strcmp(key, "sdet_vec") ||
            !strcmp(key, "close_distance_meters") || !strcmp(key, "r_e_sqr") || !strcmp(key, "steps") ||
            !strcmp(key, "I_before_scaling") || !strcmp(key, "capture_fraction") || !strcmp(key, "polar") ||
            !strcmp(key, "omega_pixel") || !strcmp(key, "I_pixel_final"))
            target = key;
        else if (!strcmp(key, "fluence_photons_per_m2")) target = "fluence";
        else if (!strcmp(key, "floatimage_accumulated")) target = "floatimage_bits";
        if (target) snprintf(name, sizeof name, "%s", target);
        else if (!strcmp(key, "pixel_pos_meters") || !strcmp(key, "R_distance_meters") ||
                 !strcmp(key, "omega_pixel_sr") || !strcmp(key, "diffracted_vec"))
            snprintf(name, sizeof name, "%s[%s]", key, idx);
        else if (!strcmp(key, "incident_vec") || !strcmp(key, "lambda_meters"))
            snprintf(name, sizeof name, "%s[%s,src=0]", key, idx);
        else if (!strcmp(key, "scattering_vec_A_inv"))
            snprintf(name, sizeof name, "scattering_vec[%s,src=0]", idx);
        else if (!strcmp(key, "hkl_frac") || !strcmp(key, "hkl_rounded") || !strcmp(key, "F_latt") ||
                 !strcmp(key, "F_cell") || !strcmp(key, "F_latt_a") || !strcmp(key, "F_latt_b") ||
                 !strcmp(key, "F_latt_c"))
            snprintf(name, sizeof name, "%s[%s,src=0,phi=0,mos=0]", key, idx);
        else if (!strncmp(key, "rot_", 4) && strstr(key, "_angstroms") && !strstr(key, "star")) {
            snprintf(name, sizeof name, "rot_%c[%s,src=0,phi=0,mos=0]", key[4], idx);
            scale = 1e10;
        }
        if (name[0]) {
            r = find(our, nour, name);
            if (r == NULL) {
                printf("trace: %s (golden %s) missing in ours\n", name, key);
                bad++;
            } else {
                for (k = 0; k < gn && vi0 + k < r->n; k++) {
                    double d, mine = r->v[vi0 + k] * scale;
                    checked++;
                    if (!close_enough(mine, gv[k], g.traceulp, &d)) {
                        printf("trace: %s[%d] ours %.17g golden %.15g (%.0f ulp)\n", name, k, mine, gv[k], d);
                        bad++;
                    }
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    printf("trace: %d values checked, %d outside %g ulp\n", checked, bad, g.traceulp);
    return bad ? 1 : 0;
}

static int cmd_json(const char *path, int nkeys, char **keys)
{
    char *doc = slurp(path, NULL), val[1024];
    const char *p = doc;
    int k;
    for (k = 0; k < nkeys && p != NULL; k++) p = json_key(p, keys[k]);
    if (p == NULL) return 0;
    if (*p == '"') {
        if (json_string(p, val, sizeof val)) printf("%s\n", val);
    } else {
        size_t n = strcspn(p, ",}\n ");
        printf("%.*s\n", (int)n, p);
    }
    return 0;
}

static int cmd_ndiff(const char *a, const char *b)
{
    size_t na, nb, i, n = 0;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    if (na != nb) { printf("size mismatch\n"); return 1; }
    for (i = 0; i + 4 <= na; i += 4)
        if (memcmp(x + i, y + i, 4) != 0) n++;
    printf("%zu\n", n);
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc >= 4 && !strcmp(argv[1], "json")) return cmd_json(argv[2], argc - 3, argv + 3);
    if (argc == 4 && !strcmp(argv[1], "ndiff")) return cmd_ndiff(argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "argv")) return cmd_argv(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "gates")) {
        gates g = read_gates(argv[2]);
        printf("%g %g %g %g\n", g.bitfrac, g.maxulp, g.sumtol, g.traceulp);
        return 0;
    }
    if (argc == 5 && !strcmp(argv[1], "float")) return cmd_float(argv[2], argv[3], argv[4]);
    if (argc == 4 && !strcmp(argv[1], "facts")) return cmd_facts(argv[2], argv[3]);
    if (argc == 5 && !strcmp(argv[1], "trace")) return cmd_trace(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: nbcmp argv|gates|float|facts|trace|json|ndiff ...\n");
    return 2;
}
