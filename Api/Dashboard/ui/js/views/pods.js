// The pods of the chosen namespace, live, with the columns of `kubectl get pods -o wide`, and a filter on the name.
// #/pods?selector=LABELSELECTOR (the workloads view links here with a workload's selector) shows the pods it selects;
// &namespace=NS narrows a selector link made while every namespace was shown to the workload's own namespace.
import { h, show, age, badge, errorBox, link, liveTable } from '../dom.js';
import { query } from '../api.js';
import { collectionPath, podStatus, podTone, podRestarts, podReadyCount } from '../kube.js';

export default function render(main, ctx) {
  const selector = ctx.params.get('selector') || '';
  const namespace = ctx.namespace || ctx.params.get('namespace') || '';
  let pods = null;

  const filter = h('input', {
    type: 'search', name: 'filter', placeholder: 'Filter by name', 'aria-label': 'Filter pods by name', 'data-test': 'pod-filter',
    value: ctx.params.get('filter') || '',
    oninput: draw,
  });
  const count = h('span', { class: 'muted', 'data-test': 'pod-count' });
  const message = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const grid = liveTable([
    { title: 'Namespace', value: (p) => p.metadata.namespace },
    { title: 'Name', value: (p) => link(podHref(p), p.metadata.name) },
    { title: 'Ready', class: 'num', value: (p) => podReadyCount(p) },
    { title: 'Status', value: (p) => badge(podStatus(p), podTone(p)) },
    { title: 'Restarts', class: 'num', value: (p) => restarts(p) },
    { title: 'Node', value: (p) => p.spec?.nodeName || h('span', { class: 'muted' }, '<none>') },
    { title: 'Age', value: (p) => age(p.metadata.creationTimestamp) },
    { title: 'IP', class: 'mono', value: (p) => p.status?.podIP || h('span', { class: 'muted' }, '<none>') },
  ], {
    key: (p) => `${p.metadata.namespace}/${p.metadata.name}`,
    empty: selector ? 'No pods match this selector.' : 'No pods.',
    rowAttributes: (p) => ({ 'data-test': `pod-${p.metadata.name}` }),
  });
  grid.element.hidden = true;

  const where = namespace ? `in namespace ${namespace}` : 'in all namespaces';
  main.append(
    h('div', { class: 'toolbar' }, h('h1', {}, 'Pods'), h('span', { class: 'muted' }, where)),
    h('section', { class: 'card' },
      h('div', { class: 'toolbar' },
        filter,
        selector ? h('span', { 'data-test': 'selector' }, 'Selector ', h('code', {}, selector), ' ',
          link(`#/pods${query({ filter: filter.value })}`, 'show all pods')) : null,
        h('span', { class: 'spacer' }),
        count),
      message,
      grid.element));

  ctx.live(collectionPath('pods', namespace, query({ labelSelector: selector })), (c) => { pods = c; draw(); });
  // Ages and "restarted ... ago" move on without events.
  ctx.every(10000, draw);

  function draw() {
    if (!pods?.ready) return;
    show(message, pods.error ? errorBox(pods.error) : null);
    grid.element.hidden = !!pods.error;
    if (pods.error) { show(count); return; }
    const text = filter.value.trim().toLowerCase();
    const all = pods.list();
    const shown = text ? all.filter((p) => p.metadata.name.toLowerCase().includes(text)) : all;
    grid.update(shown);
    show(count, text ? `${shown.length} of ${all.length} pods` : `${all.length} pods`);
  }
}

function podHref(pod) {
  return `#/pod/${encodeURIComponent(pod.metadata.namespace)}/${encodeURIComponent(pod.metadata.name)}`;
}

// As kubectl shows them: the count, and how long ago the last one was ("3 (5m ago)").
function restarts(pod) {
  const count = podRestarts(pod);
  const last = (pod.status?.containerStatuses || [])
    .map((c) => c.lastState?.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
  return count > 0 && last ? `${count} (${age(last)} ago)` : String(count);
}
