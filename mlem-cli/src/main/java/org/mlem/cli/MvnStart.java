package org.mlem.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.io.MvnJson;
import org.mlem.missing.MvnParameter;

/** {@code fit mvn}'s {@code --fixed} groups (held at the {@code --init} model's values) and their JSON. */
final class MvnStart {
    private MvnStart() {}

    /** The model file {@code --init} names, or null for the default start (the observed column moments). */
    static MvnJson.Model read(String init) {
        if (init == null || init.equalsIgnoreCase(ModelDefaults.MVN_COLUMNS)) {
            return null;
        }
        Path p = Path.of(init);
        if (!Files.exists(p) && !init.endsWith(".json")) {
            throw new MlemUserException("--init '" + init + "' is not columns or an existing model file; use one of those");
        }
        return MvnJson.read(p);
    }

    /** The groups {@code --fixed} names (null: none); a user error without a start to take their values from. */
    static Set<MvnParameter> fixed(List<String> entries, MvnJson.Model start) {
        FixedGroups groups = FixedGroups.parse(entries, List.of("mean", "covariance"), List.of(), 1,
                start == null ? "give --init FILE.json (written by mlem fit mvn --out)" : null);
        Set<MvnParameter> out = EnumSet.noneOf(MvnParameter.class);
        for (String g : groups.groups().keySet()) {
            out.add(MvnParameter.valueOf(g.toUpperCase(Locale.ROOT)));
        }
        return out;
    }
}
