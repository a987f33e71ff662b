package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.VacuumOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code EXPLAIN}, both of PostgreSQL's forms:
 *
 * <pre>
 *   EXPLAIN [ ( option [value] [, ...] ) ] statement
 *   EXPLAIN [ANALYZE] [VERBOSE] statement
 * </pre>
 *
 * The statement is a query (SELECT, VALUES, WITH, TABLE) or INSERT / UPDATE / DELETE. Options are
 * parsed like VACUUM's and checked when the statement runs, as PostgreSQL does.
 */
final class ExplainParser {

    private ExplainParser() {}

    static Statement.Explain explain(ExpressionParser p, Supplier<Statement> statement) {
        Token start = p.expectWord("explain");
        List<VacuumOption> options = new ArrayList<>();
        if (p.peek().isSymbol("(")) {
            p.next();
            do {
                options.add(VacuumParser.option(p));
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        } else {
            Token t = p.peek();
            if (t.isWord("analyze") || t.isWord("analyse")) {
                p.next();
                options.add(new VacuumOption("analyze", null, t.offset()));
            }
            t = p.peek();
            if (t.isWord("verbose")) {
                p.next();
                options.add(new VacuumOption("verbose", null, t.offset()));
            }
        }
        Token t = p.peek();
        if (!(t.isWord("select") || t.isWord("with") || t.isWord("values") || t.isSymbol("(") || t.isWord("table")
                || t.isWord("insert") || t.isWord("update") || t.isWord("delete"))) {
            throw p.syntaxError(t);
        }
        return new Statement.Explain(List.copyOf(options), statement.get(), start.offset());
    }
}
