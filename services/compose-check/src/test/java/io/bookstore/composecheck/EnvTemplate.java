package io.bookstore.composecheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables of .env.template, each with its value and whether a comment line stands directly above it. */
record EnvTemplate(Map<String, Variable> variables) {

    record Variable(String name, String value, boolean commented, int line) {
    }

    static EnvTemplate parse(List<String> lines) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int equals = line.indexOf('=');
            if (!line.isEmpty() && !line.startsWith("#") && equals > 0) {
                String name = line.substring(0, equals).strip();
                variables.put(name, new Variable(name, line.substring(equals + 1).strip(), previous.startsWith("#"), i + 1));
            }
            previous = line;
        }
        return new EnvTemplate(Collections.unmodifiableMap(variables));
    }

    String value(String name) {
        Variable variable = variables.get(name);
        return variable == null ? null : variable.value();
    }
}
