package org.langscore.syntaxgym.suite;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.formula.FormulaParser;
import org.langscore.syntaxgym.formula.MalformedFormulaException;
import org.langscore.syntaxgym.formula.RegionReference;

/**
 * Reads a SyntaxGym suite JSON file ({@code meta}, {@code region_meta}, {@code predictions},
 * {@code items}) into a {@link TestSuite}, parsing every formula and checking that each region it
 * refers to exists in every item. Every error is a {@link ScoringException} with
 * {@link ErrorCode#INVALID_DATA} naming the file, the JSON field and, for a formula, the suite,
 * prediction, item and column.
 */
public final class SuiteLoader {
    private SuiteLoader() {
    }

    /**
     * @param file a suite JSON file
     * @return the checked suite
     * @throws ScoringException naming the file and the field at fault
     */
    public static TestSuite load(Path file) {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read suite file " + file, e);
        } catch (JsonParseException e) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "suite file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return new FileReading(file).suite(root);
    }

    /** The state of reading one file: just the file, for messages. */
    private record FileReading(Path file) {

        TestSuite suite(JsonElement root) {
            JsonObject suite = object(root, "the top level");
            JsonObject meta = object(field(suite, "meta", "the top level"), "meta");
            String name = string(field(meta, "name", "meta"), "meta.name");
            String metric = string(field(meta, "metric", "meta"), "meta.metric");
            if (!metric.equals("sum")) {
                throw invalid("meta.metric is '" + metric + "', but only 'sum' is supported (a region's value is the sum of"
                        + " its tokens' surprisals)");
            }
            List<String> regionNames = regionNames(object(field(suite, "region_meta", "the top level"), "region_meta"));
            List<SuiteItem> items = items(array(field(suite, "items", "the top level"), "items"), regionNames.size());
            List<Prediction> predictions = predictions(name,
                    array(field(suite, "predictions", "the top level"), "predictions"), items, regionNames.size());
            return new TestSuite(name, regionNames, predictions, items);
        }

        private List<String> regionNames(JsonObject regionMeta) {
            Map<Integer, String> byNumber = new TreeMap<>();
            for (Map.Entry<String, JsonElement> entry : regionMeta.entrySet()) {
                int number;
                try {
                    number = Integer.parseInt(entry.getKey());
                } catch (NumberFormatException e) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, "suite file " + file + ": region_meta key '"
                            + entry.getKey() + "' is not a region number", e);
                }
                byNumber.put(number, string(entry.getValue(), "region_meta." + entry.getKey()));
            }
            if (byNumber.isEmpty()) {
                throw invalid("region_meta is empty; a suite needs at least one region");
            }
            checkContiguous(new ArrayList<>(byNumber.keySet()), "region_meta");
            return List.copyOf(byNumber.values());
        }

        private List<SuiteItem> items(JsonArray array, int regionCount) {
            if (array.isEmpty()) {
                throw invalid("items is empty");
            }
            List<SuiteItem> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String where = "items[" + i + "]";
                JsonObject item = object(array.get(i), where);
                int itemNumber = integer(field(item, "item_number", where), where + ".item_number");
                JsonArray conditionArray = array(field(item, "conditions", where), where + ".conditions");
                if (conditionArray.isEmpty()) {
                    throw invalid(where + ".conditions is empty");
                }
                List<SuiteCondition> conditions = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int c = 0; c < conditionArray.size(); c++) {
                    String conditionWhere = where + ".conditions[" + c + "]";
                    SuiteCondition condition = condition(object(conditionArray.get(c), conditionWhere), conditionWhere, regionCount);
                    if (names.contains(condition.name())) {
                        throw invalid(conditionWhere + ".condition_name '" + condition.name() + "' occurs twice in item "
                                + itemNumber);
                    }
                    names.add(condition.name());
                    conditions.add(condition);
                }
                items.add(new SuiteItem(itemNumber, conditions));
            }
            return items;
        }

        private SuiteCondition condition(JsonObject condition, String where, int regionCount) {
            String name = string(field(condition, "condition_name", where), where + ".condition_name");
            JsonArray regionArray = array(field(condition, "regions", where), where + ".regions");
            Map<Integer, String> byNumber = new TreeMap<>();
            for (int r = 0; r < regionArray.size(); r++) {
                String regionWhere = where + ".regions[" + r + "]";
                JsonObject region = object(regionArray.get(r), regionWhere);
                int number = integer(field(region, "region_number", regionWhere), regionWhere + ".region_number");
                String content = string(field(region, "content", regionWhere), regionWhere + ".content");
                if (byNumber.put(number, content) != null) {
                    throw invalid(regionWhere + ".region_number " + number + " occurs twice in condition '" + name + "'");
                }
            }
            checkContiguous(new ArrayList<>(byNumber.keySet()), where + ".regions");
            if (byNumber.size() != regionCount) {
                throw invalid(where + " (condition '" + name + "') has " + byNumber.size() + " regions, but region_meta names "
                        + regionCount);
            }
            return new SuiteCondition(name, List.copyOf(byNumber.values()));
        }

        private List<Prediction> predictions(String suiteName, JsonArray array, List<SuiteItem> items, int regionCount) {
            if (array.isEmpty()) {
                throw invalid("predictions is empty; a suite needs at least one prediction");
            }
            List<Prediction> predictions = new ArrayList<>();
            for (int p = 0; p < array.size(); p++) {
                int number = p + 1;
                String where = "predictions[" + p + "]";
                JsonObject prediction = object(array.get(p), where);
                String type = string(field(prediction, "type", where), where + ".type");
                if (!type.equals("formula")) {
                    throw invalid(where + ".type is '" + type + "', but only 'formula' predictions are supported");
                }
                String formula = string(field(prediction, "formula", where), where + ".formula");
                Prediction parsed;
                try {
                    parsed = new Prediction(number, formula, FormulaParser.parse(formula));
                } catch (MalformedFormulaException e) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, "suite " + suiteName + " (" + file + "), prediction "
                            + number + ": malformed formula at column " + e.column() + ": " + e.problem() + "; formula: '"
                            + formula + "'", e);
                }
                checkReferences(suiteName, parsed, items, regionCount);
                predictions.add(parsed);
            }
            return predictions;
        }

        private void checkReferences(String suiteName, Prediction prediction, List<SuiteItem> items, int regionCount) {
            for (RegionReference reference : prediction.term().references()) {
                if (!reference.wholeSentence()) {
                    int region = reference.regionNumber().getAsInt();
                    if (region < 1 || region > regionCount) {
                        throw invalid("suite " + suiteName + ", prediction " + prediction.number() + ": region " + region
                                + " at column " + reference.column() + " does not exist (regions are 1 to " + regionCount
                                + "); formula: '" + prediction.formula() + "'");
                    }
                }
                for (SuiteItem item : items) {
                    if (item.condition(reference.condition()).isEmpty()) {
                        throw invalid("suite " + suiteName + ", prediction " + prediction.number() + ", item "
                                + item.itemNumber() + ": condition '" + reference.condition() + "' at column "
                                + reference.column() + " is not a condition of the item (it has " + item.conditionNames()
                                + "); formula: '" + prediction.formula() + "'");
                    }
                }
            }
        }

        private void checkContiguous(List<Integer> sortedNumbers, String where) {
            for (int i = 0; i < sortedNumbers.size(); i++) {
                if (sortedNumbers.get(i) != i + 1) {
                    throw invalid(where + " must number its regions 1 to " + sortedNumbers.size() + " without gaps, but has "
                            + sortedNumbers);
                }
            }
        }

        private JsonElement field(JsonObject object, String name, String where) {
            JsonElement value = object.get(name);
            if (value == null || value.isJsonNull()) {
                throw invalid(where + " lacks the field '" + name + "'");
            }
            return value;
        }

        private JsonObject object(JsonElement element, String where) {
            if (!element.isJsonObject()) {
                throw invalid(where + " must be a JSON object, found " + abbreviate(element));
            }
            return element.getAsJsonObject();
        }

        private JsonArray array(JsonElement element, String where) {
            if (!element.isJsonArray()) {
                throw invalid(where + " must be a JSON array, found " + abbreviate(element));
            }
            return element.getAsJsonArray();
        }

        private String string(JsonElement element, String where) {
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                throw invalid(where + " must be a string, found " + abbreviate(element));
            }
            return element.getAsString();
        }

        private int integer(JsonElement element, String where) {
            if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
                JsonPrimitive primitive = element.getAsJsonPrimitive();
                double value = primitive.getAsDouble();
                if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            }
            throw invalid(where + " must be an integer, found " + abbreviate(element));
        }

        private static String abbreviate(JsonElement element) {
            String text = element.toString();
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }

        private ScoringException invalid(String problem) {
            return new ScoringException(ErrorCode.INVALID_DATA, "suite file " + file + ": " + problem);
        }
    }
}
