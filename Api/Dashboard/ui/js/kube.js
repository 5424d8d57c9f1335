// What the views share about Kubernetes objects: where each kind lives in the API, and how kubectl describes a
// pod's or a workload's state.

export const kinds = {
  namespaces: { prefix: '/api/v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  nodes: { prefix: '/api/v1', plural: 'nodes', kind: 'Node', namespaced: false },
  pods: { prefix: '/api/v1', plural: 'pods', kind: 'Pod', namespaced: true },
  services: { prefix: '/api/v1', plural: 'services', kind: 'Service', namespaced: true },
  endpoints: { prefix: '/api/v1', plural: 'endpoints', kind: 'Endpoints', namespaced: true },
  events: { prefix: '/api/v1', plural: 'events', kind: 'Event', namespaced: true },
  replicationcontrollers: { prefix: '/api/v1', plural: 'replicationcontrollers', kind: 'ReplicationController', namespaced: true },
  configmaps: { prefix: '/api/v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  deployments: { prefix: '/apis/apps/v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  replicasets: { prefix: '/apis/apps/v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  horizontalpodautoscalers: { prefix: '/apis/autoscaling/v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true },
  ingresses: { prefix: '/apis/networking.k8s.io/v1', plural: 'ingresses', kind: 'Ingress', namespaced: true },
  webhooksubscriptions: { prefix: '/apis/eventorch.io/v1', plural: 'webhooksubscriptions', kind: 'WebhookSubscription', namespaced: false },
  secrets: { prefix: '/api/v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  serviceaccounts: { prefix: '/api/v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  resourcequotas: { prefix: '/api/v1', plural: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
  limitranges: { prefix: '/api/v1', plural: 'limitranges', kind: 'LimitRange', namespaced: true },
  roles: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'roles', kind: 'Role', namespaced: true },
  rolebindings: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  clusterroles: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  clusterrolebindings: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
};

export const kindByName = Object.fromEntries(Object.values(kinds).map((k) => [k.kind, k]));

// The collection of a kind in a namespace ('' or undefined: every namespace; ignored for cluster-scoped kinds).
export function collectionPath(kind, namespace, params = '') {
  const k = typeof kind === 'string' ? kinds[kind] : kind;
  const scope = k.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${k.prefix}${scope}/${k.plural}${params}`;
}

export function itemPath(kind, namespace, name) {
  const k = typeof kind === 'string' ? kinds[kind] : kind;
  const scope = k.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${k.prefix}${scope}/${k.plural}/${encodeURIComponent(name)}`;
}

// The API group of a kind ('' for the core group), as RBAC and access reviews name it.
export function apiGroup(kind) {
  const k = typeof kind === 'string' ? kinds[kind] : kind;
  return k.prefix.startsWith('/apis/') ? k.prefix.split('/')[2] : '';
}

// A kind by its name or plural, in any case ('Deployment', 'deployments', 'deployment'); undefined when unknown.
export function kindNamed(name) {
  const lower = String(name || '').toLowerCase();
  return Object.values(kinds).find((k) => k.kind.toLowerCase() === lower || k.plural === lower);
}

// The dashboard's page of one object (its history, causes and current state): #/object/KIND/NAMESPACE/NAME, or
// #/object/KIND/NAME for a cluster-scoped kind; params ({uid, tab, resourceVersion}) are added when set.
export function objectHref(kind, namespace, name, params = {}) {
  const parts = [kind, ...(namespace ? [namespace] : []), name].map(encodeURIComponent);
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  return `#/object/${parts.join('/')}${q ? `?${q}` : ''}`;
}

export function condition(obj, type) {
  return (obj.status?.conditions || []).find((c) => c.type === type);
}

export function isPodReady(pod) {
  return condition(pod, 'Ready')?.status === 'True';
}

export function podRestarts(pod) {
  return (pod.status?.containerStatuses || []).reduce((sum, c) => sum + (c.restartCount || 0), 0);
}

export function podReadyCount(pod) {
  const statuses = pod.status?.containerStatuses || [];
  return `${statuses.filter((c) => c.ready).length}/${(pod.spec?.containers || []).length}`;
}

// The STATUS column of kubectl get pods: a waiting or terminated container's reason, Terminating, else the phase.
export function podStatus(pod) {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  for (const c of pod.status?.containerStatuses || []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason && !c.ready) reason = c.state.terminated.reason;
  }
  return reason;
}

export function podTone(pod) {
  const status = podStatus(pod);
  if (status === 'Running') return isPodReady(pod) ? 'ok' : 'warn';
  if (status === 'Succeeded' || status === 'Completed') return '';
  if (/Err|BackOff|Failed|Unknown/.test(status)) return 'bad';
  return 'warn';
}

// Desired, ready and up-to-date replicas of a Deployment, ReplicaSet or ReplicationController, and whether it is
// where it should be.
export function workloadState(obj) {
  const desired = obj.spec?.replicas ?? 1;
  const status = obj.status || {};
  const ready = status.readyReplicas || 0;
  const available = status.availableReplicas || 0;
  const updated = obj.kind === 'Deployment' ? status.updatedReplicas || 0 : status.replicas || 0;
  const current = status.replicas || 0;
  const observed = status.observedGeneration === undefined || status.observedGeneration >= (obj.metadata.generation || 0);
  const settled = observed && ready === desired && available === desired && updated === desired && current === desired;
  return { desired, ready, available, updated, current, settled };
}

export function controllerOf(obj) {
  return (obj.metadata.ownerReferences || []).find((o) => o.controller);
}

export function labelSelectorText(selector) {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels || {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions || []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${e.values.join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${e.values.join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

// A quantity as a number: cpu in cores ("250m" -> 0.25, "1234567n"), memory in bytes ("512Mi", "1G").
export function parseQuantity(text) {
  if (text === undefined || text === null || text === '') return 0;
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(text));
  if (!match) return 0;
  const units = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return parseFloat(match[1]) * (units[match[2]] ?? 1);
}

export function formatCores(cores) {
  return cores >= 1 ? `${cores.toFixed(2)} cores` : `${Math.round(cores * 1000)}m`;
}

export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) { value /= 1024; i += 1; }
  return `${value.toFixed(value >= 10 || i === 0 ? 0 : 1)} ${units[i]}`;
}

// The STATUS column of kubectl get nodes: Ready when the Ready condition is True, NotReady when it is False or
// Unknown, Unknown when there is none.
export function nodeReadiness(node) {
  const ready = condition(node, 'Ready');
  if (!ready) return 'Unknown';
  return ready.status === 'True' ? 'Ready' : 'NotReady';
}

// How many addresses an Endpoints object lists as ready and as not ready, over all its subsets.
export function endpointCounts(endpoints) {
  const subsets = endpoints?.subsets || [];
  return {
    ready: subsets.reduce((sum, s) => sum + (s.addresses || []).length, 0),
    notReady: subsets.reduce((sum, s) => sum + (s.notReadyAddresses || []).length, 0),
  };
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

// A Deployment's or ReplicaSet's revision (the deployment.kubernetes.io/revision annotation), or null without one.
export function revisionOf(obj) {
  const text = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

// What `kubectl rollout status deployment/NAME` says of a Deployment, in its words: {message, done, failed}.
export function rolloutStatus(deployment) {
  const name = deployment.metadata.name;
  const status = deployment.status || {};
  if ((deployment.metadata.generation || 0) > (status.observedGeneration || 0)) {
    return { message: 'Waiting for deployment spec update to be observed...', done: false, failed: false };
  }
  if (condition(deployment, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return { message: `error: deployment "${name}" exceeded its progress deadline`, done: false, failed: true };
  }
  const replicas = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas || 0;
  const waiting = (what) => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}`, done: false, failed: false });
  if (updated < replicas) return waiting(`${updated} out of ${replicas} new replicas have been updated...`);
  if ((status.replicas || 0) > updated) return waiting(`${status.replicas - updated} old replicas are pending termination...`);
  if ((status.availableReplicas || 0) < updated) return waiting(`${status.availableReplicas || 0} of ${updated} updated replicas are available...`);
  return { message: `deployment "${name}" successfully rolled out`, done: true, failed: false };
}

// The images of a pod template's (or a pod spec's) containers, in order.
export function imagesOf(spec) {
  return (spec?.containers || []).map((c) => c.image);
}

// When an Event last happened, in ms, as kubectl's LAST SEEN reads it: lastTimestamp, else eventTime (events.k8s.io
// Events), else when it was first seen or made.
export function eventTime(e) {
  return Date.parse(e.lastTimestamp || e.eventTime || e.firstTimestamp || e.metadata.creationTimestamp) || 0;
}

// The nodes' usage (metrics.k8s.io): a Map from node name to {cpu (cores), memory (bytes)}.
export async function readNodeUsage(api) {
  const metrics = await api.get('/apis/metrics.k8s.io/v1beta1/nodes');
  return new Map(metrics.items.map((m) => [m.metadata.name, { cpu: parseQuantity(m.usage.cpu), memory: parseQuantity(m.usage.memory) }]));
}
