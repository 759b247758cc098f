package org.wskemu.test;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.WskEmulator;

/**
 * The JUnit 5 extension behind {@link WskEmulatorTest @WskEmulatorTest}: resolves
 * {@link WskEmulator} and {@link WskDriver} parameters with a fresh in-memory engine per test, and
 * closes it after the test. Usable on its own with
 * {@code @ExtendWith(WskEmulatorExtension.class)}, with the defaults of {@link WskEmulatorTest}.
 *
 * <p>A test's parameters, and those of its {@code @BeforeEach} and {@code @AfterEach} methods, get
 * the test's own engine. A parameter of a {@code @BeforeAll} or {@code @AfterAll} method gets an
 * engine of the class's own, closed after the class; tests never see it.
 */
public final class WskEmulatorExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(WskEmulatorExtension.class);

    /** The engine of one test (or class) and its driver. */
    private record Engine(WskEmulator emulator, WskDriver driver) {
    }

    /** Created by JUnit. */
    public WskEmulatorExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WskEmulator.class || type == WskDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Engine engine;
        try {
            engine = context.getStore(NAMESPACE).getOrComputeIfAbsent(key(context), key -> start(context), Engine.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start an in-memory wskemu engine: " + e.getMessage(), e);
        }
        return parameter.getParameter().getType() == WskDriver.class ? engine.driver() : engine.emulator();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeIn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIn(context);
    }

    // Closed here rather than left to the store, so the engine is closed right after its test on every
    // JUnit 5 version (a store closes AutoCloseable values itself only since 5.13).
    private static void closeIn(ExtensionContext context) {
        Engine engine = context.getStore(NAMESPACE).remove(key(context), Engine.class);
        if (engine != null) {
            engine.emulator().close();
        }
    }

    // a store sees its parents' values: keyed by the context, a test never gets its class's engine
    private static String key(ExtensionContext context) {
        return "engine " + context.getUniqueId();
    }

    private static Engine start(ExtensionContext context) {
        Optional<WskEmulatorTest> settings = settings(context);
        ProfileId profile = settings.map(WskEmulatorTest::profile).orElse(ProfileId.WSK);
        Duration timeout = Duration.ofSeconds(settings.map(WskEmulatorTest::timeoutSeconds).orElse(10L));
        WskEmulator emulator = WskEmulator.builder().profile(profile).build();
        return new Engine(emulator, WskDriver.of(emulator).withTimeout(timeout));
    }

    /** The nearest annotation: on the test method, else on its class or an enclosing class. */
    private static Optional<WskEmulatorTest> settings(ExtensionContext context) {
        for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
            Optional<AnnotatedElement> element = at.get().getElement();
            if (element.isPresent()) {
                Optional<WskEmulatorTest> found = AnnotationSupport.findAnnotation(element.get(), WskEmulatorTest.class);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
