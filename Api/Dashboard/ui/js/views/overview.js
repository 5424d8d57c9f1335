// The cluster at a glance, live: nodes with capacity and use, pods by phase, workloads that are not where they
// should be, and the newest events.
import { h, show, card, table, badge, age, errorBox, link, debounce, meter } from '../dom.js';
import { collectionPath, nodeReadiness, workloadState, controllerOf, parseQuantity, formatCores, formatBytes, eventTime, readNodeUsage } from '../kube.js';

const PHASES = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'];

export default function render(main, ctx) {
  const nodesCard = card('Nodes', h('p', { class: 'muted' }, 'Loading…'));
  const podsCard = card('Pods', h('p', { class: 'muted' }, 'Loading…'));
  const workloadsCard = card('Workloads not at their desired state', h('p', { class: 'muted' }, 'Loading…'));
  const eventsCard = card('Recent events', h('p', { class: 'muted' }, 'Loading…'));
  main.append(h('h1', {}, 'Overview'), h('div', { class: 'grid' }, nodesCard, podsCard), workloadsCard, eventsCard);
  nodesCard.dataset.test = 'overview-nodes';
  podsCard.dataset.test = 'overview-pods';

  // Usage is a sample, not an event: it is read again every 10 s (the node agents report every 5 s).
  let nodes = null;
  let usage = new Map();
  const drawNodes = () => {
    if (!nodes?.ready) return;
    if (nodes.error) { show(nodesCard, h('h2', {}, 'Nodes'), errorBox(nodes.error)); return; }
    show(nodesCard, h('h2', {}, 'Nodes'), table([
      { title: 'Name', value: (n) => n.metadata.name },
      { title: 'Status', value: (n) => nodeStatus(n) },
      { title: 'CPU used / allocatable', value: (n) => meter(usage.get(n.metadata.name)?.cpu, parseQuantity(n.status?.allocatable?.cpu), formatCores) },
      { title: 'Memory used / allocatable', value: (n) => meter(usage.get(n.metadata.name)?.memory, parseQuantity(n.status?.allocatable?.memory), formatBytes) },
    ], nodes.list(), { empty: 'No nodes have registered.' }));
  };
  ctx.live('/api/v1/nodes', (c) => { nodes = c; drawNodes(); });
  ctx.every(10000, async () => {
    if (!(await ctx.can('list', 'nodes', { group: 'metrics.k8s.io' }))) return;
    try {
      usage = await readNodeUsage(ctx.api);
    } catch {
      usage = new Map();
    }
    drawNodes();
  });

  ctx.live(collectionPath('pods', ctx.namespace), (pods) => {
    if (!pods.ready) return;
    if (pods.error) { show(podsCard, h('h2', {}, 'Pods'), errorBox(pods.error)); return; }
    const counts = Object.fromEntries(PHASES.map((p) => [p, 0]));
    for (const pod of pods.items.values()) counts[pod.status?.phase || 'Pending'] = (counts[pod.status?.phase || 'Pending'] || 0) + 1;
    show(podsCard, h('h2', {}, 'Pods'),
      h('div', { class: 'stats' }, h('div', { class: 'stat', 'data-test': 'pods-total' }, h('b', {}, pods.items.size), 'in all'),
        PHASES.map((p) => h('div', { class: 'stat', 'data-phase': p }, h('b', {}, counts[p]), p))),
      h('p', {}, link('#/pods', 'All pods →')));
  });

  const workloads = { deployments: null, replicasets: null, replicationcontrollers: null };
  const drawWorkloads = () => {
    const loaded = Object.values(workloads);
    if (loaded.some((c) => !c?.ready)) return;
    const errors = loaded.filter((c) => c.error);
    const rows = loaded.filter((c) => !c.error).flatMap((c) => c.list())
      .filter((w) => !(w.kind === 'ReplicaSet' && controllerOf(w)?.kind === 'Deployment'))
      .map((w) => ({ w, state: workloadState(w) }))
      .filter((r) => !r.state.settled);
    show(workloadsCard, h('h2', {}, 'Workloads not at their desired state'), errors.map((c) => errorBox(c.error)), table([
      { title: 'Kind', value: (r) => r.w.kind },
      { title: 'Namespace', value: (r) => r.w.metadata.namespace },
      { title: 'Name', value: (r) => link(`#/workloads?focus=${encodeURIComponent(r.w.metadata.name)}`, r.w.metadata.name) },
      { title: 'Ready', class: 'num', value: (r) => `${r.state.ready}/${r.state.desired}` },
      { title: 'Up to date', class: 'num', value: (r) => r.state.updated },
      { title: 'Why', value: (r) => problem(r.w) },
    ], rows, { empty: 'Every workload is at its desired state.' }));
  };
  for (const kind of Object.keys(workloads)) {
    ctx.live(collectionPath(kind, ctx.namespace), (c) => { workloads[kind] = c; drawWorkloads(); });
  }

  // Events are a view of the record and are not watched: they are read again when an object they could be about
  // changes (once a second at most), not on a timer.
  const drawEvents = async () => {
    let events;
    try {
      events = (await ctx.api.get(collectionPath('events', ctx.namespace))).items;
    } catch (e) {
      if (!ctx.signal.aborted) show(eventsCard, h('h2', {}, 'Recent events'), errorBox(e));
      return;
    }
    if (ctx.signal.aborted) return;
    const recent = events.sort((a, b) => eventTime(b) - eventTime(a)).slice(0, 15);
    show(eventsCard, h('h2', {}, 'Recent events'), h('div', { class: 'scroll' }, table([
      { title: 'Age', value: (e) => age(new Date(eventTime(e)).toISOString()) },
      { title: 'Type', value: (e) => badge(e.type || 'Normal', e.type === 'Warning' ? 'warn' : '') },
      { title: 'Reason', value: (e) => e.reason },
      { title: 'Object', value: (e) => `${e.involvedObject?.kind}/${e.involvedObject?.name}` },
      { title: 'Message', value: (e) => e.message },
    ], recent, { empty: 'No events.' })));
  };
  const refreshEvents = debounce(drawEvents, 1000);
  ctx.onCleanup(refreshEvents.cancel);
  drawEvents();
  for (const kind of ['pods', 'deployments', 'replicasets', 'replicationcontrollers', 'horizontalpodautoscalers']) {
    ctx.live(collectionPath(kind, ctx.namespace), () => refreshEvents());
  }
}

function nodeStatus(node) {
  const word = nodeReadiness(node);
  return h('span', {}, badge(word, word === 'Ready' ? 'ok' : 'bad'), node.spec?.unschedulable ? badge('SchedulingDisabled', 'warn') : null);
}

function problem(w) {
  const failure = (w.status?.conditions || []).find((c) => (c.type === 'ReplicaFailure' && c.status === 'True')
    || (c.type === 'Available' && c.status === 'False') || (c.type === 'Progressing' && c.status === 'False'));
  return failure ? `${failure.reason}: ${failure.message}` : 'rolling out';
}
