package dev.keelson.core.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole platform and collects every problem, each with a stable path and a rule ID (one
 * row each in {@code docs/validation-rules.md}; one rule keeps one ID wherever it applies). The
 * coordinator: the checks themselves live in one class per concern ({@link PlatformChecks},
 * {@link TierChecks}, {@link PortChecks}, {@link ResourceChecks}, {@link EnvChecks},
 * {@link CallChecks}, {@link ExposureChecks}, {@link RunAsChecks}, {@link KindChecks}), called here in a fixed order so
 * problems always come out in the same order. Internal: {@link Platform.Builder#build()} calls it,
 * once per platform.
 */
public final class ModelValidator implements Problems {

    private final List<Problem> problems = new ArrayList<>();
    private final ResourceChecks resources = new ResourceChecks(this);
    private final ExposureChecks exposure = new ExposureChecks(this);
    private final PlatformChecks platformWide = new PlatformChecks(this, resources, exposure);
    private final TierChecks tiers = new TierChecks(this);
    private final PortChecks ports = new PortChecks(this);
    private final EnvChecks env = new EnvChecks(this);
    private final CallChecks calls = new CallChecks(this, ports);
    private final RunAsChecks runAs = new RunAsChecks(this);
    private final GatewayChecks gateway = new GatewayChecks(this);
    private final KindChecks kinds = new KindChecks(this);

    private ModelValidator() {
    }

    /**
     * Validates {@code platform}; called once per platform, by its constructor.
     *
     * @return the warnings found
     * @throws ValidationException with every problem, when there is an error
     */
    public static List<Problem> validate(Platform platform) {
        ModelValidator v = new ModelValidator();
        v.check(platform);
        boolean failed = false;
        List<Problem> warnings = new ArrayList<>();
        for (Problem p : v.problems) {
            if (p.severity() == Problem.Severity.ERROR) {
                failed = true;
            } else {
                warnings.add(p);
            }
        }
        if (failed) {
            throw new ValidationException(platform.name(), v.problems);
        }
        return List.copyOf(warnings);
    }

    @Override
    public void report(Problem problem) {
        RuleIds.require(problem);
        problems.add(problem);
    }

    private void check(Platform platform) {
        ModelPath root = ModelPath.root(platform.name().isBlank() ? "<unnamed>" : platform.name());
        platformWide.checkName(platform, root);
        platformWide.checkEnvironments(platform, root);
        platformWide.checkCluster(platform.cluster(), root.child("cluster"));
        exposure.checkTls(platform.certificateIssuer(), root.child("certificateIssuer"));

        Map<String, Tier> byName = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (Tier tier : platform.tiers()) {
            if (byName.putIfAbsent(tier.name(), tier) != null && duplicates.add(tier.name())) {
                error("KEE-TIER-001", root.tier(tier.name()), "tier name '" + tier.name() + "' is used twice",
                        "give every tier its own name");
            }
        }
        Map<String, String> exposedAt = new HashMap<>();
        for (Tier tier : platform.tiers()) {
            checkTier(platform, tier, root.tier(tier.name()), byName, exposedAt);
        }
        Set<String> envNames = new HashSet<>();
        platform.environments().forEach(e -> envNames.add(e.name()));
        String nameOne = "name one of the environments: " + String.join(", ", platform.environments().stream().map(Environment::name).toList());
        for (var c : platform.customizations()) {
            if (c.environment() != null && !envNames.contains(c.environment())) {
                error("KEE-CUST-001", root.child("customize", c.kind().getSimpleName()).key(c.name()),
                        "customization names environment '" + c.environment() + "', which does not exist",
                        nameOne);
            }
        }
        for (var raw : platform.rawObjects()) {
            if (raw instanceof Platform.InEnvironment only && !envNames.contains(only.environment())) {
                error("KEE-RAW-004", root.child("add", only.environment()),
                        "add(...) names environment '" + only.environment() + "', which does not exist",
                        nameOne);
            }
        }
        gateway.check(platform, root);
        // features validate after core, in the documented order: platform features, then each tier's
        for (PlatformFeature feature : platform.features()) {
            feature.extension().validate(platform, this);
        }
        for (Tier tier : platform.tiers()) {
            for (TierFeature feature : tier.features()) {
                feature.extension().validate(platform, tier, root.tier(tier.name()), this);
            }
        }
    }

    private void checkTier(Platform platform, Tier tier, ModelPath path, Map<String, Tier> byName, Map<String, String> exposedAt) {
        tiers.checkName(tier, path);
        tiers.checkImage(tier.image(), path.child("image"));
        ports.checkPorts(tier, path);
        resources.checkResources(tier.resources(), path.child("resources"));
        ports.checkProbes(tier, path);
        tiers.checkReplicas(tier, path);
        tiers.checkRollingUpdate(tier, path.child("rollingUpdate"));
        env.checkEnv(tier, path);
        calls.checkConnections(tier, path.child("talksTo"), byName);
        calls.checkDependencies(tier, path.child("dependsOn"), byName);
        exposure.checkExposure(platform, tier, path.child("exposure"), exposedAt);
        tiers.checkMetrics(tier, path);
        runAs.checkRunAs(tier, path);
        tiers.checkPodAnnotations(tier, path);
        kinds.checkKind(platform, tier, path, byName);
    }
}
