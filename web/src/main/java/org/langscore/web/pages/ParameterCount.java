package org.langscore.web.pages;

import java.math.BigDecimal;
import java.util.Locale;

/** Reads and writes parameter counts the way people write them: {@code 124M}, {@code 1.5B}, {@code 7000}. */
public final class ParameterCount {
    private ParameterCount() {
    }

    /**
     * @param field the name of the form field or query parameter, for the error message
     * @param text a count with an optional suffix K, M or B (thousand, million, billion); blank for none
     * @return the count, or null when the text is blank
     * @throws IllegalArgumentException naming the field and the value when the text is not a count
     */
    public static Long parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip().toUpperCase(Locale.ROOT).replace("_", "").replace(",", "");
        long scale = 1;
        char last = value.charAt(value.length() - 1);
        if (last == 'K' || last == 'M' || last == 'B') {
            scale = last == 'K' ? 1_000L : last == 'M' ? 1_000_000L : 1_000_000_000L;
            value = value.substring(0, value.length() - 1).strip();
        }
        try {
            BigDecimal count = new BigDecimal(value).multiply(BigDecimal.valueOf(scale));
            if (count.signum() < 0) {
                throw new IllegalArgumentException(field + " must not be negative, got '" + text.strip() + "'");
            }
            return count.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + " must be a parameter count such as 124M or 1.5B, got '"
                    + text.strip() + "'", e);
        }
    }

    /** @return the count in the shortest exact form with a suffix: 124M, 1.5B, 7000 */
    public static String format(long count) {
        long[] scales = {1_000_000_000L, 1_000_000L, 1_000L};
        String[] suffixes = {"B", "M", "K"};
        for (int i = 0; i < scales.length; i++) {
            if (count >= scales[i]) {
                BigDecimal scaled = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(scales[i]));
                if (scaled.stripTrailingZeros().scale() <= 2) {
                    return scaled.stripTrailingZeros().toPlainString() + suffixes[i];
                }
            }
        }
        return Long.toString(count);
    }

    /** @return the count rounded for reading: 124M, 1.5B; a dash when unknown */
    public static String display(Long count) {
        if (count == null) {
            return "–";
        }
        if (count >= 1_000_000_000L) {
            return round(count / 1e9) + "B";
        }
        if (count >= 1_000_000L) {
            return round(count / 1e6) + "M";
        }
        if (count >= 1_000L) {
            return round(count / 1e3) + "K";
        }
        return Long.toString(count);
    }

    private static String round(double value) {
        return BigDecimal.valueOf(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
