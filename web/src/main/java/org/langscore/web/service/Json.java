package org.langscore.web.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;

/**
 * Turns scores and maps into the JSON kept in JSONB columns and back. NaN (which JSON cannot hold)
 * becomes null.
 */
public final class Json {
    private Json() {
    }

    /** @return the number, or null when it is NaN or infinite */
    public static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** @return the JSON text of a value */
    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "cannot write JSON of " + value.getClass().getName(), e);
        }
    }

    /** @return a JSON object of strings read back */
    public static Map<String, String> readStringMap(ObjectMapper json, String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "stored JSON is not an object of strings: " + text, e);
        }
    }

    /** @return any JSON value read back as maps, lists, strings, numbers, booleans and nulls */
    public static Object readTree(ObjectMapper json, String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "stored JSON cannot be read: " + text, e);
        }
    }

    /** @return the sub-scores of a score as JSON-ready maps, recursively, without their per-item data */
    public static List<Map<String, Object>> subScores(Score score) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Score sub : score.subScores()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("benchmark", sub.benchmark());
            map.put("value", finite(sub.value()));
            map.put("unclippedValue", finite(sub.unclippedValue()));
            map.put("raw", finite(sub.raw()));
            map.put("ceiling", finite(sub.ceiling()));
            map.put("uncertainty", finite(sub.uncertainty()));
            map.put("attributes", sub.attributes());
            map.put("subScores", subScores(sub));
            out.add(map);
        }
        return out;
    }

    /** @return the rows of an item table with non-finite numbers as null */
    public static List<List<Object>> rows(ItemTable table) {
        List<List<Object>> rows = new ArrayList<>(table.rows().size());
        for (List<Object> row : table.rows()) {
            List<Object> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                if (cell instanceof Double d && !Double.isFinite(d)) {
                    cells.add(null);
                } else if (cell instanceof Float f && !Float.isFinite(f)) {
                    cells.add(null);
                } else {
                    cells.add(cell);
                }
            }
            rows.add(cells);
        }
        return rows;
    }
}
