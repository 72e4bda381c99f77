package com.webdit.client;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The client's packages form layers without cycles: the front ends (demo, embed) over the
 * runtime, over the engine, over the kernels, over the WebGPU externs and DOM helpers. A class
 * that reaches back up a layer fails here with the dependency that closes the cycle.
 */
class PackageStructureTest {
  private static final JavaClasses CLIENT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.webdit.client");

  @Test
  void noPackageCycles() {
    slices().matching("com.webdit.client.(**)").should().beFreeOfCycles().check(CLIENT);
  }

  @Test
  void everyClassLivesInAPackageForItsConcern() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().should()
        .resideInAPackage("com.webdit.client")
        .because("the root package held 18 unrelated files; each concern has its own package")
        .check(CLIENT);
  }
}
