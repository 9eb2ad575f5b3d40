package io.thingstead.api;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path of a request target, split into decoded segments. The absolute form ({@code
 * http://host/path}, RFC 9112 §3.2.2) is taken for its path; a path of other than visible ASCII,
 * with a broken percent escape, or that is not UTF-8 once decoded is a 400 (README: Security model).
 */
final class RequestTarget {
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*");

    private RequestTarget() {}

    static List<String> segments(String rawPath) {
        String path = ABSOLUTE_FORM.matcher(rawPath).replaceFirst("");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new ApiException(
                        ErrorCode.BAD_REQUEST, "The path must be visible ASCII; percent-encode other bytes");
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s));
            }
        }
        return out;
    }

    /** Percent-decoding of one segment; {@code +} stays a plus (it is a space only in a query). */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= segment.length()
                    || !HexFormat.isHexDigit(segment.charAt(i + 1))
                    || !HexFormat.isHexDigit(segment.charAt(i + 2))) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "The path has a broken percent escape");
            }
            bytes.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The path is not UTF-8 once percent-decoded");
        }
    }
}
