package org.langscore.web.service;

import java.util.regex.Pattern;

/** Masks the secrets of connection URLs (JDBC, AMQP) before they reach a message or a log. */
public final class Secrets {
    /** {@code //user:password@host}: the password part. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^:/@?#]*:)[^@/?#]*@");
    /** {@code password=...} in a query string or JDBC property list. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd|sslpassword)=)[^&;]*");

    private Secrets() {
    }

    /**
     * @param url a connection URL, possibly null
     * @return the URL with every password replaced by {@code ***}; null stays null
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
