package io.shaledb.sql.copy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement.CopyOption;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checked options of one COPY: format, delimiter, NULL string, header, CSV quote and escape,
 * and the FORCE_* column lists. Built from the options as written with PostgreSQL's defaults and
 * PostgreSQL's errors for invalid or conflicting ones.
 *
 * @param forceQuote column names to quote always (COPY TO, CSV); {@code forceQuoteAll} for {@code *}
 */
public record CopyOptions(Format format, byte delimiter, String nullString, boolean header, boolean headerMatch,
                          byte quote, byte escape, boolean forceQuoteAll, List<Ident> forceQuote,
                          List<Ident> forceNotNull, List<Ident> forceNull) {

    public enum Format { TEXT, CSV, BINARY }

    /** Text format with every default: tab, {@code \N}, no header. */
    public static CopyOptions text() {
        return of(List.of(), true);
    }

    /** Checks {@code options} for a COPY FROM ({@code from}) or COPY TO. */
    public static CopyOptions of(List<CopyOption> options, boolean from) {
        Format format = Format.TEXT;
        String delimiter = null;
        String nullString = null;
        Boolean header = null;
        boolean match = false;
        String quote = null;
        String escape = null;
        Object forceQuote = null;
        List<Ident> forceNotNull = null;
        List<Ident> forceNull = null;
        Set<String> seen = new HashSet<>();
        for (CopyOption o : options) {
            if (!seen.add(o.name())) {
                throw redundant(o);
            }
            switch (o.name()) {
                case "format" -> {
                    String f = string(o).toLowerCase(Locale.ROOT);
                    format = switch (f) {
                        case "text" -> Format.TEXT;
                        case "csv" -> Format.CSV;
                        case "binary" -> Format.BINARY;
                        default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + f + "\" not recognized",
                                o.pos() + 1);
                    };
                }
                case "delimiter" -> delimiter = string(o);
                case "null" -> nullString = string(o);
                case "header" -> {
                    if (o.value() instanceof String s && s.toLowerCase(Locale.ROOT).equals("match")) {
                        header = true;
                        match = true;
                    } else {
                        header = bool(o);
                    }
                }
                case "quote" -> quote = string(o);
                case "escape" -> escape = string(o);
                case "force_quote" -> forceQuote = o.value() instanceof String s && s.equals("*") ? "*" : columns(o);
                case "force_not_null" -> forceNotNull = columns(o);
                case "force_null" -> forceNull = columns(o);
                case "freeze" -> bool(o);
                case "encoding" -> {
                    String e = string(o).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                    if (!e.equals("UTF8") && !e.equals("UNICODE") && !e.equals("SQLASCII")) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument to option \"encoding\" must be a valid encoding name",
                                o.pos() + 1);
                    }
                }
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized", o.pos() + 1);
            }
        }
        if (format == Format.BINARY) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported yet");
        }
        boolean csv = format == Format.CSV;
        if (delimiter == null) {
            delimiter = csv ? "," : "\t";
        }
        if (nullString == null) {
            nullString = csv ? "" : "\\N";
        }
        if (delimiter.length() != 1 || delimiter.charAt(0) > 127) {
            throw notSupported("COPY delimiter must be a single one-byte character");
        }
        char d = delimiter.charAt(0);
        if (d == '\r' || d == '\n') {
            throw invalid("COPY delimiter cannot be newline or carriage return");
        }
        if (nullString.indexOf('\r') >= 0 || nullString.indexOf('\n') >= 0) {
            throw invalid("COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(Character.toLowerCase(d)) >= 0) {
            throw invalid("COPY delimiter cannot be \"" + d + "\"");
        }
        if (!csv && quote != null) {
            throw notSupported("COPY quote available only in CSV mode");
        }
        if (!csv && escape != null) {
            throw notSupported("COPY escape available only in CSV mode");
        }
        if (quote == null) {
            quote = "\"";
        }
        if (escape == null) {
            escape = quote;
        }
        if (quote.length() != 1 || quote.charAt(0) > 127) {
            throw notSupported("COPY quote must be a single one-byte character");
        }
        if (csv && d == quote.charAt(0)) {
            throw invalid("COPY delimiter and quote must be different");
        }
        if (escape.length() != 1 || escape.charAt(0) > 127) {
            throw notSupported("COPY escape must be a single one-byte character");
        }
        if (forceQuote != null && !csv) {
            throw notSupported("COPY force quote available only in CSV mode");
        }
        if (forceQuote != null && from) {
            throw notSupported("COPY force quote only available using COPY TO");
        }
        if (forceNotNull != null && !csv) {
            throw notSupported("COPY force not null available only in CSV mode");
        }
        if (forceNotNull != null && !from) {
            throw notSupported("COPY force not null only available using COPY FROM");
        }
        if (forceNull != null && !csv) {
            throw notSupported("COPY force null available only in CSV mode");
        }
        if (forceNull != null && !from) {
            throw notSupported("COPY force null only available using COPY FROM");
        }
        if (nullString.indexOf(d) >= 0) {
            throw notSupported("COPY delimiter must not appear in the NULL specification");
        }
        if (csv && nullString.indexOf(quote.charAt(0)) >= 0) {
            throw notSupported("CSV quote character must not appear in the NULL specification");
        }
        if (match && !from) {
            throw notSupported("cannot use \"match\" with HEADER in COPY TO");
        }
        @SuppressWarnings("unchecked")
        List<Ident> quoted = forceQuote instanceof List<?> l ? (List<Ident>) l : List.of();
        return new CopyOptions(format, (byte) d, nullString, header != null && header, match, (byte) quote.charAt(0),
                (byte) escape.charAt(0), "*".equals(forceQuote), quoted,
                forceNotNull == null ? List.of() : forceNotNull, forceNull == null ? List.of() : forceNull);
    }

    public boolean csv() {
        return format == Format.CSV;
    }

    private static String string(CopyOption o) {
        if (!(o.value() instanceof String s) || s.equals("*")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, o.name() + " requires a parameter");
        }
        return s;
    }

    private static boolean bool(CopyOption o) {
        if (o.value() == null) {
            return true;
        }
        if (o.value() instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "on", "1", "t", "yes", "y" -> {
                    return true;
                }
                case "false", "off", "0", "f", "no", "n" -> {
                    return false;
                }
                default -> { }
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value"
                + (o.name().equals("header") ? " or \"match\"" : ""));
    }

    @SuppressWarnings("unchecked")
    private static List<Ident> columns(CopyOption o) {
        if (o.value() instanceof List<?> l) {
            return (List<Ident>) l;
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, "argument to option \"" + o.name() + "\" must be a list of column names",
                o.pos() + 1);
    }

    private static SqlException redundant(CopyOption o) {
        return new SqlException(SqlState.SYNTAX_ERROR, "conflicting or redundant options", o.pos() + 1);
    }

    private static SqlException invalid(String message) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    private static SqlException notSupported(String message) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }
}
