package io.lvsj.lab;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;


/**
 * Gives each test its own network namespace and removes it afterwards. Refuses to run
 * outside the lab, loudly: a kernel test that silently skipped would prove nothing.
 */
final class LabNamespaceExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LabNamespaceExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!"1".equals(System.getenv("LVSJ_LAB"))) {
            throw new IllegalStateException("kernel tests need IPVS and run inside the kernel lab:"
                    + " run lab/run-kernel-tests (the README's test command does), not on the host");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LabNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(STORE).getOrComputeIfAbsent("namespace", key -> create(), LabNamespace.class);
    }

    private static LabNamespace create() {
        return LabNamespace.create("lvsj-t");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LabNamespace ns = context.getStore(STORE).remove("namespace", LabNamespace.class);
        if (ns != null) {
            ns.close();
        }
    }
}
