package io.shaledb.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments the way redis-cli and Redis's inline parser do:
 * whitespace separates, {@code "..."} allows escapes ({@code \n \r \t \b \a \\ \" \xHH}),
 * {@code '...'} allows only {@code \'}; a closing quote must be followed by a space or the end.
 */
final class InlineSplitter {
    private InlineSplitter() {}

    /** The arguments, or null when quotes are unbalanced. */
    static List<byte[]> split(byte[] line) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        int n = line.length;
        while (true) {
            while (i < n && isSpace(line[i])) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            ByteArrayOutputStream arg = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (i >= n) {
                        return null;
                    }
                    byte c = line[i];
                    if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
                        arg.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        arg.write(switch (line[i]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> line[i];
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !isSpace(line[i + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        arg.write(c);
                    }
                } else if (inSingle) {
                    if (i >= n) {
                        return null;
                    }
                    byte c = line[i];
                    if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
                        i++;
                        arg.write('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !isSpace(line[i + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        arg.write(c);
                    }
                } else {
                    if (i >= n || isSpace(line[i])) {
                        done = true;
                        out.add(arg.toByteArray());
                        continue;
                    }
                    byte c = line[i];
                    if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        arg.write(c);
                    }
                }
                if (!done || inDouble || inSingle) {
                    i++;
                }
                if (done && (inDouble || inSingle)) {
                    out.add(arg.toByteArray());
                }
            }
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
