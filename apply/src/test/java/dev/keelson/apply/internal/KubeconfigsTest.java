package dev.keelson.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apply.Cluster;
import dev.keelson.apply.testkit.MockCluster;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a broken, empty or garbage kubeconfig is one clear error naming the file and the fix")
class KubeconfigsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** The kubeconfig MockCluster writes (cluster, context and user "mock"), as text. */
    private static final String GOOD = goodText();
    private static final String SPECIAL = "[{:-\t\"'&*!|>%@`";
    private static String goodText() {
        try {
            Path file = Files.createTempFile("kubeconfig", ".yaml");
            try {
                return Files.readString(MockCluster.kubeconfig(file, "https://127.0.0.1:6443"));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a good kubeconfig has no problem, with its current context or a named one")
    void good() throws IOException {
        Path file = MockCluster.kubeconfig(dir.resolve("config"), "https://127.0.0.1:6443");
        assertThat(Kubeconfigs.problems(List.of(file), null, true)).isEmpty();
        assertThat(Kubeconfigs.problems(List.of(file), "mock", true)).isEmpty();
    }

    @Test
    @DisplayName("empty, binary, garbled YAML, a scalar and a list: each named as what it is, with the fix")
    void notAKubeconfig() throws IOException {
        Path empty = write("empty", "  \n");
        assertThat(Kubeconfigs.problems(List.of(empty), null, true))
                .containsExactly("kubeconfig " + empty + " is empty. Fix: write one for your cluster (e.g. kind create cluster, "
                        + "aws eks update-kubeconfig, gcloud container clusters get-credentials), or pass another with --kubeconfig");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        assertThat(Kubeconfigs.problems(List.of(binary), null, true)).singleElement().asString()
                .startsWith("kubeconfig " + binary + " is not a text file (not UTF-8). Fix: ");
        Path garbled = write("garbled", "apiVersion: v1\nclusters: [unclosed\n");
        assertThat(Kubeconfigs.problems(List.of(garbled), null, true)).singleElement().asString()
                .startsWith("kubeconfig " + garbled + " is not valid YAML: ")
                .contains("line ")
                .endsWith("Fix: repair it (kubectl config view --kubeconfig " + garbled + " shows what kubectl reads), or pass "
                        + "another with --kubeconfig")
                .doesNotContain("\n");
        Path scalar = write("scalar", "just a string\n");
        assertThat(Kubeconfigs.problems(List.of(scalar), null, true)).containsExactly("kubeconfig " + scalar
                + " is not a kubeconfig: it holds the text 'just a string', not a mapping with clusters, contexts and users. "
                + "Fix: pass the kubeconfig of your cluster with --kubeconfig");
        Path list = write("list", "- a\n- b\n");
        assertThat(Kubeconfigs.problems(List.of(list), null, true)).singleElement().asString().contains("it holds a list");
        Path badContexts = write("badContexts", "contexts: 3\nclusters:\n- cluster: {server: x}\n");
        assertThat(Kubeconfigs.problems(List.of(badContexts), null, true)).containsExactly(
                "kubeconfig " + badContexts + ": 'contexts' is a Integer, not a list. Fix: repair it (kubectl config view --kubeconfig "
                        + badContexts + ")",
                "kubeconfig " + badContexts + ": an entry of 'clusters' has no name. Fix: repair it (kubectl config view "
                        + "--kubeconfig " + badContexts + ")");
    }

    @Test
    @DisplayName("no current-context, an unknown one, a missing cluster, server or user: named with the kubectl command that fixes it")
    void incomplete() throws IOException {
        Path noCurrent = write("noCurrent", GOOD.replace("current-context: mock\n", ""));
        assertThat(Kubeconfigs.problems(List.of(noCurrent), null, true)).containsExactly("the kubeconfig " + noCurrent
                + " has no current-context. Fix: pass --context NAME (mock), or set one with kubectl config use-context NAME"
                + " --kubeconfig " + noCurrent);
        Path dangling = write("dangling", GOOD.replace("current-context: mock", "current-context: gone"));
        assertThat(Kubeconfigs.problems(List.of(dangling), null, false)).containsExactly("the current-context 'gone' of the kubeconfig "
                + dangling + " names no context in it. Fix: kubectl config use-context NAME with one of: mock");
        assertThat(Kubeconfigs.problems(List.of(dangling), "prod", true)).containsExactly("context 'prod' is not in the kubeconfig "
                + dangling + ". Fix: kubectl config get-contexts --kubeconfig " + dangling + " lists the names");
        Path noCluster = write("noCluster", GOOD.replace("    cluster: mock\n", "    cluster: elsewhere\n"));
        assertThat(Kubeconfigs.problems(List.of(noCluster), null, true)).containsExactly("context 'mock' of the kubeconfig "
                + noCluster + " names the cluster 'elsewhere', which is not in it. Fix: kubectl config set-cluster elsewhere "
                + "--server https://HOST:PORT --kubeconfig " + noCluster + ", or point the context at one of: mock");
        Path noServer = write("noServer", GOOD.replace("    server: https://127.0.0.1:6443\n", "    insecure-skip-tls-verify: true\n"));
        Path noUser = write("noUser", GOOD.replace("    user: mock\n", "    user: nobody\n"));
        assertThat(Kubeconfigs.problems(List.of(noServer), null, true)).containsExactly("the cluster 'mock' of the kubeconfig "
                + noServer + " has no server. Fix: kubectl config set-cluster mock --server https://HOST:PORT --kubeconfig " + noServer);
        assertThat(Kubeconfigs.problems(List.of(noUser), null, true)).containsExactly("context 'mock' of the kubeconfig " + noUser
                + " names the user 'nobody', which is not in it. Fix: kubectl config set-credentials nobody --kubeconfig " + noUser
                + ", or point the context at one of: mock");
    }

    @Test
    @DisplayName("$KUBECONFIG with several files merges as kubectl does: the first current-context and the first entry of a name win")
    void merged() throws IOException {
        Path contexts = write("a", "current-context: mock\ncontexts:\n- name: mock\n  context: {cluster: mock, user: mock}\n");
        Path rest = write("b", "current-context: other\nclusters:\n- name: mock\n  cluster: {server: 'https://10.0.0.1'}\n"
                + "users:\n- name: mock\n  user: {token: t}\n");
        assertThat(Kubeconfigs.problems(List.of(contexts, rest), null, false)).isEmpty();
        assertThat(Kubeconfigs.problems(List.of(contexts), null, false)).hasSize(2);
    }

    @Test
    @DisplayName("Cluster.connect refuses a broken kubeconfig with an IllegalArgumentException, never a parser's or client's")
    void connectRefuses() throws IOException {
        Path empty = write("empty", "");
        assertThatThrownBy(() -> Cluster.connect(empty, null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kubeconfig " + empty + " is empty.");
    }

    @Test
    @DisplayName("seeded: any mutilation of a good kubeconfig is usable, or one clear sentence per problem, never an exception")
    void mutilated() throws IOException {
        String good = GOOD;
        Seeded.forAll(300, Gen.ints(0, Integer.MAX_VALUE), seed -> {
            java.util.Random random = new java.util.Random(seed);
            StringBuilder text = new StringBuilder(good);
            int cuts = 1 + random.nextInt(4);
            for (int i = 0; i < cuts && text.length() > 0; i++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(30)));
                    case 1 -> text.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                    case 2 -> text.setCharAt(at, (char) (random.nextInt(0x7f - 0x20) + 0x20));
                    default -> text.insert(at, "\n- ");
                }
            }
            Path file = Files.write(dir.resolve("m" + seed), text.toString().getBytes(StandardCharsets.UTF_8));
            List<String> problems = Kubeconfigs.problems(List.of(file), null, true);
            assertThat(problems).allSatisfy(p -> assertThat(p).contains(file.toString()).contains(". Fix: ").doesNotContain("\n"));
        });
    }
}
