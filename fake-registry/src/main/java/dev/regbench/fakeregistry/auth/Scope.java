package dev.regbench.fakeregistry.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource scope of the Docker token protocol, {@code repository:team/app:pull,push} or
 * {@code registry:catalog:*}. Repository names may hold {@code /} but not {@code :}
 * (a host port in the name is not part of a scope). Immutable.
 */
record Scope(String type, String name, Set<String> actions) {

    Scope {
        actions = Set.copyOf(new LinkedHashSet<>(actions));
    }

    /** Parses one or more space-separated scopes; malformed ones are an {@link IllegalArgumentException}. */
    static List<Scope> parseAll(String text) {
        List<Scope> scopes = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int first = part.indexOf(':');
            int last = part.lastIndexOf(':');
            if (first <= 0 || last == first || last == part.length() - 1) {
                throw new IllegalArgumentException("bad scope '" + part + "' (expected type:name:actions)");
            }
            scopes.add(new Scope(part.substring(0, first), part.substring(first + 1, last),
                    new LinkedHashSet<>(java.util.Arrays.asList(part.substring(last + 1).split(",")))));
        }
        return scopes;
    }

    /** The scope as written in a challenge: actions in the order pull, push, then others sorted. */
    String format() {
        List<String> ordered = new ArrayList<>();
        for (String a : List.of("pull", "push")) {
            if (actions.contains(a)) {
                ordered.add(a);
            }
        }
        actions.stream().filter(a -> !a.equals("pull") && !a.equals("push")).sorted().forEach(ordered::add);
        return type + ":" + name + ":" + String.join(",", ordered);
    }
}
