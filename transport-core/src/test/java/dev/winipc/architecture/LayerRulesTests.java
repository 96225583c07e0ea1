package dev.winipc.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layer rules of DESIGN.md: the transport packages are a plain Java IPC library,
 * data flows from the integration layer through the transport API to one backend, and
 * no backend knows another.
 */
@AnalyzeClasses(packages = "dev.winipc", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTests {

	private static final String[] PLAIN_JAVA = { "dev.winipc.transport..", "dev.winipc.windows..",
			"dev.winipc.posix..", "dev.winipc.shm.." };

	@ArchTest
	static final ArchRule transportPackagesImportNothingFromSpring = noClasses().that()
		.resideInAnyPackage(PLAIN_JAVA)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("the transport layer is a plain Java IPC library, usable without Spring");

	@ArchTest
	static final ArchRule platformNeutralPackagesImportNoBackend = noClasses().that()
		.resideInAnyPackage("dev.winipc.transport..", "dev.winipc.shm..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.winipc.windows..", "dev.winipc.posix..", "dev.winipc.integration..")
		.because("IpcPlatform.current() picks the backend; nothing platform-neutral names one");

	@ArchTest
	static final ArchRule windowsBackendKnowsNoOtherBackendNorIntegration = noClasses().that()
		.resideInAPackage("dev.winipc.windows..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.winipc.posix..", "dev.winipc.integration..");

	@ArchTest
	static final ArchRule posixBackendKnowsNoOtherBackendNorIntegration = noClasses().that()
		.resideInAPackage("dev.winipc.posix..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.winipc.windows..", "dev.winipc.integration..");

	@ArchTest
	static final ArchRule integrationImportsNoBackend = noClasses().that()
		.resideInAPackage("dev.winipc.integration..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.winipc.windows..", "dev.winipc.posix..")
		.because("the integration layer reaches the OS through the transport API only");

}
