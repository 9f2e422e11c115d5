package vn.kyso;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer order of docs/architecture.md, checked on the compiled product (agent and jni-token; tests and the test
 * PKI left out). Top to bottom: entry points (cli, desktop, doctor) → transport (server, pairing) → protocol (app) →
 * use cases (usecase, vgca, consent) → format engines (pdf, cms, verify, xml, json) → signer port (sign) → token. Beside
 * them: config, pki, audit, request, files and errors, each with the exact users and dependencies declared below.
 * A layer may use any layer below it, never one above; packages form no cycle.
 */
@AnalyzeClasses(packages = "vn.kyso", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.ProductOnly.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule LAYERS_ONLY_REACH_DOWN = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy("vn.kyso.cli..", "vn.kyso.desktop..", "vn.kyso.doctor..")
            .layer("Transport").definedBy("vn.kyso.server..", "vn.kyso.pairing..")
            .layer("Protocol").definedBy("vn.kyso.app..")
            .layer("UseCase").definedBy("vn.kyso.usecase..", "vn.kyso.vgca..", "vn.kyso.consent..")
            .layer("Engine").definedBy("vn.kyso.pdf..", "vn.kyso.cms..", "vn.kyso.verify..", "vn.kyso.xml..",
                    "vn.kyso.json..")
            .layer("Sign").definedBy("vn.kyso.sign..")
            .layer("Token").definedBy("vn.kyso.token..")
            .layer("Config").definedBy("vn.kyso.config..")
            .layer("Pki").definedBy("vn.kyso.pki..")
            .layer("Audit").definedBy("vn.kyso.audit..")
            .layer("Request").definedBy("vn.kyso.request..")
            .layer("Files").definedBy("vn.kyso.files..")
            .layer("Errors").definedBy("vn.kyso.errors..")

            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Entry", "Transport")
            .whereLayer("UseCase").mayOnlyBeAccessedByLayers("Entry", "Protocol")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry", "Protocol", "UseCase")
            .whereLayer("Sign").mayOnlyBeAccessedByLayers("Entry", "Protocol", "UseCase", "Engine")
            .whereLayer("Token").mayOnlyBeAccessedByLayers("Entry", "Protocol", "UseCase", "Engine", "Sign",
                    "Config", "Pki")
            // beside the layers: who may use them, and what they may use themselves
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Entry", "Transport", "Protocol")
            .whereLayer("Config").mayOnlyAccessLayers("Pki", "Token", "Request", "Errors")
            .whereLayer("Pki").mayOnlyBeAccessedByLayers("Entry", "Protocol", "UseCase", "Engine", "Config")
            .whereLayer("Pki").mayOnlyAccessLayers("Token", "Errors")
            .whereLayer("Audit").mayOnlyBeAccessedByLayers("Entry", "Protocol", "UseCase")
            .whereLayer("Audit").mayOnlyAccessLayers("Files", "Errors")
            .whereLayer("Request").mayOnlyBeAccessedByLayers("Entry", "Transport", "Protocol", "UseCase", "Config")
            .whereLayer("Request").mayOnlyAccessLayers("Errors")
            // owner-only files and folders (the local secret, the audit log, private document files): plain NIO
            .whereLayer("Files").mayOnlyBeAccessedByLayers("Entry", "Transport", "Protocol", "UseCase", "Config",
                    "Audit")
            .whereLayer("Files").mayNotAccessAnyLayer()
            .whereLayer("Sign").mayOnlyAccessLayers("Token", "Errors")
            .whereLayer("Token").mayOnlyAccessLayers("Errors")
            .whereLayer("Errors").mayNotAccessAnyLayer();

    /** Every package is its own slice: a cycle between two sub-packages of one engine counts too. */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("vn.kyso.(**)").should().beFreeOfCycles();

    /** The product only: the test PKI of test-support is on the class path but is no part of the layers. */
    static final class ProductOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/vn/kyso/testpki/");
        }
    }
}
