// Services, their Endpoints and the Ingresses in front of them, live, with the traffic the service proxies measure
// (requests and errors per second, p95 latency). Traffic is a sample, not an event: it is read again every 10 s from
// custom.metrics.k8s.io, per namespace, for every service at once (services/*).
import { h, show, card, table, badge, age, errorBox, link } from '../dom.js';
import { collectionPath, labelSelectorText, endpointCounts, parseQuantity } from '../kube.js';

const METRICS = ['requests_per_second', 'errors_per_second', 'request_latency_p95_seconds'];
const PARALLEL_READS = 4;

export default function render(main, ctx) {
  const all = !ctx.namespace;
  const servicesCard = card('Services', h('p', { class: 'muted' }, 'Loading…'));
  const endpointsCard = card('Endpoints', h('p', { class: 'muted' }, 'Loading…'));
  const ingressesCard = card('Ingresses', h('p', { class: 'muted' }, 'Loading…'));
  servicesCard.dataset.test = 'services';
  endpointsCard.dataset.test = 'endpoints';
  ingressesCard.dataset.test = 'ingresses';
  main.append(h('h1', {}, 'Services and traffic'), servicesCard, endpointsCard, ingressesCard);

  const state = { services: null, endpoints: null, ingresses: null, traffic: new Map(), trafficError: null, trafficTime: null };
  const namespaceColumn = all ? [{ title: 'Namespace', value: (r) => r.metadata?.namespace ?? r.namespace }] : [];

  const trafficNote = () => {
    if (state.trafficError) return h('p', { class: 'muted', 'data-test': 'traffic-error' }, `Traffic figures unavailable: ${state.trafficError}`);
    if (state.trafficTime) return h('p', { class: 'muted' }, `Traffic over the proxies' newest window; read at ${state.trafficTime.toLocaleTimeString()}, again every 10 s.`);
    return null;
  };

  const drawServices = () => {
    const services = state.services;
    if (!services?.ready) return;
    if (services.error) { show(servicesCard, h('h2', {}, 'Services'), errorBox(services.error)); return; }
    show(servicesCard, h('h2', {}, 'Services'), trafficNote(), h('div', { class: 'scroll' }, table([
      ...namespaceColumn,
      { title: 'Name', value: (s) => h('b', {}, s.metadata.name) },
      { title: 'Type', value: (s) => s.spec?.type || 'ClusterIP' },
      { title: 'Cluster IP', value: (s) => clusterIp(s) },
      { title: 'Ports', value: (s) => (s.spec?.ports || []).map((p) => h('div', { class: 'mono' }, portText(p))) },
      { title: 'Selector', value: (s) => selectorText(s) },
      { title: 'Endpoints', value: (s) => endpointsBadge(s, state.endpoints) },
      ...trafficColumns((s) => state.traffic.get(keyOf(s.metadata.namespace, s.metadata.name))),
      { title: 'Age', value: (s) => age(s.metadata.creationTimestamp) },
    ], services.list(), {
      empty: all ? 'No services.' : `No services in ${ctx.namespace}.`,
      rowAttributes: (s) => ({ 'data-test': `service-${s.metadata.name}`, 'data-namespace': s.metadata.namespace }),
    })));
  };

  const drawEndpoints = () => {
    const endpoints = state.endpoints;
    if (!endpoints?.ready) return;
    if (endpoints.error) { show(endpointsCard, h('h2', {}, 'Endpoints'), errorBox(endpoints.error)); return; }
    show(endpointsCard, h('h2', {}, 'Endpoints'), h('div', { class: 'scroll' }, table([
      ...namespaceColumn,
      { title: 'Name', value: (e) => h('b', {}, e.metadata.name) },
      { title: 'Ready addresses', value: (e) => addresses(e, 'addresses') },
      { title: 'Not ready', value: (e) => addresses(e, 'notReadyAddresses') },
      { title: 'Ports', value: (e) => uniquePorts(e).map((p) => h('div', { class: 'mono' }, p)) },
      { title: 'Age', value: (e) => age(e.metadata.creationTimestamp) },
    ], endpoints.list(), {
      empty: 'No endpoints.',
      rowAttributes: (e) => ({ 'data-test': `endpoints-${e.metadata.name}`, 'data-namespace': e.metadata.namespace }),
    })));
  };

  const drawIngresses = () => {
    const ingresses = state.ingresses;
    if (!ingresses?.ready) return;
    if (ingresses.error) { show(ingressesCard, h('h2', {}, 'Ingresses'), errorBox(ingresses.error)); return; }
    const rows = ingresses.list().flatMap(ingressRows);
    show(ingressesCard, h('h2', {}, 'Ingresses'),
      h('p', { class: 'muted' }, 'Rules are served on the proxy entry point (127.0.0.1:8000); a rule without a host catches what no service name matches.'),
      h('div', { class: 'scroll' }, table([
        ...namespaceColumn,
        { title: 'Ingress', value: (r) => h('b', {}, r.name) },
        { title: 'Host', value: (r) => r.host || h('span', { class: 'muted' }, r.isDefault ? 'default backend' : 'any host') },
        { title: 'Path', value: (r) => (r.path ? h('span', {}, h('span', { class: 'mono' }, r.path), ' ', h('span', { class: 'muted' }, r.pathType || '')) : '') },
        { title: 'Backend', value: (r) => backendView(r, state.services) },
        ...trafficColumns((r) => (r.service ? state.traffic.get(keyOf(r.namespace, r.service)) : undefined)),
      ], rows, {
        empty: 'No ingresses.',
        rowAttributes: (r) => ({ 'data-test': `ingress-${r.name}`, 'data-namespace': r.namespace }),
      })));
  };

  const drawAll = () => { drawServices(); drawEndpoints(); drawIngresses(); };

  // Traffic: every namespace shown that has services, three metrics each, a few reads at a time. A refusal (403)
  // is final for this view: shown once, not asked again.
  let reading = false;
  let refused = false;
  const readTraffic = async () => {
    if (reading || refused || ctx.signal.aborted) return;
    const services = state.services;
    if (!services?.ready || services.error) return;
    const namespaces = all ? [...new Set(services.list().map((s) => s.metadata.namespace))] : [ctx.namespace];
    reading = true;
    const traffic = new Map();
    const errors = [];
    try {
      await inBatches(namespaces.flatMap((ns) => METRICS.map((metric) => ({ ns, metric }))), PARALLEL_READS, async ({ ns, metric }) => {
        try {
          const list = await ctx.api.get(`/apis/custom.metrics.k8s.io/v1beta2/namespaces/${encodeURIComponent(ns)}/services/*/${metric}`);
          for (const item of list.items || []) {
            const key = keyOf(item.describedObject.namespace || ns, item.describedObject.name);
            const values = traffic.get(key) || {};
            values[metric] = parseQuantity(item.value);
            values.window = item.windowSeconds;
            traffic.set(key, values);
          }
        } catch (e) {
          if (e.code === 403) refused = true;
          if (e.code !== 404) errors.push(e.message);
        }
      });
    } finally {
      reading = false;
    }
    if (ctx.signal.aborted) return;
    state.traffic = traffic;
    state.trafficError = errors.length ? [...new Set(errors)].join('; ') : null;
    state.trafficTime = new Date();
    drawServices();
    drawIngresses();
  };

  let firstRead = true;
  ctx.live(collectionPath('services', ctx.namespace), (c) => {
    state.services = c;
    drawAll();
    // The first traffic read waits for the services (their namespaces, when all are shown).
    if (c.ready && firstRead) { firstRead = false; readTraffic(); }
  });
  ctx.live(collectionPath('endpoints', ctx.namespace), (c) => { state.endpoints = c; drawServices(); drawEndpoints(); });
  ctx.live(collectionPath('ingresses', ctx.namespace), (c) => { state.ingresses = c; drawIngresses(); });
  ctx.every(10000, readTraffic);
}

const keyOf = (namespace, name) => `${namespace}/${name}`;

function clusterIp(service) {
  const ip = service.spec?.clusterIP;
  if (ip === 'None') return h('span', { title: 'headless: no proxying, the endpoints are used directly' }, 'None');
  return ip || h('span', { class: 'muted', title: 'EventOrch has no virtual IPs: the service is reached by name through the ServiceProxy' }, 'none');
}

// kubectl's PORT(S) ("80:30080/TCP"), with the port's name and where it goes on the pods.
function portText(port) {
  const name = port.name ? `${port.name} ` : '';
  const node = port.nodePort ? `:${port.nodePort}` : '';
  const target = port.targetPort !== undefined && String(port.targetPort) !== String(port.port) ? ` → ${port.targetPort}` : '';
  return `${name}${port.port}${node}/${port.protocol || 'TCP'}${target}`;
}

function selectorText(service) {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return h('span', { class: 'muted' }, 'none (endpoints written by hand)');
  return h('span', { class: 'mono' }, labelSelectorText({ matchLabels: selector }));
}

function endpointsBadge(service, endpoints) {
  if (!endpoints?.ready) return h('span', { class: 'muted' }, '…');
  if (endpoints.error) return h('span', { class: 'muted' }, '?');
  const object = endpoints.items.get(keyOf(service.metadata.namespace, service.metadata.name));
  if (!object) return h('span', { class: 'muted', 'data-test': 'ready-endpoints', 'data-value': 0 }, 'none');
  const { ready, notReady } = endpointCounts(object);
  return h('span', { 'data-test': 'ready-endpoints', 'data-value': ready },
    badge(`${ready} ready`, ready > 0 ? 'ok' : 'bad'), notReady ? [' ', badge(`${notReady} not ready`, 'warn')] : null);
}

// Requests/s, errors/s and p95 of a service; a dash when no proxy reported on it (no traffic through it yet).
function trafficColumns(trafficOf) {
  const cell = (metric, test, format, tone) => (row) => {
    const values = trafficOf(row);
    const value = values?.[metric];
    if (value === undefined) return h('span', { class: 'muted', 'data-test': test, title: 'no proxy has reported traffic for this service' }, '–');
    return h('span', { 'data-test': test, 'data-value': value, class: tone?.(value) }, format(value));
  };
  return [
    { title: 'Requests/s', class: 'num', value: cell('requests_per_second', 'rps', (v) => `${rate(v)}/s`) },
    { title: 'Errors/s', class: 'num', value: cell('errors_per_second', 'errors', (v) => `${rate(v)}/s`, (v) => (v > 0 ? 'badge bad' : '')) },
    { title: 'p95 latency', class: 'num', value: cell('request_latency_p95_seconds', 'p95', seconds) },
  ];
}

function rate(value) {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function seconds(value) {
  if (value === 0) return '0 ms';
  if (value < 1) return `${(value * 1000).toFixed(value < 0.01 ? 2 : 0)} ms`;
  return `${value.toFixed(2)} s`;
}

function subsetsOf(endpoints) {
  return endpoints.subsets || [];
}

function addresses(endpoints, field) {
  const views = subsetsOf(endpoints).flatMap((s) => (s[field] || []).map((a) => addressView(a, endpoints, s)));
  return views.length ? views : h('span', { class: 'muted' }, 'none');
}

// An address: the pod behind it (a link), and where it is published (node address and the subset's host ports).
function addressView(address, endpoints, subset) {
  const ref = address.targetRef;
  const pod = ref?.kind === 'Pod'
    ? link(`#/pod/${encodeURIComponent(ref.namespace || endpoints.metadata.namespace)}/${encodeURIComponent(ref.name)}`, ref.name)
    : h('span', {}, address.hostname || address.ip);
  const ports = (subset.ports || []).map((p) => p.port).join(',');
  const where = `${address.ip}${ports ? `:${ports}` : ''}${address.nodeName ? ` on ${address.nodeName}` : ''}`;
  return h('div', { 'data-test': 'endpoint-address' }, pod, ' ', h('span', { class: 'muted mono' }, where));
}

function uniquePorts(endpoints) {
  const texts = subsetsOf(endpoints).flatMap((s) => (s.ports || []).map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol || 'TCP'}`));
  return [...new Set(texts)];
}

// One row per rule path, and one for the default backend.
function ingressRows(ingress) {
  const base = { name: ingress.metadata.name, namespace: ingress.metadata.namespace };
  const rows = [];
  for (const rule of ingress.spec?.rules || []) {
    const paths = rule.http?.paths || [];
    if (paths.length === 0) rows.push({ ...base, host: rule.host });
    for (const path of paths) {
      rows.push({ ...base, host: rule.host, path: path.path, pathType: path.pathType, ...backendOf(path.backend) });
    }
  }
  if (ingress.spec?.defaultBackend) rows.push({ ...base, isDefault: true, ...backendOf(ingress.spec.defaultBackend) });
  return rows;
}

function backendOf(backend) {
  const service = backend?.service;
  if (!service) return { resource: backend?.resource ? `${backend.resource.kind}/${backend.resource.name}` : undefined };
  return { service: service.name, port: service.port?.number ?? service.port?.name };
}

// service:port, marked when the service is not there (the proxy answers 503 for it).
function backendView(row, services) {
  if (!row.service) return h('span', { class: 'muted' }, row.resource || 'none');
  const text = h('span', { class: 'mono' }, `${row.service}:${row.port ?? ''}`);
  if (!services?.ready || services.error) return text;
  const found = services.items.get(keyOf(row.namespace, row.service));
  if (!found) return h('span', {}, text, ' ', badge('no such service', 'bad'));
  const port = row.port;
  const hasPort = port === undefined || (found.spec?.ports || []).some((p) => p.port === port || p.name === port);
  return hasPort ? text : h('span', {}, text, ' ', badge('no such port', 'bad'));
}

// Runs work over items, at most limit at a time.
async function inBatches(items, limit, work) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await work(queue.shift());
  });
  await Promise.all(workers);
}
