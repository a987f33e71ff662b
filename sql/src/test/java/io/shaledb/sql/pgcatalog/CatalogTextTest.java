package io.shaledb.sql.pgcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.types.SqlType;
import org.junit.jupiter.api.Test;

/** The catalog texts that need no database: format_type, pg_size_pretty, the pretty expression form (PostgreSQL 15's outputs). */
class CatalogTextTest {

    @Test
    void formatTypeAppliesPostgresModifiers() {
        assertThat(PgTypes.format(1043, PgTypes.typmod(SqlType.VARCHAR, 40))).isEqualTo("character varying(40)");
        assertThat(PgTypes.format(1043, -1)).isEqualTo("character varying");
        assertThat(PgTypes.format(1042, null)).isEqualTo("character");
        assertThat(PgTypes.format(1042, -1)).isEqualTo("bpchar");
        assertThat(PgTypes.format(1700, 655366)).isEqualTo("numeric(10,2)");
        assertThat(PgTypes.format(1184, 3)).isEqualTo("timestamp(3) with time zone");
        assertThat(PgTypes.format(1009, -1)).isEqualTo("text[]");
        assertThat(PgTypes.format(18, -1)).isEqualTo("\"char\"");
        assertThat(PgTypes.format(424242, -1)).isEqualTo("???");
    }

    @Test
    void everyShaleTypeIsInPgType() {
        for (SqlType t : SqlType.values()) {
            assertThat(PgTypes.byOid(t.oid())).as(t.sqlName()).isNotNull();
            assertThat(PgTypes.byName(t.sqlName())).as(t.sqlName()).isNotNull();
        }
        assertThat(PgTypes.oidOf("int4")).isEqualTo(23);
        assertThat(PgTypes.oidOf("trigger")).isEqualTo(2279);
    }

    @Test
    void sizesArePrettyAsInPostgres() {
        assertThat(CatalogText.prettySize(0)).isEqualTo("0 bytes");
        assertThat(CatalogText.prettySize(10239)).isEqualTo("10239 bytes");
        assertThat(CatalogText.prettySize(10240)).isEqualTo("10 kB");
        assertThat(CatalogText.prettySize(10485760)).isEqualTo("10 MB");
        assertThat(CatalogText.prettySize(123456789012L)).isEqualTo("115 GB");
        assertThat(CatalogText.prettySize(-20480)).isEqualTo("-20 kB");
    }

    @Test
    void prettyExpressionsDropWhatPostgresDrops() {
        assertThat(PrettyExpr.constraint("CHECK ((salary >= (0)::numeric))")).isEqualTo("CHECK (salary >= 0::numeric)");
        assertThat(PrettyExpr.of("((a > 0) AND ((b)::text <> ''::text))")).isEqualTo("a > 0 AND b::text <> ''::text");
        assertThat(PrettyExpr.of("((a = 1) OR ((b = 2) AND (c = 3)))")).isEqualTo("a = 1 OR b = 2 AND c = 3");
        assertThat(PrettyExpr.of("((a = 1) AND ((b = 2) OR (c = 3)))")).isEqualTo("a = 1 AND (b = 2 OR c = 3)");
        assertThat(PrettyExpr.of("(lower(name) <> 'x AND (y)'::text)")).isEqualTo("lower(name) <> 'x AND (y)'::text");
        assertThat(PrettyExpr.constraint("CHECK ((((a = 1) AND ((b = ''::text) OR (c = 3))) OR (x > 5)))"))
                .isEqualTo("CHECK (a = 1 AND (b = ''::text OR c = 3) OR x > 5)");
        assertThat(PrettyExpr.constraint("UNIQUE (a)")).isEqualTo("UNIQUE (a)");
        assertThat(PrettyExpr.constraint("CHECK ((x > 0)) NO INHERIT")).isEqualTo("CHECK (x > 0) NO INHERIT");
    }
}
