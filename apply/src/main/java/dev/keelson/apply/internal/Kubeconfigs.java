package dev.keelson.apply.internal;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads kubeconfig files the way kubectl does before fabric8 sees them, so that an empty, binary,
 * garbled or incomplete kubeconfig is one clear error naming the file, what is wrong and the fix,
 * never a parser's or client's exception. Files are merged as kubectl merges {@code $KUBECONFIG}:
 * the first file that sets {@code current-context} wins, and the first entry of a name wins.
 * Internal.
 */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    /**
     * Every problem that stops {@code files} from naming a usable cluster for {@code context} (or
     * the current context when {@code null}), each a sentence with its fix; empty when usable.
     * {@code explicit}: the file came from {@code --kubeconfig}, so fixes name it as kubectl's flag.
     */
    public static List<String> problems(List<Path> files, String context, boolean explicit) {
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<?, ?>> contexts = new LinkedHashMap<>();
        Map<String, Map<?, ?>> clusters = new LinkedHashMap<>();
        Set<String> users = new TreeSet<>();
        String current = null;
        for (Path file : files) {
            Map<?, ?> root = read(file, problems);
            if (root == null) {
                continue;
            }
            Object cc = root.get("current-context");
            if (current == null && cc instanceof String s && !s.isBlank()) {
                current = s;
            }
            named(root, "contexts", "context", file, problems).forEach(contexts::putIfAbsent);
            named(root, "clusters", "cluster", file, problems).forEach(clusters::putIfAbsent);
            users.addAll(named(root, "users", "user", file, problems).keySet());
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        String where = files.size() == 1 ? "the kubeconfig " + files.get(0) : "the kubeconfigs " + files;
        String flag = explicit ? " --kubeconfig " + files.get(0) : "";
        String name = context != null ? context : current;
        if (name == null) {
            problems.add(where + " has no current-context. Fix: pass --context NAME"
                    + (contexts.isEmpty() ? ", after adding a context for your cluster (kubectl config set-context)"
                    : " (" + String.join(", ", contexts.keySet()) + ")") + ", or set one with kubectl config use-context NAME" + flag);
            return problems;
        }
        Map<?, ?> ctx = contexts.get(name);
        if (ctx == null) {
            problems.add(context != null
                    ? "context '" + name + "' is not in " + where + ". Fix: kubectl config get-contexts" + flag + " lists the names"
                    : "the current-context '" + name + "' of " + where + " names no context in it. Fix: kubectl config use-context NAME"
                            + flag + (contexts.isEmpty() ? "" : " with one of: " + String.join(", ", contexts.keySet())));
            return problems;
        }
        Object clusterName = ctx.get("cluster");
        if (!(clusterName instanceof String c) || c.isBlank()) {
            problems.add("context '" + name + "' of " + where + " names no cluster. Fix: kubectl config set-context " + name
                    + " --cluster NAME" + flag);
        } else if (!clusters.containsKey(c)) {
            problems.add("context '" + name + "' of " + where + " names the cluster '" + c + "', which is not in it. Fix: "
                    + "kubectl config set-cluster " + c + " --server https://HOST:PORT" + flag + ", or point the context at "
                    + (clusters.isEmpty() ? "a cluster you add" : "one of: " + String.join(", ", clusters.keySet())));
        } else {
            Object server = clusters.get(c).get("server");
            if (!(server instanceof String s) || s.isBlank()) {
                problems.add("the cluster '" + c + "' of " + where + " has no server. Fix: kubectl config set-cluster " + c
                        + " --server https://HOST:PORT" + flag);
            }
        }
        Object user = ctx.get("user");
        if (user instanceof String u && !u.isBlank() && !users.contains(u)) {
            problems.add("context '" + name + "' of " + where + " names the user '" + u + "', which is not in it. Fix: "
                    + "kubectl config set-credentials " + u + flag + ", or point the context at "
                    + (users.isEmpty() ? "a user you add" : "one of: " + String.join(", ", users)));
        }
        return problems;
    }

    /**
     * Throws an {@link IllegalArgumentException} with every problem of {@link #problems(List, String, boolean)}, one per line,
     * when there is one.
     */
    public static void check(List<Path> files, String context, boolean explicit) {
        List<String> problems = problems(files, context, explicit);
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " problems in the kubeconfig:\n  " + String.join("\n  ", problems));
        }
    }

    /** The file as a YAML mapping, or null after reporting why it is not one. */
    private static Map<?, ?> read(Path file, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add("cannot read kubeconfig " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". Fix: check the file's permissions, or pass another with --kubeconfig");
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add("kubeconfig " + file + " is not a text file (not UTF-8). Fix: pass the kubeconfig of your cluster "
                    + "with --kubeconfig, e.g. the file kind, aws eks update-kubeconfig or gcloud wrote");
            return null;
        }
        if (text.isBlank()) {
            problems.add("kubeconfig " + file + " is empty. Fix: write one for your cluster (e.g. kind create cluster, "
                    + "aws eks update-kubeconfig, gcloud container clusters get-credentials), or pass another with --kubeconfig");
            return null;
        }
        Object root;
        try {
            root = Serialization.unmarshal(text, Object.class);
        } catch (RuntimeException e) {
            problems.add("kubeconfig " + file + " is not valid YAML: " + oneLine(e) + ". Fix: repair it (kubectl config view"
                    + " --kubeconfig " + file + " shows what kubectl reads), or pass another with --kubeconfig");
            return null;
        }
        if (!(root instanceof Map<?, ?> map)) {
            problems.add("kubeconfig " + file + " is not a kubeconfig: it holds " + describe(root) + ", not a mapping with "
                    + "clusters, contexts and users. Fix: pass the kubeconfig of your cluster with --kubeconfig");
            return null;
        }
        return map;
    }

    /** The entries of a named list ({@code contexts: [{name: x, context: {...}}]}) by name. */
    private static Map<String, Map<?, ?>> named(Map<?, ?> root, String list, String field, Path file, List<String> problems) {
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        Object value = root.get(list);
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> entries)) {
            problems.add("kubeconfig " + file + ": '" + list + "' is " + describe(value) + ", not a list. Fix: repair it "
                    + "(kubectl config view --kubeconfig " + file + ")");
            return out;
        }
        for (Object e : entries) {
            if (e instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                Object body = m.get(field);
                out.putIfAbsent(n, body instanceof Map<?, ?> b ? b : Map.of());
            } else {
                problems.add("kubeconfig " + file + ": an entry of '" + list + "' has no name. Fix: repair it "
                        + "(kubectl config view --kubeconfig " + file + ")");
            }
        }
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value instanceof String s ? "the text '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'" : "a " + value.getClass().getSimpleName();
    }

    /** The first line of the parser's message, with where it stopped when it says. */
    private static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String[] lines = message.strip().split("\\R");
        String where = "";
        for (String line : lines) {
            String l = line.strip();
            if (l.contains("line ") && l.contains("column ")) {
                where = " (" + l.substring(l.indexOf("line ")).replaceAll("[:,]\\s*$", "") + ")";
                break;
            }
        }
        return lines[0].strip().replaceAll("[:,]\\s*$", "") + where;
    }
}
