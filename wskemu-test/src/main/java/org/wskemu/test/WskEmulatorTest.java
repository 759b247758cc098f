package org.wskemu.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.api.sharing.ProfileId;

/**
 * Gives each test a fresh in-memory engine: a test (or {@code @BeforeEach}/{@code @AfterEach}
 * method) that declares a {@link org.wskemu.engine.WskEmulator} or {@link WskDriver} parameter gets
 * one, the same for every parameter of one test, and it is closed after the test. Nothing is shared
 * between tests.
 *
 * <pre>{@code
 * @WskEmulatorTest
 * class MyDriverTest {
 *     @Test
 *     void bindsPort80(WskDriver driver) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a class it applies to every test of the class (and of its {@code @Nested} classes); on a
 * method it applies to that test, and its settings win over the class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(WskEmulatorExtension.class)
public @interface WskEmulatorTest {

    /**
     * The sharing profile every decision is made under.
     *
     * @return the profile (default {@code wsk})
     */
    ProfileId profile() default ProfileId.WSK;

    /**
     * How long the {@link WskDriver} waits for one IRP before failing the test.
     *
     * @return the timeout in seconds (default 10)
     */
    long timeoutSeconds() default 10;
}
