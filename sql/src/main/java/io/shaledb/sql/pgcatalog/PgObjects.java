package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Function;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The non-relation catalogs: pg_type, pg_proc, pg_am, pg_database, pg_collation, pg_tablespace,
 * pg_settings, pg_language, and the empty catalogs of features ShaleDB does not have (row-level
 * security policies, extended statistics, publications, extensions, role membership, enums,
 * event triggers, foreign servers and wrappers, per-role settings).
 *
 * <p>pg_proc lists user functions (OID 16384 + id, language plpgsql or sql) and one row per
 * built-in overload (OIDs from 10000 in name order: not stable across releases).
 */
public final class PgObjects {
    static final int LANG_INTERNAL = 12;
    static final int LANG_SQL = 14;
    static final int LANG_PLPGSQL = 13000;
    static final int FIRST_BUILTIN_PROC = 10000;

    /**
     * The types' I/O and support functions (boolin, array_in, array_subscript_handler ...) under
     * PostgreSQL's OIDs, from the resource {@code pg_proc_io.tsv} (oid, name, argument type OIDs,
     * result type OID, strict, volatility): pg_type's regproc columns point at them, and drivers
     * compare with them ({@code typinput = 'array_in'::regproc}).
     */
    private static final List<Proc> IO_PROCS = loadIoProcs();
    private static final java.util.Map<String, Integer> IO_OIDS = new java.util.HashMap<>();

    static {
        IO_PROCS.forEach(p -> IO_OIDS.putIfAbsent(p.name(), p.oid()));
    }

    private PgObjects() {}

    /** The OID of I/O function {@code name}, 0 for {@code -} (none). */
    static int ioOid(String name) {
        return IO_OIDS.getOrDefault(name, 0);
    }

    private static List<Proc> loadIoProcs() {
        List<Proc> out = new ArrayList<>();
        try (java.io.InputStream in = PgObjects.class.getResourceAsStream("pg_proc_io.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource pg_proc_io.tsv is missing from the sql module");
            }
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<Integer> args = f[2].isEmpty() ? List.of()
                        : java.util.Arrays.stream(f[2].split(" ")).map(Integer::parseInt).toList();
                out.add(new Proc(Integer.parseInt(f[0]), f[1], Oids.PG_CATALOG, LANG_INTERNAL, 'f', f[5].charAt(0), args, List.of(),
                        List.of(), Integer.parseInt(f[3]), f[1]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading pg_proc_io.tsv", e);
        }
        return List.copyOf(out);
    }

    /** The OID of the function called {@code name} (schema-qualified or not; the first of its overloads), or null. */
    public static Long functionOid(PgContext ctx, String name) {
        String schema = name.indexOf('.') < 0 ? null : io.shaledb.sql.catalog.Catalog.schemaOf(name);
        String bare = io.shaledb.sql.catalog.Catalog.bareName(name);
        for (Proc p : procs(ctx)) {
            if (p.name().equals(bare) && (schema == null || Oids.namespace(ctx.catalog(), ctx.tx(), schema) == p.namespace())) {
                return (long) p.oid();
            }
        }
        return null;
    }

    /** The name of function {@code oid} as regproc prints it, or null. */
    public static String functionName(PgContext ctx, long oid) {
        Proc p = proc(ctx, oid);
        return p == null ? null : p.name();
    }

    static void register() {
        PgCatalog.define("pg_type", PgObjects::pgType, "oid oid", "typname text", "typnamespace oid", "typowner oid", "typlen int2",
                "typbyval bool", "typtype text", "typcategory text", "typispreferred bool", "typisdefined bool", "typdelim text",
                "typrelid oid", "typsubscript regproc", "typelem oid", "typarray oid", "typinput regproc", "typoutput regproc",
                "typreceive regproc", "typsend regproc", "typmodin regproc", "typmodout regproc", "typanalyze regproc", "typalign text",
                "typstorage text", "typnotnull bool", "typbasetype oid", "typtypmod int", "typndims int", "typcollation oid",
                "typdefaultbin text", "typdefault text", "typacl text[]");
        PgCatalog.define("pg_proc", PgObjects::pgProc, "oid oid", "proname text", "pronamespace oid", "proowner oid",
                "prolang oid", "procost real", "prorows real", "provariadic oid", "prosupport text", "prokind text",
                "prosecdef bool", "proleakproof bool", "proisstrict bool", "proretset bool", "provolatile text", "proparallel text",
                "pronargs int2", "pronargdefaults int2", "prorettype oid", "proargtypes text", "proallargtypes int4[]",
                "proargmodes text[]", "proargnames text[]", "proargdefaults text", "protrftypes int4[]", "prosrc text",
                "probin text", "prosqlbody text", "proconfig text[]", "proacl text[]");
        PgCatalog.define("pg_am", PgObjects::pgAm, "oid oid", "amname text", "amhandler text", "amtype text");
        PgCatalog.define("pg_database", PgObjects::pgDatabase, "oid oid", "datname text", "datdba oid", "encoding int",
                "datlocprovider text", "datistemplate bool", "datallowconn bool", "datconnlimit int", "datfrozenxid int",
                "datminmxid int", "dattablespace oid", "datcollate text", "datctype text", "daticulocale text",
                "datcollversion text", "datacl text[]");
        PgCatalog.define("pg_collation", PgObjects::pgCollation, "oid oid", "collname text", "collnamespace oid", "collowner oid",
                "collprovider text", "collisdeterministic bool", "collencoding int", "collcollate text", "collctype text",
                "colliculocale text", "collversion text");
        PgCatalog.define("pg_tablespace", PgObjects::pgTablespace, "oid oid", "spcname text", "spcowner oid", "spcacl text[]",
                "spcoptions text[]");
        PgCatalog.define("pg_settings", PgObjects::pgSettings, "name text", "setting text", "unit text", "category text",
                "short_desc text", "extra_desc text", "context text", "vartype text", "source text", "min_val text", "max_val text",
                "enumvals text[]", "boot_val text", "reset_val text", "sourcefile text", "sourceline int", "pending_restart bool");
        PgCatalog.define("pg_language", PgObjects::pgLanguage, "oid oid", "lanname text", "lanowner oid", "lanispl bool",
                "lanpltrusted bool", "lanplcallfoid oid", "laninline oid", "lanvalidator oid", "lanacl text[]");
        PgCatalog.define("pg_extension", PgCatalog::none, "oid oid", "extname text", "extowner oid", "extnamespace oid",
                "extrelocatable bool", "extversion text", "extconfig int4[]", "extcondition text[]");
        PgCatalog.define("pg_auth_members", PgCatalog::none, "roleid oid", "member oid", "grantor oid", "admin_option bool");
        PgCatalog.define("pg_policy", PgCatalog::none, "oid oid", "polname text", "polrelid oid", "polcmd text",
                "polpermissive bool", "polroles oid[]", "polqual text", "polwithcheck text");
        PgCatalog.define("pg_statistic_ext", PgCatalog::none, "oid oid", "stxrelid oid", "stxname text", "stxnamespace oid",
                "stxowner oid", "stxstattarget int", "stxkeys text", "stxkind text[]", "stxexprs text");
        PgCatalog.define("pg_publication", PgCatalog::none, "oid oid", "pubname text", "pubowner oid", "puballtables bool",
                "pubinsert bool", "pubupdate bool", "pubdelete bool", "pubtruncate bool", "pubviaroot bool");
        PgCatalog.define("pg_publication_rel", PgCatalog::none, "oid oid", "prpubid oid", "prrelid oid", "prqual text",
                "prattrs int2[]");
        PgCatalog.define("pg_publication_namespace", PgCatalog::none, "oid oid", "pnpubid oid", "pnnspid oid");
        PgCatalog.define("pg_enum", PgCatalog::none, "oid oid", "enumtypid oid", "enumsortorder real", "enumlabel text");
        PgCatalog.define("pg_range", PgCatalog::none, "rngtypid oid", "rngsubtype oid", "rngmultitypid oid",
                "rngcollation oid", "rngsubopc oid", "rngcanonical text", "rngsubdiff text");
        PgCatalog.define("pg_rewrite", PgCatalog::none, "oid oid", "rulename text", "ev_class oid", "ev_type text",
                "ev_enabled text", "is_instead bool", "ev_qual text", "ev_action text");
        PgCatalog.define("pg_matviews", PgCatalog::none, "schemaname text", "matviewname text", "matviewowner text",
                "tablespace text", "hasindexes bool", "ispopulated bool", "definition text");
        PgCatalog.define("pg_foreign_table", PgCatalog::none, "ftrelid oid", "ftserver oid", "ftoptions text[]");
        PgCatalog.define("pg_event_trigger", PgCatalog::none, "oid oid", "evtname text", "evtevent text", "evtowner oid",
                "evtfoid oid", "evtenabled text", "evttags text[]");
        PgCatalog.define("pg_foreign_server", PgCatalog::none, "oid oid", "srvname text", "srvowner oid", "srvfdw oid",
                "srvtype text", "srvversion text", "srvacl text[]", "srvoptions text[]");
        PgCatalog.define("pg_foreign_data_wrapper", PgCatalog::none, "oid oid", "fdwname text", "fdwowner oid", "fdwhandler oid",
                "fdwvalidator oid", "fdwacl text[]", "fdwoptions text[]");
        PgCatalog.define("pg_user_mapping", PgCatalog::none, "oid oid", "umuser oid", "umserver oid", "umoptions text[]");
        PgCatalog.define("pg_user_mappings", PgCatalog::none, "umid oid", "srvid oid", "srvname text", "umuser oid",
                "usename text", "umoptions text[]");
        PgCatalog.define("pg_db_role_setting", PgCatalog::none, "setdatabase oid", "setrole oid", "setconfig text[]");
        PgCatalog.define("pg_partitioned_table", PgCatalog::none, "partrelid oid", "partstrat text", "partnatts int2",
                "partdefid oid", "partattrs text", "partclass text", "partcollation text", "partexprs text");
    }

    private static List<Object[]> pgType(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        for (PgTypes.Type t : PgTypes.all()) {
            rows.add(new Object[] {t.oid(), t.name(), Oids.PG_CATALOG, owner, (short) t.len(), t.byVal(), String.valueOf(t.type()),
                    String.valueOf(t.category()), t.preferred(), true, ",", 0,
                    ioOid(t.category() == 'A' ? "array_subscript_handler" : "-"), t.elem(), t.array(), ioOid(t.input()),
                    ioOid(t.output()), ioOid(t.receive()), ioOid(t.send()), ioOid(t.modin()), ioOid(t.modout()),
                    ioOid(t.category() == 'A' ? "array_typanalyze" : "-"), String.valueOf(t.align()), String.valueOf(t.storage()),
                    false, 0, -1, 0, t.collation(), null, null, null});
        }
        return rows;
    }

    /** One pg_proc row in the making: the catalog functions (pg_get_function_arguments ...) read the same. */
    record Proc(int oid, String name, int namespace, int lang, char kind, char volatility, List<Integer> argTypes,
                List<String> argNames, List<String> argDefaults, int resultType, String source) {}

    /** Every function: user functions first, then the built-in overloads (computed once per statement). */
    @SuppressWarnings("unchecked")
    static List<Proc> procs(PgContext ctx) {
        Object memo = ctx.memo().get("pgcatalog.procs");
        if (memo == null) {
            memo = computeProcs(ctx);
            ctx.memo().put("pgcatalog.procs", memo);
        }
        return (List<Proc>) memo;
    }

    private static List<Proc> computeProcs(PgContext ctx) {
        List<Proc> out = new ArrayList<>();
        for (Function f : ctx.catalog().functions(ctx.tx())) {
            List<Integer> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> defaults = new ArrayList<>();
            for (Function.Arg a : f.args()) {
                types.add(PgTypes.oidOf(a.type()));
                names.add(a.name() == null ? "" : a.name());
                defaults.add(a.defaultExpr());
            }
            out.add(new Proc(Oids.user(f.id()), Catalog.bareName(f.name()),
                    Oids.namespace(ctx.catalog(), ctx.tx(), Catalog.schemaOf(f.name())),
                    f.language().equals("sql") ? LANG_SQL : LANG_PLPGSQL, 'f', f.volatility(), types, names, defaults,
                    PgTypes.oidOf(f.returnType()), f.body()));
        }
        out.addAll(IO_PROCS);
        List<PgContext.Builtin> builtins = new ArrayList<>(ctx.builtins().get());
        builtins.sort(Comparator.comparing(PgContext.Builtin::name).thenComparing(b -> String.join(",", b.args())));
        int oid = FIRST_BUILTIN_PROC;
        for (PgContext.Builtin b : builtins) {
            List<Integer> types = b.args().stream().map(PgTypes::oidOf).toList();
            out.add(new Proc(oid++, b.name(), Oids.PG_CATALOG, LANG_INTERNAL, b.kind(), 'i', types, List.of(), List.of(),
                    PgTypes.oidOf(b.result()), b.name()));
        }
        return out;
    }

    /** The function with OID {@code oid}, or null. */
    @SuppressWarnings("unchecked")
    static Proc proc(PgContext ctx, long oid) {
        Object memo = ctx.memo().get("pgcatalog.procsByOid");
        if (memo == null) {
            java.util.Map<Long, Proc> index = new java.util.HashMap<>();
            procs(ctx).forEach(p -> index.putIfAbsent((long) p.oid(), p));
            memo = index;
            ctx.memo().put("pgcatalog.procsByOid", memo);
        }
        return ((java.util.Map<Long, Proc>) memo).get(oid);
    }

    private static List<Object[]> pgProc(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        for (Proc p : procs(ctx)) {
            StringJoiner argTypes = new StringJoiner(" ");
            p.argTypes().forEach(t -> argTypes.add(String.valueOf(t)));
            boolean named = p.argNames().stream().anyMatch(n -> !n.isEmpty());
            short defaults = (short) p.argDefaults().stream().filter(d -> d != null).count();
            rows.add(new Object[] {p.oid(), p.name(), p.namespace(), owner, p.lang(), p.lang() == LANG_INTERNAL ? 1f : 100f, 0f, 0,
                    "-", String.valueOf(p.kind()), false, false, p.lang() == LANG_INTERNAL, false, String.valueOf(p.volatility()),
                    "u", (short) p.argTypes().size(), defaults, p.resultType(), argTypes.toString(), null, null,
                    named ? p.argNames() : null, null, null, p.source(), null, null, null, null});
        }
        return rows;
    }

    private static List<Object[]> pgAm(PgContext ctx) {
        return List.of(new Object[] {Oids.HEAP_AM, "heap", "heap_tableam_handler", "t"},
                new Object[] {Oids.BTREE_AM, "btree", "bthandler", "i"}, new Object[] {Oids.HASH_AM, "hash", "hashhandler", "i"},
                new Object[] {Oids.LSM_AM, "lsm", "-", "t"});
    }

    private static List<Object[]> pgDatabase(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {Oids.DATABASE, PgContext.DATABASE, Oids.owner(ctx.catalog(), ctx.tx()), 6, "c", false, true, -1, 0, 1,
                Oids.DEFAULT_TABLESPACE, "C", "C", null, null, null});
        return rows;
    }

    private static List<Object[]> pgCollation(PgContext ctx) {
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        return List.of(new Object[] {Oids.DEFAULT_COLLATION, "default", Oids.PG_CATALOG, owner, "d", true, -1, null, null, null, null},
                new Object[] {950, "C", Oids.PG_CATALOG, owner, "c", true, -1, "C", "C", null, null},
                new Object[] {951, "POSIX", Oids.PG_CATALOG, owner, "c", true, -1, "POSIX", "POSIX", null, null});
    }

    private static List<Object[]> pgTablespace(PgContext ctx) {
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        return List.of(new Object[] {Oids.DEFAULT_TABLESPACE, "pg_default", owner, null, null},
                new Object[] {1664, "pg_global", owner, null, null});
    }

    private static List<Object[]> pgSettings(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (PgContext.Setting s : ctx.settings().get()) {
            rows.add(new Object[] {s.name(), s.value(), null, "Ungrouped", s.description(), null,
                    s.readOnly() ? "internal" : "user", "string", "default", null, null, null, s.value(), s.value(), null, null,
                    false});
        }
        return rows;
    }

    private static List<Object[]> pgLanguage(PgContext ctx) {
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        return List.of(new Object[] {LANG_INTERNAL, "internal", owner, false, false, 0, 0, 0, null},
                new Object[] {LANG_SQL, "sql", owner, false, true, 0, 0, 0, null},
                new Object[] {LANG_PLPGSQL, "plpgsql", owner, true, true, 0, 0, 0, null});
    }
}
