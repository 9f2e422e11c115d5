package vn.kyso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.Language;

/**
 * One name, one class: no two top-level classes of the product (agent and jni-token) share a simple name, so a name
 * read in a stack trace, a review or docs/architecture.md says which class it is; and the language a person reads
 * exists once, as {@link Language} — an enum of {@code VI} and {@code EN} anywhere else is a second one.
 */
class ClassNamesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ArchitectureTest.ProductOnly())
            .importPackages("vn.kyso");

    @Test
    void noTwoClassesShareASimpleName() {
        assertEquals(Map.of(), sharedNames(PRODUCT), "rename one of each so the name says what it is");
    }

    @Test
    void theOnlyLanguageEnumIsTheErrorsPackagesOne() {
        assertEquals(Set.of(Language.class.getName()), languageEnums(PRODUCT));
    }

    @Test
    void theChecksFindWhatTheyLookFor() {
        // two fixtures named Twin (one of them an enum of VI and EN), beside the real Language
        JavaClasses twins = new ClassFileImporter().importPackages("vn.kyso.names", "vn.kyso.errors");
        assertEquals(Map.of("Twin", List.of("vn.kyso.names.one.Twin", "vn.kyso.names.two.Twin")), sharedNames(twins));
        assertEquals(Set.of(Language.class.getName(), "vn.kyso.names.two.Twin"), languageEnums(twins));
    }

    /** Simple names held by more than one top-level class, each with the classes' full names. */
    static Map<String, List<String>> sharedNames(JavaClasses classes) {
        Map<String, List<String>> byName = classes.stream().filter(JavaClass::isTopLevelClass)
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.collectingAndThen(Collectors.toList(),
                                names -> names.stream().sorted().toList()))));
        byName.values().removeIf(names -> names.size() < 2);
        return byName;
    }

    /** Enums whose constants are exactly VI and EN, whatever they are called. */
    static Set<String> languageEnums(JavaClasses classes) {
        return classes.stream().filter(JavaClass::isEnum)
                .filter(c -> c.getEnumConstants().stream().map(e -> e.name()).collect(Collectors.toSet())
                        .equals(Set.of("VI", "EN")))
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
