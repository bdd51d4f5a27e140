package org.lethe.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line sits on top of the application: benchmarks, reports and plots never reach into the commands,
 * and the shared options in {@code org.lethe.app.cli} never reach into a command group. (Groups may use each
 * other's public helpers: the demo prints an audit summary, data and audit commands read training defaults.)
 */
class AppLayerRulesTest {
    private static final List<String> GROUPS = List.of("model", "data", "forget", "audit", "sketch", "bench", "serve", "ledger");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lethe.app");
    }

    @Test
    void benchmarksReportsAndPlotsDoNotUseTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.lethe.app.bench..", "org.lethe.app.report..",
                "org.lethe.app.sketch..").should().dependOnClassesThat().resideInAPackage("org.lethe.app.cli..")
                .because("the commands only parse and delegate; what they delegate to does not know them")
                .check(classes);
    }

    @Test
    void sharedCommandLinePartsDoNotUseTheGroups() {
        noClasses().that().resideInAPackage("org.lethe.app.cli")
                .and().doNotHaveSimpleName("Main").and().doNotHaveSimpleName("Subcommands")
                .should().dependOnClassesThat().resideInAnyPackage(GROUPS.stream()
                        .map(g -> "org.lethe.app.cli." + g + "..").toArray(String[]::new))
                .because("shared options and output helpers serve every group; only Main lists the groups")
                .check(classes);
    }
}
