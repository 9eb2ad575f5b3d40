package io.thingstead;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked on the compiled main classes. */
class ArchitectureTest {
    private static final String[] FEATURES = {
        "io.thingstead.accounts..",
        "io.thingstead.profiles..",
        "io.thingstead.devices..",
        "io.thingstead.timeseries..",
        "io.thingstead.ingest..",
        "io.thingstead.activity.."
    };
    private static final String[] ADAPTERS_AND_APP = {
        "io.thingstead.api..", "io.thingstead.mqtt..", "io.thingstead.storage..", "io.thingstead.app.."
    };
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.thingstead");
    }

    @Test
    void core_dependsOnNoOtherThingsteadPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.thingstead.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.thingstead.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS_AND_APP)
                .check(classes);
    }

    @Test
    void features_neverImportAdaptersStorageOrApp() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS_AND_APP)
                .check(classes);
    }

    /** api and mqtt are symmetric inbound adapters: neither touches storage, app, or the other. */
    @Test
    void inboundAdapters_neverTouchStorageOrApp_norEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.thingstead.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.thingstead.storage..", "io.thingstead.app..", "io.thingstead.mqtt..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.thingstead.mqtt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.thingstead.storage..", "io.thingstead.app..", "io.thingstead.api..")
                .check(classes);
    }

    /** Storage implements the ports features own (core's entity store, the time series); it serves no transport. */
    @Test
    void storage_implementsPorts_butNeverImportsAdaptersOrApp() {
        noClasses()
                .that()
                .resideInAPackage("io.thingstead.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.thingstead.api..", "io.thingstead.mqtt..", "io.thingstead.app..")
                .check(classes);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("io.thingstead.(*)..").should().beFreeOfCycles().check(classes);
    }
}
