package dev.keelson.autoscaling;

import org.jspecify.annotations.Nullable;
import dev.keelson.core.Require;
import dev.keelson.core.KubernetesSyntax;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One KEDA scaler of a {@link Keda} setup: a schedule, a queue, a Prometheus query.
 *
 * <pre>{@code
 * KedaTrigger.cron(ZoneId.of("Europe/Berlin"), "0 8 * * 1-5", "0 20 * * 1-5", 10)  // weekday peak
 * KedaTrigger.rabbitmq("orders", 10).authenticatedBy("rabbitmq-auth")
 * KedaTrigger.awsSqs("https://sqs.eu-west-1.amazonaws.com/123456789012/orders", "eu-west-1", 10)
 * KedaTrigger.of("redis", Map.of("listName", "jobs", "listLength", "5", "addressFromEnv", "REDIS_ADDR"))
 * }</pre>
 *
 * <p>Credentials never go into a trigger: name a KEDA {@code TriggerAuthentication} with
 * {@link #authenticatedBy(String)} or let the scaler read them from the container's environment.
 *
 * @param type the KEDA scaler type, e.g. {@code cron}
 * @param metadata the scaler's settings, as KEDA defines them for that type
 * @param authenticationRef the TriggerAuthentication's name, or {@code null}
 */
public record KedaTrigger(String type, Map<String, String> metadata, @Nullable String authenticationRef) {

    /**
     * Checks {@code type} and {@code metadata} at once, naming the argument and the call when one is invalid. Copies
     * the collections, so the value stays immutable.
     *
     * @param type the KEDA scaler type, e.g. {@code cron}
     * @param metadata the scaler's settings, as KEDA defines them for that type
     * @param authenticationRef the TriggerAuthentication's name, or {@code null}
     */
    public KedaTrigger {
        Require.nonNull(type, "type");
        Require.noNulls(metadata, "metadata");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a KEDA trigger needs a type, was '" + type + "'");
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Any KEDA scaler, by type and settings (see KEDA's scaler reference). */
    public static KedaTrigger of(String type, Map<String, String> metadata) {
        Require.nonNull(type, "type");
        Require.noNulls(metadata, "metadata");
        return new KedaTrigger(type, metadata, null);
    }

    /**
     * {@code desiredReplicas} replicas between the cron times {@code start} and {@code end} (5 fields
     * each) in {@code zone}: the known daily peak, scaled for ahead of time.
     */
    public static KedaTrigger cron(ZoneId zone, String start, String end, int desiredReplicas) {
        Require.nonNull(zone, "zone");
        Require.nonNull(start, "start");
        Require.nonNull(end, "end");
        requireCron(start, "start");
        requireCron(end, "end");
        if (desiredReplicas < 1) {
            throw new IllegalArgumentException("desiredReplicas must be at least 1, was " + desiredReplicas);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("timezone", zone.getId());
        m.put("start", start);
        m.put("end", end);
        m.put("desiredReplicas", Integer.toString(desiredReplicas));
        return of("cron", m);
    }

    /** {@code messagesPerPod} ready messages per pod of the RabbitMQ queue {@code queue}; the connection comes from {@link #authenticatedBy}. */
    public static KedaTrigger rabbitmq(String queue, int messagesPerPod) {
        Require.nonNull(queue, "queue");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("queueName", requireText(queue, "queue"));
        m.put("mode", "QueueLength");
        m.put("value", Integer.toString(positive(messagesPerPod, "messagesPerPod")));
        return of("rabbitmq", m);
    }

    /** {@code messagesPerPod} messages per pod of the SQS queue {@code queueUrl} in {@code region}. */
    public static KedaTrigger awsSqs(String queueUrl, String region, int messagesPerPod) {
        Require.nonNull(queueUrl, "queueUrl");
        Require.nonNull(region, "region");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("queueURL", requireText(queueUrl, "queueUrl"));
        m.put("queueLength", Integer.toString(positive(messagesPerPod, "messagesPerPod")));
        m.put("awsRegion", requireText(region, "region"));
        return of("aws-sqs-queue", m);
    }

    /** {@code lagPerPod} unconsumed messages per pod of {@code topic} for consumer group {@code group}. */
    public static KedaTrigger kafka(String bootstrapServers, String group, String topic, int lagPerPod) {
        Require.nonNull(bootstrapServers, "bootstrapServers");
        Require.nonNull(group, "group");
        Require.nonNull(topic, "topic");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrapServers", requireText(bootstrapServers, "bootstrapServers"));
        m.put("consumerGroup", requireText(group, "group"));
        m.put("topic", requireText(topic, "topic"));
        m.put("lagThreshold", Integer.toString(positive(lagPerPod, "lagPerPod")));
        return of("kafka", m);
    }

    /** The Prometheus {@code query} at {@code serverAddress}, {@code threshold} per pod. */
    public static KedaTrigger prometheus(String serverAddress, String query, int threshold) {
        Require.nonNull(serverAddress, "serverAddress");
        Require.nonNull(query, "query");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("serverAddress", requireText(serverAddress, "serverAddress"));
        m.put("query", requireText(query, "query"));
        m.put("threshold", Integer.toString(positive(threshold, "threshold")));
        return of("prometheus", m);
    }

    /** This trigger with its credentials from the KEDA TriggerAuthentication {@code name}. */
    public KedaTrigger authenticatedBy(String name) {
        Require.nonNull(name, "name");
        return new KedaTrigger(type, metadata, requireText(name, "name"));
    }

    private static void requireCron(String expression, String parameter) {
        if (expression == null || expression.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("cron " + parameter + " '" + expression
                    + "' must have 5 fields (minute hour day-of-month month day-of-week), e.g. '0 8 * * 1-5'");
        }
    }

    private static String requireText(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank, was '" + value + "'");
        }
        int at = KubernetesSyntax.controlCharacter(value);
        if (at >= 0) {
            throw new IllegalArgumentException(parameter + " contains the control character "
                    + KubernetesSyntax.describeCharacter(value, at) + " at index " + at + "; remove it");
        }
        return value;
    }

    private static int positive(int value, String parameter) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + " must be at least 1, was " + value);
        }
        return value;
    }
}
