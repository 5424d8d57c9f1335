// The nodes, live: status, conditions, taints, labels, capacity and what is allocatable, usage (metrics.k8s.io, read
// again every 10 s), the pods on each, and Cordon / Uncordon as kubectl does them (a merge patch of spec.unschedulable).
import { h, show, card, table, badge, age, time, errorBox, meter } from '../dom.js';
import { collectionPath, itemPath, nodeReadiness, parseQuantity, formatCores, formatBytes, readNodeUsage } from '../kube.js';

export default function render(main, ctx) {
  const nodesCard = card('Nodes', h('p', { class: 'muted' }, 'Loading…'));
  const details = h('div', { 'data-test': 'node-details' });
  nodesCard.dataset.test = 'nodes';
  main.append(h('h1', {}, 'Nodes'), nodesCard, details);

  const state = { nodes: null, pods: null, podsScope: '', usage: new Map(), usageError: null, busy: new Set() };

  const draw = () => {
    const nodes = state.nodes;
    if (!nodes?.ready) return;
    if (nodes.error) {
      show(nodesCard, h('h2', {}, 'Nodes'), errorBox(nodes.error));
      show(details);
      return;
    }
    const list = nodes.list();
    show(nodesCard, h('h2', {}, 'Nodes'),
      state.usageError ? h('p', { class: 'muted', 'data-test': 'usage-error' }, `Usage unavailable: ${state.usageError}`) : null,
      podsNote(),
      h('div', { class: 'scroll' }, table([
        { title: 'Name', class: 'nowrap', value: (n) => h('a', { href: '#', title: 'Details below', onclick: (e) => { e.preventDefault(); document.getElementById(`node-${n.metadata.name}`)?.scrollIntoView({ behavior: 'smooth' }); } }, n.metadata.name) },
        { title: 'Status', class: 'nowrap', value: (n) => statusView(n) },
        { title: 'Internal IP', value: (n) => (n.status?.addresses || []).find((a) => a.type === 'InternalIP')?.address || '' },
        { title: 'Taints', value: (n) => (n.spec?.taints || []).length ? (n.spec.taints.map((t) => h('div', { class: 'mono' }, taintText(t)))) : h('span', { class: 'muted' }, 'none') },
        { title: 'CPU used / allocatable', value: (n) => meter(state.usage.get(n.metadata.name)?.cpu, parseQuantity(n.status?.allocatable?.cpu), formatCores) },
        { title: 'Memory used / allocatable', value: (n) => meter(state.usage.get(n.metadata.name)?.memory, parseQuantity(n.status?.allocatable?.memory), formatBytes) },
        { title: 'Pods', class: 'num nowrap', value: (n) => podsCell(n) },
        { title: 'Version', class: 'nowrap', value: (n) => n.status?.nodeInfo?.kubeletVersion || '' },
        { title: 'Age', value: (n) => age(n.metadata.creationTimestamp) },
        { title: '', value: (n) => cordonButton(n) },
      ], list, {
        empty: 'No nodes have registered.',
        rowAttributes: (n) => ({ 'data-test': `node-${n.metadata.name}`, 'data-unschedulable': n.spec?.unschedulable ? 'true' : 'false' }),
      })));
    show(details, list.map(nodeCard));
  };

  const podsNote = () => {
    const pods = state.pods;
    if (!pods?.ready) return null;
    if (pods.error) return h('p', { class: 'muted' }, `Pods per node unavailable: ${pods.error.message}`);
    return state.podsScope ? h('p', { class: 'muted' }, `Pods counted in ${state.podsScope} only (this user may not list every namespace's pods).`) : null;
  };

  // Non-terminated pods bound to the node (kubectl describe node counts these), of the pods this user may see.
  // Pods change far more often than nodes: their counts are replaced in place, not the whole table.
  const podsCell = (node) => h('span', { 'data-pods-of': node.metadata.name }, podsText(node));
  const podsText = (node) => {
    const pods = state.pods;
    const allocatable = node.status?.allocatable?.pods;
    if (!pods?.ready || pods.error) return h('span', { class: 'muted' }, `– / ${allocatable ?? '?'}`);
    let count = 0;
    for (const pod of pods.items.values()) {
      if (pod.spec?.nodeName === node.metadata.name && !['Succeeded', 'Failed'].includes(pod.status?.phase)) count += 1;
    }
    return h('span', { 'data-test': 'pod-count', 'data-value': count }, `${count}${allocatable ? ` / ${allocatable}` : ''}`);
  };
  let podsShown = false;
  const drawPods = () => {
    if (!state.nodes?.ready || state.nodes.error) return;
    // The note above the table appears or changes only when the collection becomes ready or is refused.
    const shownNow = Boolean(state.pods?.ready);
    if (shownNow !== podsShown) { podsShown = shownNow; draw(); return; }
    for (const cell of nodesCard.querySelectorAll('[data-pods-of]')) {
      const node = state.nodes.items.get(`/${cell.dataset.podsOf}`);
      if (node) show(cell, podsText(node));
    }
  };

  const cordonButton = (node) => {
    const name = node.metadata.name;
    const cordoned = Boolean(node.spec?.unschedulable);
    return h('button', {
      class: 'small',
      'data-test': cordoned ? 'uncordon' : 'cordon',
      disabled: state.busy.has(name),
      title: cordoned ? 'Let the scheduler place new pods on this node again' : 'Keep the scheduler from placing new pods on this node; the pods on it stay',
      onclick: () => setUnschedulable(name, !cordoned),
    }, cordoned ? 'Uncordon' : 'Cordon');
  };

  // As kubectl cordon/uncordon: spec.unschedulable true, or removed (false is its default, and kubectl's patch
  // leaves it out).
  const setUnschedulable = async (name, unschedulable) => {
    state.busy.add(name);
    draw();
    try {
      await ctx.api.patch(itemPath('nodes', '', name), { spec: { unschedulable: unschedulable ? true : null } });
      ctx.notify(`node/${name} ${unschedulable ? 'cordoned' : 'uncordoned'}`);
    } catch (e) {
      ctx.notify(e.message, 'bad');
    } finally {
      state.busy.delete(name);
      if (!ctx.signal.aborted) draw();
    }
  };

  // Every namespace's pods when this user may list them, else those of the namespace it works in. (A refused
  // collection is not watched again, so the first one costs nothing once refused.)
  ctx.live(collectionPath('pods', ''), (c) => {
    if (c.error?.code === 403 && ctx.namespace) {
      if (state.podsScope) return;
      state.podsScope = ctx.namespace;
      ctx.live(collectionPath('pods', ctx.namespace), (own) => { state.pods = own; drawPods(); });
      return;
    }
    state.pods = c;
    drawPods();
  });

  // Usage is a sample, not an event: read again every 10 s, once the nodes are shown. A refusal (403) is final for
  // this view: it is shown once and not asked again.
  let usageRefused = false;
  const readUsage = async () => {
    if (usageRefused || !state.nodes?.ready || state.nodes.error) return;
    try {
      state.usage = await readNodeUsage(ctx.api);
      state.usageError = null;
    } catch (e) {
      state.usage = new Map();
      state.usageError = e.message;
      usageRefused = e.code === 403;
    }
    if (!ctx.signal.aborted) draw();
  };
  let firstRead = true;
  ctx.live('/api/v1/nodes', (c) => {
    state.nodes = c;
    draw();
    if (c.ready && firstRead) { firstRead = false; readUsage(); }
  });
  ctx.every(10000, readUsage);
}

function statusView(node) {
  const readiness = nodeReadiness(node);
  return h('span', { 'data-test': 'node-status' },
    badge(readiness, readiness === 'Ready' ? 'ok' : 'bad'),
    node.spec?.unschedulable ? [' ', badge('SchedulingDisabled', 'warn')] : null);
}

function taintText(taint) {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

// The rest of kubectl describe node: conditions, capacity and allocatable, labels, taints, the system.
function nodeCard(node) {
  const name = node.metadata.name;
  const status = node.status || {};
  const resources = [...new Set([...Object.keys(status.capacity || {}), ...Object.keys(status.allocatable || {})])].sort();
  const info = status.nodeInfo || {};
  return h('section', { class: 'card', id: `node-${name}`, 'data-test': `node-details-${name}` },
    h('h2', {}, name, ' ', statusView(node)),
    h('div', { class: 'grid' },
      h('div', {},
        h('h3', {}, 'Conditions'),
        table([
          { title: 'Type', value: (c) => c.type },
          { title: 'Status', value: (c) => badge(c.status, conditionTone(c)) },
          { title: 'Reason', value: (c) => c.reason || '' },
          { title: 'Message', value: (c) => c.message || '' },
          { title: 'Last transition', value: (c) => h('span', { title: time(c.lastTransitionTime) }, c.lastTransitionTime ? `${age(c.lastTransitionTime)} ago` : '') },
        ], status.conditions || [], { empty: 'No conditions reported.' }),
        h('h3', {}, 'Taints'),
        (node.spec?.taints || []).length
          ? h('ul', {}, node.spec.taints.map((t) => h('li', { class: 'mono' }, taintText(t))))
          : h('p', { class: 'empty' }, 'No taints.')),
      h('div', {},
        h('h3', {}, 'Capacity and allocatable'),
        table([
          { title: 'Resource', value: (r) => r },
          { title: 'Capacity', class: 'num', value: (r) => quantityText(r, status.capacity?.[r]) },
          { title: 'Allocatable', class: 'num', value: (r) => quantityText(r, status.allocatable?.[r]) },
        ], resources, { empty: 'Nothing reported.' }),
        h('h3', {}, 'System'),
        table([
          { title: 'Item', value: (r) => r[0] },
          { title: 'Value', value: (r) => r[1] },
        ], [
          ['Addresses', (status.addresses || []).map((a) => `${a.type} ${a.address}`).join(', ')],
          ['OS image', info.osImage], ['Kernel', info.kernelVersion], ['Container runtime', info.containerRuntimeVersion],
          ['Kubelet', info.kubeletVersion], ['Architecture', info.architecture],
        ].filter((r) => r[1]), { empty: 'Nothing reported.' }))),
    h('h3', {}, 'Labels'),
    Object.keys(node.metadata.labels || {}).length
      ? h('div', { class: 'toolbar' }, Object.entries(node.metadata.labels).sort().map(([k, v]) => badge(`${k}=${v}`)))
      : h('p', { class: 'empty' }, 'No labels.'));
}

// Ready True is good; for the pressure conditions (MemoryPressure, DiskPressure, ...) False is.
function conditionTone(c) {
  const good = c.type === 'Ready' ? 'True' : 'False';
  if (c.status === good) return 'ok';
  return c.status === 'Unknown' ? 'warn' : 'bad';
}

function quantityText(resource, value) {
  if (value === undefined) return '';
  if (resource === 'cpu') return `${value} (${formatCores(parseQuantity(value))})`;
  if (resource === 'memory' || resource.includes('storage')) return `${value} (${formatBytes(parseQuantity(value))})`;
  return value;
}
