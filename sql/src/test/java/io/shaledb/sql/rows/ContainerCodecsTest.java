package io.shaledb.sql.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlArrays;
import io.shaledb.sql.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Array and jsonb row values round-trip through the value encoding. */
class ContainerCodecsTest {
    record Case(SqlType type, Object value) {}

    @Provide
    Arbitrary<Case> values() {
        Arbitrary<Case> ints = Arbitraries.integers().injectNull(0.2).list().ofMaxSize(20)
                .map(l -> new Case(SqlType.INT4_ARRAY, new ArrayList<Object>(l)));
        Arbitrary<Case> texts = Arbitraries.strings().ofMaxLength(5).injectNull(0.2).list().ofMaxSize(10)
                .map(l -> new Case(SqlType.TEXT_ARRAY, new ArrayList<Object>(l)));
        Arbitrary<Case> numerics = Arbitraries.doubles().between(-1e6, 1e6).map(d -> BigDecimal.valueOf(d))
                .injectNull(0.2).list().ofMaxSize(10).map(l -> new Case(SqlType.NUMERIC_ARRAY, new ArrayList<Object>(l)));
        Arbitrary<Case> jsonb = Arbitraries.of("{}", "[1, \"a\", null]", "{\"k\": {\"z\": [true]}, \"a\": 1.50}", "\"s\"")
                .map(t -> new Case(SqlType.JSONB, Jsonb.parse(t)));
        return Arbitraries.oneOf(ints, texts, numerics, jsonb);
    }

    @Property(tries = 200)
    void roundTrips(@ForAll("values") Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TypeCodecs.writeValue(out, c.type(), c.value());
        TypeCodecs.writeValue(out, SqlType.INTEGER, 7); // something after it still decodes
        byte[] bytes = out.toByteArray();
        int[] pos = {0};
        Object back = TypeCodecs.readValue(bytes, pos, c.type());
        assertThat(TypeCodecs.readValue(bytes, pos, SqlType.INTEGER)).isEqualTo(7);
        if (c.type().isArray()) {
            assertThat(SqlArrays.compare((List<?>) back, (List<?>) c.value())).isZero();
            assertThat(Arrays.asList(((List<?>) back).toArray())).hasSameSizeAs((List<?>) c.value());
        } else {
            assertThat(back).isEqualTo(c.value());
        }
    }
}
