package dev.keelson.security;

import dev.keelson.core.Flow;
import dev.keelson.core.Keelson;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

@DisplayName("every problem SecurityBaseline reports carries its rule ID and path")
class SecurityRuleIdsTest {

    private static List<Problem> buildProblems(Platform.Builder builder) {
        try {
            builder.build();
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("the platform built");
    }

    @Test
    @DisplayName("KEE-SEC-001: one SecurityBaseline per platform")
    void twoBaselines() {
        assertThat(buildProblems(Platforms.shop(SecurityBaseline.restricted()).with(SecurityBaseline.baseline())))
                .extracting(Problem::rule, Problem::severity, Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple("KEE-SEC-001", Problem.Severity.ERROR, "shop/securityBaseline",
                        "the platform is given 2 SecurityBaselines; each would render its own policies",
                        "give it one, with per-environment levels via in(...)"));
    }

    @Test
    @DisplayName("KEE-SEC-002, KEE-SEC-003, KEE-SEC-011, KEE-SEC-012, KEE-SEC-013: levels, versions and waivers name what exists")
    void levelsVersionsWaivers() {
        assertThat(buildProblems(Platforms.shop(SecurityBaseline.restricted()
                        .in("qa", PodSecurityLevel.BASELINE)
                        .podSecurityVersion("1.30")
                        .waive("SEC-POD-001", "deployment web", " ")
                        .waiveIn("staging", "SEC-POD-001", "Deployment/web", "ticket OPS-1"))))
                .extracting(Problem::rule, Problem::path, Problem::message, Problem::fix)
                .containsExactly(
                        tuple("KEE-SEC-002", "shop/securityBaseline/in/qa", "level set for environment 'qa', which does not exist",
                                "name one of: dev, prod"),
                        tuple("KEE-SEC-003", "shop/securityBaseline/podSecurityVersion", "'1.30' is not a Pod Security version",
                                "use 'v1.<minor>' matching the cluster, e.g. 'v1.35', or 'latest'"),
                        tuple("KEE-SEC-011", "shop/securityBaseline/waivers/SEC-POD-001/deployment web",
                                "waiver target 'deployment web' is not Kind/name", "use e.g. 'Deployment/legacy'"),
                        tuple("KEE-SEC-012", "shop/securityBaseline/waivers/SEC-POD-001/deployment web", "waiver has no reason",
                                "say why and link a ticket, e.g. 'writes to /var/lib/app, ticket OPS-12'"),
                        tuple("KEE-SEC-013", "shop/securityBaseline/waivers/SEC-POD-001/Deployment/web",
                                "waiver names environment 'staging', which does not exist", "name one of: dev, prod"));
    }

    @Test
    @DisplayName("KEE-SEC-004: an environment under the privileged level is a warning")
    void privilegedWarns() {
        Platform p = Platforms.shop(SecurityBaseline.restricted().in("dev", PodSecurityLevel.PRIVILEGED)).build();
        assertThat(Keelson.synth(p).manifest("prod").warnings()).filteredOn(w -> "KEE-SEC-004".equals(w.rule()))
                .extracting(Problem::severity, Problem::path, Problem::message)
                .containsExactly(tuple(Problem.Severity.WARNING, "shop/securityBaseline/dev",
                        "environment 'dev' runs under the privileged level: pod security findings only warn and the namespace enforces nothing"));
    }

    @Test
    @DisplayName("KEE-SEC-005: a tier cannot take a name the NetworkPolicies use")
    void tierNameCollides() {
        assertThat(buildProblems(Platforms.shop(SecurityBaseline.restricted())
                        .tier(Tier.named("default-deny").image("ghcr.io/acme/x:1.0.0").port(Port.http(8080)))))
                .filteredOn(p -> p.severity() == Problem.Severity.ERROR)
                .extracting(Problem::rule, Problem::path, Problem::message)
                .containsExactly(tuple("KEE-SEC-005", "shop/tiers/default-deny",
                        "tier name 'default-deny' collides with the NetworkPolicies SecurityBaseline renders"));
    }

    @Test
    @DisplayName("KEE-SEC-006: a flow that names a tier that does not exist fails synthesis")
    void flowToMissingTier() {
        PlatformFeature ghost = new PlatformExtension() {
            @Override
            public void contribute(FeatureContext s) {
                s.flows().add(Flow.of(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("ghost"), List.of(Port.http(8080))));
            }
        };
        Platform p = Platforms.shop(SecurityBaseline.restricted()).with(ghost).build();
        assertThatThrownBy(() -> Keelson.synth(p).manifest("prod")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .filteredOn(x -> "KEE-SEC-006".equals(x.rule()))
                        .extracting(Problem::severity, Problem::path, Problem::message)
                        .containsExactly(tuple(Problem.Severity.ERROR, "shop/flows/tier",
                                "in prod: a TIER flow names tier 'ghost', which does not exist")));
    }

    @Test
    @DisplayName("SEC-PSS-003 and SEC-PSS-105 at build(): a capability the strictest level forbids carries the policy rule's ID")
    void capabilities() {
        assertThat(buildProblems(Platforms.shop(SecurityBaseline.restricted())
                        .tier(Tier.named("sniffer").image("ghcr.io/acme/sniffer:1.0.0").addCapability("NET_ADMIN")
                                .addCapability("CHOWN"))))
                .filteredOn(p -> p.path().endsWith("/capabilities"))
                .extracting(Problem::rule, Problem::path, Problem::message, Problem::fix)
                .containsExactly(
                        tuple("SEC-PSS-003", "shop/tiers/sniffer/capabilities",
                                "capability NET_ADMIN is not allowed at the restricted level of environment 'dev'",
                                "add at most NET_BIND_SERVICE"),
                        tuple("SEC-PSS-105", "shop/tiers/sniffer/capabilities",
                                "capability CHOWN is not allowed at the restricted level of environment 'dev'",
                                "add at most NET_BIND_SERVICE"));
    }
}
