package dev.steadfast.console;

/** Escapes text for the page's template; everything else on the page is set as text by its script. */
final class Html {

    private Html() {
    }

    /** {@code s} as element text. */
    static String text(String s) {
        return attribute(s);
    }

    /** {@code s} as a double-quoted attribute value. */
    static String attribute(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
