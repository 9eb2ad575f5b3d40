package io.thingstead;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of README: Layout, checked on the compiled main classes. Every top-level
 * package under {@code io.thingstead} is a module, found from the classes: {@code core}, the
 * adapters {@code api}, {@code mqtt} and {@code storage}, {@code app}, and every other one a feature.
 */
class ArchitectureTest {
    private static final String ROOT = "io.thingstead";
    private static final String CORE = "core";
    private static final String APP = "app";
    private static final String API = "api";
    private static final String MQTT = "mqtt";
    private static final String STORAGE = "storage";
    /** The feature module that alone may hold the script engine (GraalJS). */
    private static final String SCRIPTING = "scripting";

    private static final Set<String> NOT_FEATURES = Set.of(CORE, APP, API, MQTT, STORAGE);

    private static final String[] HIVEMQ = {"com.hivemq.."};
    private static final String[] HELIDON = {"io.helidon.."};
    private static final String[] GRAALVM = {"org.graalvm.."};
    private static final String[] JNA = {"com.sun.jna.."};
    private static final String[] JDBC = {
        "java.sql..", "javax.sql..", "org.jdbi..", "org.flywaydb..", "org.sqlite..", "org.postgresql..", "com.zaxxer.."
    };

    private static JavaClasses classes;
    private static Set<String> modules;
    private static String[] features;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        modules = classes.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        features = modules.stream()
                .filter(m -> !NOT_FEATURES.contains(m))
                .map(ArchitectureTest::pkg)
                .toArray(String[]::new);
    }

    /** The package pattern of a module: {@code io.thingstead.name..}. */
    static String pkg(String module) {
        return ROOT + "." + module + "..";
    }

    /** Every role the rules name exists, so that no rule holds only because its package is gone. */
    @Test
    void modules_includeEveryRole_andSomeFeatures() {
        assertThat(modules).containsAll(NOT_FEATURES);
        assertThat(features).isNotEmpty();
        noClasses()
                .should()
                .resideInAPackage(ROOT)
                .because("every class belongs to a module")
                .check(classes);
    }

    @Test
    void core_dependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(pkg(CORE))
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(pkg(CORE))))
                .check(classes);
    }

    @Test
    void features_neverImportAdaptersOrApp() {
        noClasses()
                .that()
                .resideInAnyPackage(features)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg(API), pkg(MQTT), pkg(STORAGE), pkg(APP))
                .check(classes);
    }

    /** Storage implements the ports features own; only app, which wires it, may know it is there. */
    @Test
    void storage_isUsedByAppAlone() {
        noClasses()
                .that()
                .resideOutsideOfPackages(pkg(STORAGE), pkg(APP))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg(STORAGE))
                .check(classes);
    }

    @Test
    void app_isUsedByNoOtherModule() {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg(APP))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg(APP))
                .check(classes);
    }

    /** The adapters are symmetric: none knows another. */
    @Test
    void adapters_neverTouchEachOther() {
        for (String adapter : new String[] {API, MQTT, STORAGE}) {
            noClasses()
                    .that()
                    .resideInAPackage(pkg(adapter))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(Set.of(API, MQTT, STORAGE).stream()
                            .filter(other -> !other.equals(adapter))
                            .map(ArchitectureTest::pkg)
                            .toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void hiveMq_staysInsideMqtt() {
        onlyModuleUses(MQTT, HIVEMQ);
    }

    @Test
    void helidon_staysInsideApi() {
        onlyModuleUses(API, HELIDON);
    }

    @Test
    void graalvm_staysInsideScripting() {
        onlyModuleUses(SCRIPTING, GRAALVM);
    }

    @Test
    void jdbc_staysInsideStorage() {
        onlyModuleUses(STORAGE, JDBC);
    }

    /** Native calls (a script thread's CPU priority) stay in the script runtime too. */
    @Test
    void jna_staysInsideScripting() {
        onlyModuleUses(SCRIPTING, JNA);
    }

    private static void onlyModuleUses(String module, String[] library) {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg(module))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(library)
                .check(classes);
    }

    @Test
    void modules_haveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
