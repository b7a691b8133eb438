// The benchmark platform of Keelson's BenchmarkPlatform.of(N) (8 objects per tier, 5 per namespace),
// written with cdk8s-plus as a user of it would: `node main.js N OUTDIR` writes OUTDIR/bench.k8s.yaml.
// cdk8s-plus has no PodDisruptionBudget, ResourceQuota or LimitRange construct: those, and the
// NetworkPolicies (to keep the same rules as Keelson's), are ApiObjects.
const { App, Chart, ApiObject, Size } = require('cdk8s');
const kplus = require('cdk8s-plus-31');

const n = parseInt(process.argv[2] || '10', 10);
const outdir = process.argv[3] || 'dist';
const ns = 'bench-prod';
const app = new App({ outdir });
const chart = new Chart(app, 'bench', { namespace: ns, disableResourceNameHashes: true });

const nsLabels = { 'app.kubernetes.io/name': 'bench', 'app.kubernetes.io/part-of': 'bench',
  'app.kubernetes.io/managed-by': 'keelson', 'keelson.dev/environment': 'prod' };
new kplus.Namespace(chart, 'ns', { metadata: { name: ns, namespace: undefined, labels: { ...nsLabels,
  'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.35',
  'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.35',
  'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.35' } } });
new ApiObject(chart, 'quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', labels: nsLabels },
  spec: { hard: { 'requests.cpu': String(3 * n), 'requests.memory': `${3840 * n}Mi`, 'limits.memory': `${3840 * n}Mi`, pods: String(30 * n) } } });
new ApiObject(chart, 'limits', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'container-defaults', labels: nsLabels },
  spec: { limits: [{ type: 'Container', default: { memory: '128Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] } });
new ApiObject(chart, 'deny', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', labels: nsLabels },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
new ApiObject(chart, 'dns', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'all-pods-dns', labels: nsLabels },
  spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }] } });

const tcp = (port) => kplus.Probe.fromTcpSocket({ port });
for (let i = 0; i < n; i++) {
  const t = `tier-${i}`;
  const next = `tier-${(i + 1) % n}`;
  const prev = `tier-${(i + n - 1) % n}`;
  const labels = { 'app.kubernetes.io/name': t, 'app.kubernetes.io/instance': t, 'app.kubernetes.io/part-of': 'bench',
    'app.kubernetes.io/managed-by': 'keelson', 'keelson.dev/environment': 'prod', 'keelson.dev/tier': t };
  const selector = { 'app.kubernetes.io/name': t, 'app.kubernetes.io/part-of': 'bench' };
  const sa = new kplus.ServiceAccount(chart, `${t}-sa`, { metadata: { name: t, labels }, automountToken: false });
  const cm = new kplus.ConfigMap(chart, `${t}-cm`, { metadata: { name: `${t}-config`, labels },
    data: { LOG_LEVEL: 'info', UPSTREAM: `http://${next}:8080` } });
  const dep = new kplus.Deployment(chart, `${t}-dep`, {
    metadata: { name: t, labels }, serviceAccount: sa, automountServiceAccountToken: false, revisionHistoryLimit: 5,
    podMetadata: { labels: { ...labels, app: t, version: 'stable' } },
    securityContext: { user: 65532, group: 65532, fsGroup: 65532, ensureNonRoot: true,
      fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH },
    containers: [{
      name: t, image: `ghcr.io/acme/${t}:1.0.${i}`, imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      ports: [{ number: 8080, name: 'http' }],
      envFrom: [kplus.Env.fromConfigMap(cm)],
      envVariables: { JAVA_TOOL_OPTIONS: kplus.EnvValue.fromValue('-XX:MaxRAMPercentage=75') },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) } },
      securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
      liveness: tcp(8080), readiness: tcp(8080), startup: tcp(8080),
      volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, `${t}-tmp`, 'tmp') }],
    }],
  });
  const svc = dep.exposeViaService({ name: t, ports: [{ port: 8080, targetPort: 8080, name: 'http' }] });
  new kplus.Ingress(chart, `${t}-ing`, {
    metadata: { name: t, labels, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } }, className: 'nginx',
    rules: [{ host: `${t}.bench.example.com`, path: '/', backend: kplus.IngressBackend.fromService(svc) }],
    tls: [{ hosts: [`${t}.bench.example.com`], secret: kplus.Secret.fromSecretName(chart, `${t}-tls`, `${t}-tls`) }],
  });
  new kplus.HorizontalPodAutoscaler(chart, `${t}-hpa`, {
    metadata: { name: t, labels }, target: dep, minReplicas: 2, maxReplicas: 20,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70)),
      kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(80))],
  });
  new ApiObject(chart, `${t}-pdb`, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: t, labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector }, unhealthyPodEvictionPolicy: 'AlwaysAllow' } });
  const ingress = [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }];
  const egress = [];
  if (n > 1) {
    ingress.push({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': prev, 'app.kubernetes.io/part-of': 'bench' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }] });
    egress.push({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': next, 'app.kubernetes.io/part-of': 'bench' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }] });
  }
  new ApiObject(chart, `${t}-np`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: t, labels },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress', 'Egress'], ingress, ...(egress.length ? { egress } : {}) } });
}
app.synth();
