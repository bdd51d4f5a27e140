package org.lethe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layer table of {@code docs/architecture.md}: the test reads the table from that page, so the page
 * and the rule cannot drift apart. A package of {@code lethe-core} may depend only on the packages its row lists
 * (and on itself); a package that exists in the code but not in the table fails too.
 */
class LayerRulesTest {
    private static final String BEGIN = "<!-- layers:begin -->";
    private static final String END = "<!-- layers:end -->";
    private static JavaClasses classes;
    private static Map<String, Set<String>> allowed;

    @BeforeAll
    static void importClasses() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lethe");
        allowed = readTable(Path.of("..", "docs", "architecture.md"));
    }

    /** The rows between the markers: {@code | `package` | `a`, `b` |}, with "none" for an empty list. */
    static Map<String, Set<String>> readTable(Path page) throws IOException {
        String text = Files.readString(page);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertThat(from).as("layer table markers in " + page).isNotNegative().isLessThan(to);
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : text.substring(from + BEGIN.length(), to).split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 3 || !cells[1].trim().startsWith("`")) {
                continue;
            }
            Set<String> uses = new TreeSet<>();
            for (String name : cells[2].split(",")) {
                String n = name.trim().replace("`", "");
                if (!n.isEmpty() && !n.equals("none")) {
                    uses.add(n);
                }
            }
            table.put(cells[1].trim().replace("`", ""), uses);
        }
        return table;
    }

    @Test
    void everyPackageImportsOnlyWhatTheTableAllows() {
        // Planned packages (in the table, not yet in the code) have no classes to check.
        List<String> packages = new ArrayList<>(allowed.keySet());
        for (Map.Entry<String, Set<String>> row : allowed.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : packages) {
                if (!other.equals(row.getKey()) && !row.getValue().contains(other)) {
                    forbidden.add("org.lethe." + other + "..");
                }
            }
            if (forbidden.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage("org.lethe." + row.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(new String[0]))
                    .because("docs/architecture.md allows " + row.getKey() + " to use only " + row.getValue())
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void theTableCoversEveryPackageAndNamesOnlyKnownOnes() {
        Set<String> inCode = new TreeSet<>();
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith("org.lethe.")) {
                inCode.add(pkg.substring("org.lethe.".length()).split("\\.")[0]);
            }
        });
        assertThat(allowed.keySet()).as("packages in the table").containsAll(inCode);
        for (Set<String> uses : allowed.values()) {
            assertThat(allowed.keySet()).as("packages a row may use").containsAll(uses);
        }
    }
}
