package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.types.SqlType;

/** Resolves {@code T[]} type names (the parser spells every array type as its element name plus "[]"). */
final class ArrayTypes {
    private ArrayTypes() {}

    static Types.Resolved resolve(TypeName t) {
        String elementName = t.name().substring(0, t.name().length() - 2);
        Types.Resolved element;
        try {
            element = Types.resolve(new TypeName(elementName, t.length(), t.pos()));
        } catch (SqlException e) {
            if (e.state() == SqlState.UNDEFINED_OBJECT) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + t.name() + "\" does not exist", t.pos() + 1);
            }
            throw e;
        }
        SqlType array = element.type().arrayType();
        if (array == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type " + element.type().sqlName()
                    + " are not supported yet", t.pos() + 1);
        }
        return new Types.Resolved(array, -1);
    }
}
