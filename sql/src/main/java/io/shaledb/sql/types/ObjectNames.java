package io.shaledb.sql.types;

/**
 * The name lookups behind the reg* types: {@code 't'::regclass} needs the OID of relation
 * {@code t} as the running statement sees it, {@code 16384::regclass::text} its name back.
 * The catalog owns OIDs, the type system only asks, so the session installs a {@link Resolver}
 * for the statement running on its thread (as it installs the time zone in {@link DateTimes}):
 *
 * <pre>
 *   Session ──install(resolver)──► ObjectNames (thread-local) ◄──ask── OidTypes.parse / toText
 *                                      │
 *                                      └─ Resolver: relations, types, functions (name ⇄ oid)
 * </pre>
 *
 * Every method may answer null for "no such object": input then fails as PostgreSQL's does
 * (42P01, 42704, 42883) and output falls back to the number.
 */
public final class ObjectNames {
    /** Name ⇄ OID lookups for one statement; names may be schema-qualified. */
    public interface Resolver {
        /** The OID of the relation (table, view, index, sequence, catalog) {@code name} names, or null. */
        Long relationOid(String name);

        /** How {@code ::regclass::text} prints relation {@code oid} (qualified when not visible), or null. */
        String relationName(long oid);

        /** The OID of the type {@code name} (already stripped of any pg_catalog qualification), or null. */
        default Long typeOid(String name) {
            return null;
        }

        /** How {@code ::regtype::text} prints type {@code oid}, or null. */
        default String typeName(long oid) {
            return null;
        }

        /** The OID of the function {@code name} (unique by name, as regproc requires), or null. */
        default Long functionOid(String name) {
            return null;
        }

        /** How {@code ::regproc::text} prints function {@code oid}, or null. */
        default String functionName(long oid) {
            return null;
        }

        /** The OID of schema {@code name} (regnamespace), or null. */
        default Long namespaceOid(String name) {
            return null;
        }

        /** The name of schema {@code oid}, or null. */
        default String namespaceName(long oid) {
            return null;
        }

        /** The OID of role {@code name} (regrole), or null. */
        default Long roleOid(String name) {
            return null;
        }

        /** The name of role {@code oid}, or null. */
        default String roleName(long oid) {
            return null;
        }
    }

    /** Outside a statement (or in tests of the type system alone): nothing is known by name. */
    private static final Resolver NONE = new Resolver() {
        @Override
        public Long relationOid(String name) {
            return null;
        }

        @Override
        public String relationName(long oid) {
            return null;
        }
    };

    private static final ThreadLocal<Resolver> CURRENT = new ThreadLocal<>();

    private ObjectNames() {}

    /** Makes {@code resolver} the one of the statement about to run on this thread. */
    public static void install(Resolver resolver) {
        CURRENT.set(resolver);
    }

    /** The running statement's resolver (never null). */
    public static Resolver current() {
        Resolver r = CURRENT.get();
        return r == null ? NONE : r;
    }
}
