package dev.keelson.core;

import dev.keelson.core.internal.ModelValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A whole platform: its environments, tiers and features. Immutable; built by
 * {@link #named(String)}, which validates everything at once.
 *
 * <pre>{@code
 * Platform platform = Platform.named("shop")
 *     .environments(Environment.dev(), Environment.prod())
 *     .tier(Tier.named("web").image("ghcr.io/acme/web:1.4.2").port(Port.http(8080))
 *         .exposedAt("shop.example.com").talksTo("api"))
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.grpc(9090)))
 *     .build();
 * }</pre>
 *
 * <p>A {@code Platform} exists only once it has passed validation: its one constructor is private,
 * called by {@link Builder#build()}, and validates before it returns. Synthesis therefore never
 * validates again.
 */
public final class Platform {

    /** The issuer exposures use unless told otherwise: the cert-manager ClusterIssuer {@code letsencrypt-prod}. */
    public static final Tls DEFAULT_ISSUER = Tls.clusterIssuer("letsencrypt-prod");

    private static final List<String> COMPONENTS = List.of("name", "environments", "tiers", "features",
            "customizations", "rawObjects", "cluster", "certificateIssuer", "kubernetes", "exposeThrough");

    private final String name;
    private final List<Environment> environments;
    private final List<Tier> tiers;
    private final List<PlatformFeature> features;
    private final List<Customization<?>> customizations;
    private final List<Function<Environment, HasMetadata>> rawObjects;
    private final ClusterServices cluster;
    private final Tls certificateIssuer;
    private final KubernetesVersion kubernetes;
    private final ExposureApi exposeThrough;
    /** The warnings validation found; synthesis reports them with its own problems. */
    private final List<Problem> warnings;

    /**
     * Copies the builder's settings and validates them; the features' {@code validate} see this
     * platform with every setting in place.
     *
     * @throws ValidationException with every problem, when there is an error
     */
    private Platform(Builder b, List<Environment> environments) {
        this.name = b.name;
        this.environments = List.copyOf(environments);
        this.tiers = List.copyOf(b.tiers);
        this.features = List.copyOf(b.features);
        this.customizations = List.copyOf(b.customizations);
        this.rawObjects = List.copyOf(b.rawObjects);
        this.cluster = b.cluster;
        this.certificateIssuer = b.certificateIssuer;
        this.kubernetes = b.kubernetes;
        this.exposeThrough = b.exposeThrough;
        this.warnings = ModelValidator.validate(this);
    }

    /** Starts a platform. */
    public static Builder named(String name) {
        Require.nonNull(name, "name");
        return new Builder(name);
    }

    /** The platform's name (a DNS label; namespaces are {@code <name>-<environment>}). */
    public String name() {
        return name;
    }

    /** The environments, in order. */
    public List<Environment> environments() {
        return environments;
    }

    /** The tiers, in order. */
    public List<Tier> tiers() {
        return tiers;
    }

    /** The platform features, in the order declared. */
    public List<PlatformFeature> features() {
        return features;
    }

    /** Changes to generated objects, in the order declared. */
    public List<Customization<?>> customizations() {
        return customizations;
    }

    /** Objects added as they are, per environment, in the order declared. */
    public List<Function<Environment, HasMetadata>> rawObjects() {
        return rawObjects;
    }

    /** Where the cluster's shared services run. */
    public ClusterServices cluster() {
        return cluster;
    }

    /** The TLS issuer for exposures that name none. */
    public Tls certificateIssuer() {
        return certificateIssuer;
    }

    /** The Kubernetes version the platform targets. */
    public KubernetesVersion kubernetes() {
        return kubernetes;
    }

    /** How exposed tiers are reached: {@link ExposureApi#ingress()} unless {@link Builder#exposeThrough} says otherwise. */
    public ExposureApi exposeThrough() {
        return exposeThrough;
    }

    /** The Gateway API setting, if tiers are exposed through Gateway API. */
    public java.util.Optional<GatewayApi> gatewayApi() {
        return exposeThrough instanceof GatewayApi g ? java.util.Optional.of(g) : java.util.Optional.empty();
    }

    /** The warnings {@link Builder#build()} found (errors would have failed it), in order. */
    List<Problem> warnings() {
        return warnings;
    }

    /** The tier named {@code tierName}, if any. */
    public java.util.Optional<Tier> tier(String tierName) {
        Require.nonNull(tierName, "tierName");
        for (Tier t : tiers) {
            if (t.name().equals(tierName)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** The environment named {@code environmentName}, if any. */
    public java.util.Optional<Environment> environment(String environmentName) {
        Require.nonNull(environmentName, "environmentName");
        for (Environment e : environments) {
            if (e.name().equals(environmentName)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The TLS setting of exposed tiers in {@code environment} that set none themselves: the
     * environment's issuer if it has one, else the platform's.
     */
    public Tls certificateIssuerIn(Environment environment) {
        Require.nonNull(environment, "environment");
        Tls own = environment.certificateIssuer();
        return own != null ? own : certificateIssuer;
    }

    /** The platform features of type {@code type}. */
    public <F extends PlatformFeature> List<F> features(Class<F> type) {
        Require.nonNull(type, "type");
        List<F> found = new ArrayList<>();
        for (PlatformFeature f : features) {
            if (type.isInstance(f)) {
                found.add(type.cast(f));
            }
        }
        return found;
    }

    /** Value semantics, as when Platform was a record: equal when every setting is. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o == this || o instanceof Platform other && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    @Override
    public String toString() {
        return Components.toString("Platform", COMPONENTS, components());
    }

    private List<@Nullable Object> components() {
        return List.of(name, environments, tiers, features, customizations, rawObjects, cluster, certificateIssuer,
                kubernetes, exposeThrough);
    }

    /**
     * A raw object for one environment only; see {@link Builder#add(String, Function)}. Applied to
     * another environment, it makes nothing ({@code null}); synthesis skips it there.
     *
     * @param environment the environment's name
     * @param object makes the object, given the environment
     */
    public record InEnvironment(String environment, Function<Environment, HasMetadata> object)
            implements Function<Environment, @Nullable HasMetadata> {

        public InEnvironment {
            Require.nonNull(environment, "environment");
            Require.nonNull(object, "object");
        }

        /** Whether the object belongs to {@code env}. */
        public boolean appliesTo(Environment env) {
            Require.nonNull(env, "env");
            return environment.equals(env.name());
        }

        @Override
        public @Nullable HasMetadata apply(Environment env) {
            Require.nonNull(env, "env");
            return appliesTo(env) ? object.apply(env) : null;
        }
    }

    /** Collects a platform's settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final String name;
        private final List<Environment> environments = new ArrayList<>();
        private final List<Tier> tiers = new ArrayList<>();
        private final List<PlatformFeature> features = new ArrayList<>();
        private final List<Customization<?>> customizations = new ArrayList<>();
        private final List<Function<Environment, HasMetadata>> rawObjects = new ArrayList<>();
        private ClusterServices cluster = ClusterServices.DEFAULT;
        private Tls certificateIssuer = DEFAULT_ISSUER;
        private KubernetesVersion kubernetes = KubernetesVersion.DEFAULT;
        private ExposureApi exposeThrough = ExposureApi.ingress();

        private Builder(String name) {
            this.name = name;
        }

        /** The environments, in output order. Default: one, {@link Environment#prod()}. */
        public Builder environments(Environment... environments) {
            Require.noNulls(environments, "environments");
            this.environments.addAll(List.of(environments));
            return this;
        }

        /** A tier. */
        public Builder tier(Tier tier) {
            Require.nonNull(tier, "tier");
            tiers.add(tier);
            return this;
        }

        /** A tier, built from its builder. */
        public Builder tier(Tier.Builder tier) {
            Require.nonNull(tier, "tier");
            return tier(tier.build());
        }

        /** A platform feature (security baseline, mesh policy, ...), applied in the order given. */
        public Builder with(PlatformFeature feature) {
            Require.nonNull(feature, "feature");
            features.add(feature);
            return this;
        }

        /** Where the cluster's ingress controller, monitoring and DNS run. Default: {@link ClusterServices#DEFAULT}. */
        public Builder cluster(ClusterServices services) {
            Require.nonNull(services, "services");
            this.cluster = services;
            return this;
        }

        /**
         * The Kubernetes version the platform targets, e.g. {@code "1.28"}. It pins the Pod Security
         * Admission version labels ({@code enforce-version: v1.28}) unless the security baseline
         * names its own, and {@code check} reports every field or API in the output that the
         * target does not serve (rules KEE-VER-*). Default: {@link KubernetesVersion#DEFAULT}, the
         * oldest release still supported upstream.
         *
         * @throws IllegalArgumentException when {@code version} is not a Kubernetes version Keelson can target
         */
        public Builder kubernetes(String version) {
            Require.nonNull(version, "version");
            this.kubernetes = KubernetesVersion.of(version);
            return this;
        }

        /**
         * How exposed tiers are reached from outside the cluster. Default: {@link ExposureApi#ingress()}
         * (an NGINX Ingress per exposed tier), so existing platforms keep their output; new platforms
         * should use {@link GatewayApi#istio()} or {@link GatewayApi#className(String)}, since Ingress
         * NGINX is retired upstream.
         *
         * <pre>{@code
         * Platform.named("shop").exposeThrough(GatewayApi.istio())
         * }</pre>
         */
        public Builder exposeThrough(ExposureApi api) {
            Require.nonNull(api, "api");
            this.exposeThrough = api;
            return this;
        }

        /** The TLS issuer for exposures that name none. Default: {@link #DEFAULT_ISSUER}. */
        public Builder certificateIssuer(Tls issuer) {
            Require.nonNull(issuer, "issuer");
            this.certificateIssuer = issuer;
            return this;
        }

        /**
         * Changes the generated object of type {@code kind} named {@code name} in every environment.
         * A customization that matches no object fails synthesis, so a typo cannot go unnoticed.
         *
         * <pre>{@code
         * .customize(Deployment.class, "web", d -> d.getSpec().setMinReadySeconds(10))
         * }</pre>
         */
        public <T extends HasMetadata> Builder customize(Class<T> kind, String name, Consumer<T> change) {
            Require.nonNull(kind, "kind");
            Require.nonNull(name, "name");
            Require.nonNull(change, "change");
            customizations.add(new Customization<>(null, kind, name, (env, object) -> change.accept(object)));
            return this;
        }

        /** Changes the generated object of type {@code kind} named {@code name} in one environment. */
        public <T extends HasMetadata> Builder customize(String environment, Class<T> kind, String name,
                                                         Consumer<T> change) {
            Require.nonNull(environment, "environment");
            Require.nonNull(kind, "kind");
            Require.nonNull(name, "name");
            Require.nonNull(change, "change");
            customizations.add(new Customization<>(environment, kind, name, (env, object) -> change.accept(object)));
            return this;
        }

        /** Changes a generated object in every environment, knowing which one it is. */
        public <T extends HasMetadata> Builder customize(Class<T> kind, String name, BiConsumer<Environment, T> change) {
            Require.nonNull(kind, "kind");
            Require.nonNull(name, "name");
            Require.nonNull(change, "change");
            customizations.add(new Customization<>(null, kind, name, change));
            return this;
        }

        /**
         * Adds a raw fabric8 object to every environment, made afresh for each. Without a namespace
         * it goes into the environment's; the policy check runs on it like on any other.
         *
         * <pre>{@code
         * .add(env -> new ConfigMapBuilder().withNewMetadata().withName("banner").endMetadata()
         *         .addToData("text", "welcome to " + env.name()).build())
         * }</pre>
         */
        public Builder add(Function<Environment, HasMetadata> object) {
            Require.nonNull(object, "object");
            rawObjects.add(object);
            return this;
        }

        /**
         * Adds a raw fabric8 object to one environment only, made when that environment is
         * synthesized. An environment name that does not exist is reported by {@link #build()}.
         *
         * <pre>{@code
         * .add("prod", env -> new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").endMetadata()
         *         .withNewSpec().withMinAvailable(new IntOrString(1)).endSpec().build())
         * }</pre>
         */
        public Builder add(String environment, Function<Environment, HasMetadata> object) {
            Require.nonNull(environment, "environment");
            Require.nonNull(object, "object");
            rawObjects.add(new InEnvironment(environment, object));
            return this;
        }

        /**
         * Validates everything at once and returns the platform.
         *
         * @throws ValidationException with every problem found
         */
        public Platform build() {
            return new Platform(this, environments.isEmpty() ? List.of(Environment.prod()) : environments);
        }
    }
}
