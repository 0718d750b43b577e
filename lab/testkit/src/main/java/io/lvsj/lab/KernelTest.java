package io.lvsj.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs the real kernel's IPVS: it runs inside the kernel lab
 * ({@code lab/run-kernel-tests}) and never on the host. Each test method may take a
 * {@link LabNamespace} parameter: a network namespace made for that test alone, so no
 * test sees another's IPVS table.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("kernel")
@ExtendWith(LabNamespaceExtension.class)
public @interface KernelTest {
}
