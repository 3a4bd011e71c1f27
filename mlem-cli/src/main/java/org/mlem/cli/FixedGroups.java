package org.mlem.cli;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.mlem.MlemUserException;

/**
 * The {@code --fixed} list of the fits whose groups can be held per component: each entry a group
 * ({@code weights}) or a group of one component ({@code coefficients:0}, numbered from 0).
 *
 * @param groups each named group with the components it holds, every component when the set is empty
 */
record FixedGroups(Map<String, TreeSet<Integer>> groups) {

    /**
     * Parses {@code entries} (null for none) against {@code allowed} group names for {@code k}
     * components; {@code perComponent} names the groups that take {@code :J}.
     */
    static FixedGroups parse(List<String> entries, List<String> allowed, List<String> perComponent, int k, String needs) {
        Map<String, TreeSet<Integer>> out = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            int colon = e.indexOf(':');
            String group = colon < 0 ? e : e.substring(0, colon);
            if (!allowed.contains(group)) {
                throw new MlemUserException("--fixed '" + entry.strip() + "' is not a parameter group; use " + String.join(", ", allowed)
                        + (perComponent.isEmpty() ? "" : " (" + String.join(", ", perComponent) + " also as GROUP:J for component J)"));
            }
            TreeSet<Integer> set = out.computeIfAbsent(group, g -> new TreeSet<>());
            if (colon >= 0) {
                if (!perComponent.contains(group)) {
                    throw new MlemUserException("--fixed " + group + " holds every component at once; drop ':" + e.substring(colon + 1) + "'");
                }
                int j;
                try {
                    j = Integer.parseInt(e.substring(colon + 1));
                } catch (NumberFormatException x) {
                    throw new MlemUserException("--fixed '" + entry.strip() + "': the component after ':' must be a number 0.." + (k - 1));
                }
                if (j < 0 || j >= k) {
                    throw new MlemUserException("--fixed '" + entry.strip() + "': component " + j + " is outside 0.." + (k - 1));
                }
                set.add(j);
            } else {
                for (int j = 0; j < k; j++) {
                    set.add(j);
                }
            }
        }
        if (!out.isEmpty() && needs != null) {
            throw new MlemUserException("--fixed holds parameters at a starting model's values; " + needs);
        }
        return new FixedGroups(out);
    }

    /**
     * The {@code --fixed} list of the fits that hold a group for every component at once: each entry
     * the lower-case name of one of {@code type}'s constants ({@code weights} for {@code WEIGHTS}).
     */
    static <E extends Enum<E>> EnumSet<E> wholeGroups(List<String> entries, Class<E> type) {
        EnumSet<E> groups = EnumSet.noneOf(type);
        for (String entry : entries == null ? List.<String>of() : entries) {
            String name = entry.strip().toUpperCase(Locale.ROOT);
            E group = EnumSet.allOf(type).stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new MlemUserException("--fixed '" + entry + "' is not a parameter group; use "
                            + namesOf(type) + " (comma-separated)"));
            groups.add(group);
        }
        return groups;
    }

    /** {@code a, b or c}: the lower-case names of {@code type}'s constants. */
    private static <E extends Enum<E>> String namesOf(Class<E> type) {
        List<String> names = EnumSet.allOf(type).stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The components whose {@code group} is held (none when the group is not named). */
    TreeSet<Integer> of(String group) {
        return groups.getOrDefault(group, new TreeSet<>());
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }
}
