package dev.keelson.security;

import dev.keelson.core.Require;
import dev.keelson.core.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner's {@code audit-policy} subcommand: {@code audit-policy [--output FILE]} prints the
 * platform's {@link AuditPolicy} for the API server, or writes it to {@code FILE} (whole or not at
 * all). Exit code 0, 1 when the platform does not build, 2 on a usage error.
 *
 * <pre>{@code
 * System.exit(AuditPolicyCommand.addTo(Keelson.runner(() -> platform())).execute(args));
 * // java -jar platform.jar audit-policy --output dist/audit-policy.yaml
 * }</pre>
 */
@Command(name = "audit-policy", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 1,
        description = {"Print the API server's audit policy for the platform's namespaces (audit.k8s.io/v1 Policy, for "
            + "kube-apiserver --audit-policy-file): changes logged with request and response, Secrets with metadata only.",
            "Not a Kubernetes object: keep it out of dist/<env>/, which kubectl apply reads."})
public final class AuditPolicyCommand implements Callable<Integer> {

    private final Runner runner;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    /**
     * The command for the runner's platform.
     *
     * @param runner the runner whose platform is audited
     */
    public AuditPolicyCommand(Runner runner) {
        Require.nonNull(runner, "runner");
        this.runner = runner;
    }

    /**
     * Adds an {@code audit-policy} command to {@code runner}.
     *
     * @param runner the runner
     * @return the runner, for chaining
     */
    public static Runner addTo(Runner runner) {
        Require.nonNull(runner, "runner");
        return runner.command(new AuditPolicyCommand(runner));
    }

    @Override
    public Integer call() {
        AuditPolicy policy = AuditPolicy.of(runner.platform());
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(policy.toYaml());
            out.flush();
            return 0;
        }
        policy.writeTo(output);
        out.println("audit policy for " + String.join(", ", policy.namespaces()) + " written to " + output
                + " (for kube-apiserver --audit-policy-file)");
        out.flush();
        return 0;
    }
}
