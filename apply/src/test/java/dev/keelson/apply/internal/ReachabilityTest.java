package dev.keelson.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a failure to use the cluster is said: one line, what failed, where, the fix. */
class ReachabilityTest {

    private static final String SERVER = "https://10.0.0.1:6443/";
    private static final String ORIGIN = "context 'prod' of kubeconfig /home/me/.kube/config";

    private static String describe(Throwable cause) {
        return Reachability.describe(new KubernetesClientException("An error has occurred.", new IOException("wrapped", cause)),
                SERVER, ORIGIN);
    }

    @Test
    @DisplayName("a TLS failure names the server, the context and the certificate settings to check")
    void tls() {
        assertThat(describe(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")))
                .isEqualTo("TLS with the API server https://10.0.0.1:6443/ (context 'prod' of kubeconfig "
                        + "/home/me/.kube/config) failed: PKIX path building failed: unable to find valid certification path. "
                        + "Fix: check the cluster's certificate-authority(-data) in the kubeconfig and that the URL is the API "
                        + "server's (a proxy or a renewed CA certificate changes it)");
    }

    @Test
    @DisplayName("an unknown host, a refused connection and a timeout each say what to check")
    void network() {
        assertThat(describe(new UnknownHostException("api.prod.example"))).startsWith("cannot connect to the API server "
                + SERVER + " (" + ORIGIN + "): unknown host api.prod.example. Fix: check the server URL");
        assertThat(describe(new ConnectException("Connection refused"))).contains("connection refused. Fix: start the cluster");
        assertThat(describe(new SocketTimeoutException("connect timed out"))).startsWith("no answer from the API server "
                + SERVER).contains("Fix: check the network path to the server (VPN, firewall, proxy)");
    }

    @Test
    @DisplayName("401 and 403 name the server and context; 403 carries the server's message")
    void authorization() {
        KubernetesClientException unauthorized = new KubernetesClientException("Unauthorized", 401, null);
        assertThat(Reachability.describe(unauthorized, SERVER, ORIGIN)).isEqualTo("the API server " + SERVER + " (" + ORIGIN
                + ") refused the credentials: HTTP 401 Unauthorized. Fix: refresh the credentials of that context (log in "
                + "again, or renew the token or client certificate), then check with kubectl get --raw /version");
        KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("User \"ci\" cannot get path \"/version\"").build());
        assertThat(Reachability.describe(forbidden, SERVER, ORIGIN)).isEqualTo("the API server " + SERVER + " (" + ORIGIN
                + ") does not allow this identity: HTTP 403 Forbidden: User \"ci\" cannot get path \"/version\". Fix: use a "
                + "context whose identity may read the cluster (kubectl auth can-i --list shows what it may do)");
    }

    @Test
    @DisplayName("a server URL that is not a URL is said so, with the fix")
    void badUrl() {
        assertThat(Reachability.tcp("not a url", ORIGIN)).isEqualTo("the API server URL 'not a url' (" + ORIGIN + ") is not "
                + "a URL: no protocol: not a url. Fix: correct the cluster's server in the kubeconfig");
    }
}
