package dev.keelson.apply.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * One request ({@code GET /version}) before any work, so that a cluster Keelson cannot reach or
 * that refuses the credentials gives one clear line at once instead of retries and a line per
 * object. Internal.
 */
public final class Reachability {

    private Reachability() {
    }

    /**
     * {@code ""} when the API server answers (any HTTP status but 401 and 403), else what failed,
     * where and the fix. Not retried when no connection can be made; 429 and 5xx are retried.
     */
    public static String problem(KubernetesClient client, String origin, Retrier retrier) {
        try {
            retrier.call(() -> {
                try {
                    return client.getKubernetesVersion();
                } catch (KubernetesClientException e) {
                    if (e.getCode() <= 0) {
                        // a refused connection or a bad certificate does not go away by retrying; say so now
                        throw new Unreachable(e);
                    }
                    throw e;
                }
            }, new AtomicInteger());
            return "";
        } catch (Unreachable u) {
            return describe(u.cause, String.valueOf(client.getMasterUrl()), origin);
        } catch (KubernetesClientException e) {
            int code = e.getCode();
            if (code == 401 || code == 403) {
                return describe(e, String.valueOf(client.getMasterUrl()), origin);
            }
            return "";   // it answered: the real work reports what else is wrong, object by object
        }
    }

    /**
     * A plain TCP connect to the server's host and port (2 s at most): a refused connection or an
     * unknown host is known in milliseconds, before the HTTP client's first request (whose start
     * costs seconds of class loading in a fresh JVM).
     */
    public static String tcp(String server, String origin) {
        java.net.URL url;
        try {
            url = new java.net.URL(server);
        } catch (java.net.MalformedURLException e) {
            return "the API server URL '" + server + "' (" + origin + ") is not a URL: " + e.getMessage()
                    + ". Fix: correct the cluster's server in the kubeconfig";
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return "";
        }
        int port = url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(url.getHost(), port), 2000);
            return "";
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            return describe(new KubernetesClientException("cannot connect", e), server, origin);
        } catch (java.io.IOException | RuntimeException e) {
            return "";   // a timeout or anything else: let the HTTP client try, through a proxy if one is configured
        }
    }

    /** A connection or authentication failure in one line: what failed, where, and the fix. */
    public static String describe(KubernetesClientException e, String server, String origin) {
        String at = "the API server " + server + " (" + origin + ")";
        int code = e.getCode();
        if (code == 401) {
            return at + " refused the credentials: HTTP 401 Unauthorized. Fix: refresh the credentials of that context "
                    + "(log in again, or renew the token or client certificate), then check with kubectl get --raw /version";
        }
        if (code == 403) {
            return at + " does not allow this identity: HTTP 403 Forbidden: " + statusMessage(e)
                    + ". Fix: use a context whose identity may read the cluster (kubectl auth can-i --list shows what it may do)";
        }
        Throwable cause = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            cause = t;
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLException
                    || t instanceof CertificateException || t instanceof NoRouteToHostException
                    || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                break;
            }
        }
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + at + ": unknown host " + cause.getMessage()
                    + ". Fix: check the server URL of the cluster in the kubeconfig (kubectl config view --minify)";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot connect to " + at + ": connection refused. Fix: start the cluster, or check the server URL and "
                    + "port in the kubeconfig (kubectl config view --minify)";
        }
        if (cause instanceof SSLException || cause instanceof CertificateException) {
            return "TLS with " + at + " failed: " + firstLine(cause.getMessage()) + ". Fix: check the cluster's "
                    + "certificate-authority(-data) in the kubeconfig and that the URL is the API server's "
                    + "(a proxy or a renewed CA certificate changes it)";
        }
        if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
            return "no answer from " + at + " in time: " + firstLine(String.valueOf(cause.getMessage()))
                    + ". Fix: check the network path to the server (VPN, firewall, proxy), then run again";
        }
        return "cannot reach " + at + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()))
                + ". Fix: check the server URL in the kubeconfig and the network, then run again";
    }

    private static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Carries a connection failure past the retrier, which would retry it as transient. */
    private static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient KubernetesClientException cause;

        Unreachable(KubernetesClientException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
