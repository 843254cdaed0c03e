package org.jdive.engine.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The type of a scenario key: how its written value is read, what is allowed, and how the docs describe it. */
public sealed interface ValueType {

    /** Reads {@code value}, or throws {@link IllegalArgumentException} saying what is wrong and what is allowed. */
    Object read(Value value);

    /** What is allowed, for the docs and for error messages: "integer in [1, 1000000]". */
    String describe();

    /** A whole number in {@code [min, max]}. */
    record Int(long min, long max) implements ValueType {
        @Override
        public Object read(Value value) {
            String text = scalar(value, "a whole number");
            long v;
            try {
                v = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got " + value.describe());
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be " + range() + ", got " + v);
            }
            return v;
        }

        private String range() {
            if (max == Long.MAX_VALUE) {
                return ">= " + min;
            }
            return "in [" + min + ", " + max + "]";
        }

        @Override
        public String describe() {
            return "integer " + range();
        }
    }

    /** A number in an interval whose ends may be open. */
    record Real(double min, boolean minOpen, double max, boolean maxOpen) implements ValueType {

        /** The numbers in {@code [min, max]}. */
        public static Real closed(double min, double max) {
            return new Real(min, false, max, false);
        }

        @Override
        public Object read(Value value) {
            String text = scalar(value, "a number");
            double v;
            try {
                v = Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, got " + value.describe());
            }
            boolean aboveMin = minOpen ? v > min : v >= min;
            boolean belowMax = maxOpen ? v < max : v <= max;
            if (!(aboveMin && belowMax) || Double.isNaN(v)) {
                throw new IllegalArgumentException("must be a number " + range() + ", got " + text);
            }
            return v;
        }

        private String range() {
            if (max == Double.POSITIVE_INFINITY) {
                return (minOpen ? "> " : ">= ") + format(min);
            }
            return "in " + (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
        }

        private static String format(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }

        @Override
        public String describe() {
            return "number " + range();
        }
    }

    /** A non-empty list of whole numbers, each in {@code [min, max]} (e.g. the widths of hidden layers). */
    record Ints(long min, long max) implements ValueType {
        @Override
        public Object read(Value value) {
            if (!(value.data() instanceof List<?> items) || items.isEmpty()) {
                throw new IllegalArgumentException("must be a non-empty list of whole numbers, e.g. [64, 64], got "
                        + value.describe());
            }
            Int each = new Int(min, max);
            List<Long> numbers = new ArrayList<>();
            for (Object item : items) {
                numbers.add((Long) each.read((Value) item));
            }
            return List.copyOf(numbers);
        }

        @Override
        public String describe() {
            return "list of integers in [" + min + ", " + max + "]";
        }
    }

    /** A non-empty list of names, each one of {@code names} as {@link Choice} checks it (e.g. backends, one per device). */
    record Names(Supplier<List<String>> names, String docs) implements ValueType {
        @Override
        public Object read(Value value) {
            if (!(value.data() instanceof List<?> items) || items.isEmpty()) {
                throw new IllegalArgumentException("must be a non-empty list of names, e.g. [cpu, opencl], got "
                        + value.describe());
            }
            Choice each = new Choice(names, docs);
            List<String> read = new ArrayList<>();
            for (Object item : items) {
                read.add((String) each.read((Value) item));
            }
            return List.copyOf(read);
        }

        @Override
        public String describe() {
            return "list, each " + docs;
        }
    }

    /** {@code true} or {@code false}. */
    record Bool() implements ValueType {
        @Override
        public Object read(Value value) {
            String text = scalar(value, "true or false").toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false, got " + value.describe());
            };
        }

        @Override
        public String describe() {
            return "true or false";
        }
    }

    /** Any non-empty text. */
    record Text() implements ValueType {
        @Override
        public Object read(Value value) {
            String text = scalar(value, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return text;
        }

        @Override
        public String describe() {
            return "text";
        }
    }

    /**
     * One of a list of names (looked up when used, so that names registered by modules on the class path count),
     * with the nearest name suggested for a typo.
     */
    record Choice(Supplier<List<String>> names, String docs) implements ValueType {

        /** One of {@code names}, fixed now. */
        public static Choice of(String... names) {
            List<String> list = List.of(names);
            return new Choice(() -> list, "one of " + String.join(", ", list));
        }

        @Override
        public Object read(Value value) {
            String text = scalar(value, "a name");
            List<String> allowed = names.get();
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("unknown name " + value.describe() + "."
                        + Suggest.didYouMean(text, allowed) + " Allowed: " + String.join(", ", allowed));
            }
            return text;
        }

        @Override
        public String describe() {
            return docs;
        }
    }

    /**
     * A mapping of names to plain values (booleans, whole numbers, numbers, text, lists of them), read the way
     * YAML 1.2's core schema reads them: the options of an env, checked by the env itself.
     */
    record Options() implements ValueType {

        private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
        private static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

        @Override
        public Object read(Value value) {
            if (value.data() == null) {
                return Map.of();
            }
            if (!value.isMapping()) {
                throw new IllegalArgumentException("must be a mapping of option names to values, got " + value.describe());
            }
            Map<String, Object> options = new LinkedHashMap<>();
            value.mapping().forEach((k, v) -> options.put(k, plain(v)));
            return options;
        }

        /** A scalar or list as the Java value an env option expects. */
        public static Object plain(Value v) {
            if (v.data() instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(plain((Value) item));
                }
                return items;
            }
            if (!(v.data() instanceof String text)) {
                if (v.isMapping()) {
                    throw new IllegalArgumentException("an option's value must be a scalar or a list, got a mapping");
                }
                return null;
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            if (INTEGER.matcher(text).matches()) {
                long l = Long.parseLong(text);
                return l == (int) l ? (Object) (int) l : (Object) l;
            }
            if (NUMBER.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
            return text;
        }

        @Override
        public String describe() {
            return "mapping of option names to values";
        }
    }

    /** A value that suits at least one of several types: a key that kinds of one family type differently. */
    record AnyOf(List<ValueType> types) implements ValueType {

        /** Copies the types, tried in order. */
        public AnyOf {
            types = List.copyOf(types);
        }

        @Override
        public Object read(Value value) {
            for (ValueType type : types) {
                try {
                    return type.read(value);
                } catch (IllegalArgumentException unsuitable) {
                    // the next type may suit it
                }
            }
            throw new IllegalArgumentException("must be " + describe() + " (depending on the kind), got " + value.describe());
        }

        @Override
        public String describe() {
            return String.join(" or ", types.stream().map(ValueType::describe).distinct().toList());
        }
    }

    private static String scalar(Value value, String what) {
        if (!value.isScalar()) {
            throw new IllegalArgumentException("must be " + what + ", got " + value.describe());
        }
        return (String) value.data();
    }
}
