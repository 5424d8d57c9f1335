// Deployments, ReplicaSets, ReplicationControllers and HorizontalPodAutoscalers of the chosen namespace, live: their
// replicas and rollout status in kubectl's words, scaling through the scale subresource, and rolling a Deployment
// back to an earlier revision the way `kubectl rollout undo` does. #/workloads?focus=NAME marks the rows of NAME
// and scrolls to them.
import { h, show, table, badge, age, errorBox, link, liveTable } from '../dom.js';
import { query } from '../api.js';
import {
  collectionPath, itemPath, condition, workloadState, controllerOf, labelSelectorText, revisionOf, rolloutStatus, imagesOf,
  REVISION_ANNOTATION,
} from '../kube.js';

const KINDS = ['deployments', 'replicasets', 'replicationcontrollers', 'horizontalpodautoscalers'];
const HASH_LABEL = 'pod-template-hash';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

// The Deployment's own annotations, kept through a rollback rather than taken from the ReplicaSet restored (kubectl's
// annotationsToSkip).
const KEPT_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

export default function render(main, ctx) {
  const focus = ctx.params.get('focus') || '';
  const data = Object.fromEntries(KINDS.map((k) => [k, null]));
  const view = { ctx, data, focus, revisionsOf: null };

  const revisionsPanel = h('div');
  const sections = {
    deployments: section('Deployments', deploymentsTable(view, showRevisions), revisionsPanel),
    replicasets: section('ReplicaSets', replicaSetsTable(view)),
    replicationcontrollers: section('ReplicationControllers', replicationControllersTable(view)),
    horizontalpodautoscalers: section('HorizontalPodAutoscalers', autoscalersTable(view)),
  };
  const focusNote = h('div');
  main.append(
    h('div', { class: 'toolbar' }, h('h1', {}, 'Workloads'), h('span', { class: 'muted' },
      ctx.namespace ? `in namespace ${ctx.namespace}` : 'in all namespaces')),
    focusNote,
    ...Object.values(sections).map((s) => s.card));

  let scrolled = false;
  const draw = () => {
    for (const kind of KINDS) sections[kind].draw(data[kind]);
    drawRevisions();
    if (scrolled || !focus || KINDS.some((k) => !data[k]?.ready)) return;
    scrolled = true;
    const row = main.querySelector('tr.focus');
    if (row) row.scrollIntoView({ block: 'center' });
    else show(focusNote, h('p', { class: 'muted' }, `No workload named "${focus}" here.`));
  };
  for (const kind of KINDS) {
    ctx.live(collectionPath(kind, ctx.namespace), (c) => { data[kind] = c; draw(); });
  }
  // Ages move on without events.
  ctx.every(10000, draw);

  function showRevisions(deployment) {
    view.revisionsOf = deployment ? `${deployment.metadata.namespace}/${deployment.metadata.name}` : null;
    drawRevisions();
    if (deployment) revisionsPanel.scrollIntoView({ block: 'nearest' });
  }

  function drawRevisions() {
    const deployment = view.revisionsOf && data.deployments?.items.get(view.revisionsOf);
    if (!deployment) { show(revisionsPanel); return; }
    const current = revisionOf(deployment);
    const revisions = ownedReplicaSets(deployment, data.replicasets)
      .filter((rs) => revisionOf(rs) !== null)
      .sort((a, b) => revisionOf(b) - revisionOf(a));
    show(revisionsPanel, h('div', { class: 'revisions', 'data-test': 'revisions' },
      h('div', { class: 'toolbar' },
        h('h3', {}, `Revisions of deployment "${deployment.metadata.name}"`),
        h('span', { class: 'spacer' }),
        h('button', { class: 'small', onclick: () => showRevisions(null) }, 'Close')),
      table([
        { title: 'Revision', class: 'num', value: (rs) => revisionOf(rs) },
        { title: 'ReplicaSet', value: (rs) => rs.metadata.name },
        { title: 'Pods', class: 'num', value: (rs) => `${rs.status?.readyReplicas || 0}/${rs.spec?.replicas ?? 1}` },
        { title: 'Images', value: (rs) => images(rs.spec?.template?.spec) },
        { title: 'Change cause', value: (rs) => rs.metadata.annotations?.[CHANGE_CAUSE] || h('span', { class: 'muted' }, '<none>') },
        { title: 'Age', value: (rs) => age(rs.metadata.creationTimestamp) },
        {
          title: '',
          value: (rs) => (revisionOf(rs) === current
            ? badge('current', 'ok')
            : h('button', {
              class: 'small',
              'data-test': `rollback-to-${revisionOf(rs)}`,
              onclick: (event) => undo(ctx, deployment, revisionOf(rs), event.currentTarget),
            }, `Roll back to ${revisionOf(rs)}`)),
        },
      ], revisions, { empty: 'This Deployment has no ReplicaSets with a revision.' })));
  }
}

// A card whose table shows a live collection, or the collection's error (a 403 for a tenant) in its place.
function section(title, liveGrid, ...after) {
  const message = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const card = h('section', { class: 'card' }, h('h2', {}, title), message, liveGrid.element, ...after);
  liveGrid.element.hidden = true;
  return {
    card,
    draw(collection) {
      if (!collection?.ready) return;
      show(message, collection.error ? errorBox(collection.error) : null);
      liveGrid.element.hidden = !!collection.error;
      if (!collection.error) liveGrid.update(liveGrid.rows(collection));
    },
  };
}

const keyOf = (o) => `${o.metadata.namespace}/${o.metadata.name}`;

function rowAttributes(view, prefix) {
  return (o) => ({ 'data-test': `${prefix}-${o.metadata.name}`, class: o.metadata.name === view.focus ? 'focus' : null });
}

function deploymentsTable(view, showRevisions) {
  const grid = liveTable([
    { title: 'Namespace', value: (d) => d.metadata.namespace },
    { title: 'Name', value: (d) => nameCell(view, 'Deployment', d, d.spec?.selector) },
    { title: 'Ready', class: 'num', attributes: { 'data-test': 'ready' }, value: (d) => `${d.status?.readyReplicas || 0}/${d.spec?.replicas ?? 1}` },
    { title: 'Up to date', class: 'num', value: (d) => d.status?.updatedReplicas || 0 },
    { title: 'Available', class: 'num', value: (d) => d.status?.availableReplicas || 0 },
    { title: 'Age', value: (d) => age(d.metadata.creationTimestamp) },
    { title: 'Rollout', attributes: { 'data-test': 'rollout' }, value: (d) => deploymentStatus(d) },
    { title: 'Images', value: (d) => images(d.spec?.template?.spec) },
    { title: 'Scale', control: scaleControl(view.ctx, 'deployments', 'deployment') },
    { title: 'Rollback', control: rollbackControl(view.ctx, showRevisions) },
  ], { key: keyOf, empty: 'No Deployments.', rowAttributes: rowAttributes(view, 'deployment') });
  grid.rows = (c) => c.list();
  return grid;
}

function replicaSetsTable(view) {
  const grid = liveTable([
    { title: 'Namespace', value: (rs) => rs.metadata.namespace },
    { title: 'Name', value: (rs) => nameCell(view, 'ReplicaSet', rs, rs.spec?.selector) },
    { title: 'Owner', value: (rs) => ownerCell(rs) },
    { title: 'Revision', class: 'num', value: (rs) => revisionOf(rs) ?? '' },
    { title: 'Ready', class: 'num', attributes: { 'data-test': 'ready' }, value: (rs) => `${rs.status?.readyReplicas || 0}/${rs.spec?.replicas ?? 1}` },
    { title: 'Current', class: 'num', value: (rs) => rs.status?.replicas || 0 },
    { title: 'Available', class: 'num', value: (rs) => rs.status?.availableReplicas || 0 },
    { title: 'Age', value: (rs) => age(rs.metadata.creationTimestamp) },
    { title: 'Status', value: (rs) => replicaStatus(rs) },
    { title: 'Images', value: (rs) => images(rs.spec?.template?.spec) },
    { title: 'Scale', control: scaleControl(view.ctx, 'replicasets', 'replica set') },
  ], {
    key: keyOf,
    empty: 'No ReplicaSets.',
    rowAttributes: (rs) => ({
      ...rowAttributes(view, 'replicaset')(rs),
      class: [rs.metadata.name === view.focus ? 'focus' : '', ownedByDeployment(rs) && (rs.spec?.replicas ?? 1) === 0 ? 'retired' : '']
        .filter(Boolean).join(' ') || null,
    }),
  });
  grid.rows = (c) => c.list();
  return grid;
}

function replicationControllersTable(view) {
  const grid = liveTable([
    { title: 'Namespace', value: (rc) => rc.metadata.namespace },
    { title: 'Name', value: (rc) => nameCell(view, 'ReplicationController', rc, rc.spec?.selector ? { matchLabels: rc.spec.selector } : null) },
    { title: 'Ready', class: 'num', attributes: { 'data-test': 'ready' }, value: (rc) => `${rc.status?.readyReplicas || 0}/${rc.spec?.replicas ?? 1}` },
    { title: 'Current', class: 'num', value: (rc) => rc.status?.replicas || 0 },
    { title: 'Available', class: 'num', value: (rc) => rc.status?.availableReplicas || 0 },
    { title: 'Age', value: (rc) => age(rc.metadata.creationTimestamp) },
    { title: 'Status', value: (rc) => replicaStatus(rc) },
    { title: 'Images', value: (rc) => images(rc.spec?.template?.spec) },
    { title: 'Scale', control: scaleControl(view.ctx, 'replicationcontrollers', 'replication controller') },
  ], { key: keyOf, empty: 'No ReplicationControllers.', rowAttributes: rowAttributes(view, 'replicationcontroller') });
  grid.rows = (c) => c.list();
  return grid;
}

function autoscalersTable(view) {
  const grid = liveTable([
    { title: 'Namespace', value: (a) => a.metadata.namespace },
    { title: 'Name', value: (a) => h('div', {}, h('b', {}, a.metadata.name), h('div', { class: 'small' },
      link(`#/object/HorizontalPodAutoscaler/${encodeURIComponent(a.metadata.namespace)}/${encodeURIComponent(a.metadata.name)}`, 'history'))) },
    { title: 'Target', value: (a) => targetCell(a) },
    { title: 'Min', class: 'num', value: (a) => a.spec?.minReplicas ?? 1 },
    { title: 'Max', class: 'num', value: (a) => a.spec?.maxReplicas },
    { title: 'Replicas (current / desired)', class: 'num', value: (a) => `${a.status?.currentReplicas ?? 0} / ${a.status?.desiredReplicas ?? 0}` },
    { title: 'Metrics (current / target)', value: (a) => metrics(a) },
    { title: 'Conditions', value: (a) => autoscalerConditions(a) },
    { title: 'Last scaled', value: (a) => (a.status?.lastScaleTime ? `${age(a.status.lastScaleTime)} ago` : h('span', { class: 'muted' }, 'never')) },
    { title: 'Age', value: (a) => age(a.metadata.creationTimestamp) },
  ], { key: keyOf, empty: 'No HorizontalPodAutoscalers.', rowAttributes: rowAttributes(view, 'hpa') });
  grid.rows = (c) => c.list();
  return grid;
}

// The name, with links to the workload's pods (by its selector) and to its history.
function nameCell(view, kind, o, selector) {
  const ns = o.metadata.namespace;
  const selectorText = labelSelectorText(selector);
  const pods = selectorText
    ? `#/pods${query({ selector: selectorText, namespace: view.ctx.namespace ? '' : ns })}`
    : null;
  return h('div', {},
    h('b', {}, o.metadata.name),
    h('div', { class: 'small' },
      pods ? link(pods, 'pods', { 'data-test': 'pods-link' }) : null, pods ? ' · ' : null,
      link(`#/object/${kind}/${encodeURIComponent(ns)}/${encodeURIComponent(o.metadata.name)}`, 'history')));
}

function ownedByDeployment(rs) {
  return controllerOf(rs)?.kind === 'Deployment';
}

function ownerCell(rs) {
  const owner = controllerOf(rs);
  if (!owner) return h('span', { class: 'muted' }, 'none');
  if (owner.kind === 'Deployment') {
    return h('span', {}, badge('Deployment', ''), ' ', link(`#/workloads?focus=${encodeURIComponent(owner.name)}`, owner.name));
  }
  return `${owner.kind}/${owner.name}`;
}

function targetCell(a) {
  const ref = a.spec?.scaleTargetRef || {};
  return link(`#/workloads?focus=${encodeURIComponent(ref.name || '')}`, `${ref.kind}/${ref.name}`);
}

function images(spec) {
  return h('div', { class: 'images' }, imagesOf(spec).map((image) => h('div', { class: 'mono' }, image)));
}

function deploymentStatus(d) {
  const status = rolloutStatus(d);
  const tone = status.failed ? 'bad' : status.done ? 'ok' : 'warn';
  const failure = condition(d, 'ReplicaFailure');
  const progressing = condition(d, 'Progressing');
  return h('div', {},
    h('div', { class: `text-${tone}` }, status.message),
    d.spec?.paused ? badge('paused', 'warn') : null,
    failure?.status === 'True' ? h('div', { class: 'text-bad small' }, `${failure.reason}: ${failure.message}`) : null,
    progressing?.message ? h('div', { class: 'muted small' }, `${progressing.reason}: ${progressing.message}`) : null);
}

// kubectl has no rollout status for ReplicaSets and ReplicationControllers: this says the same things of their pods.
function replicaStatus(o) {
  const state = workloadState(o);
  const failure = condition(o, 'ReplicaFailure');
  let text;
  let tone = 'warn';
  if ((o.metadata.generation || 0) > (o.status?.observedGeneration ?? Infinity)) text = 'Waiting for the spec update to be observed...';
  else if (state.current > state.desired) text = `Waiting for ${state.current - state.desired} old pods to terminate...`;
  else if (state.ready < state.desired) text = `Waiting for pods to be ready: ${state.ready} of ${state.desired} are ready...`;
  else if (state.available < state.desired) text = `Waiting for pods to be available: ${state.available} of ${state.desired} are available...`;
  else if (state.desired === 0) { text = 'scaled to 0'; tone = 'muted'; }
  else { text = `${state.desired} of ${state.desired} pods ready`; tone = 'ok'; }
  return h('div', {},
    h('div', { class: tone === 'muted' ? 'muted' : `text-${tone}` }, text),
    failure?.status === 'True' ? h('div', { class: 'text-bad small' }, `${failure.reason}: ${failure.message}`) : null);
}

// A number and a Scale button: a merge patch of spec.replicas on the scale subresource. What the user typed stays
// while the row updates under it; after a scale the row shows the object's replicas again.
function scaleControl(ctx, kind, word) {
  return (first) => {
    let current = first;
    let edited = false;
    const input = h('input', {
      type: 'number', min: '0', step: '1', 'data-test': 'replicas', 'aria-label': `Replicas of ${first.metadata.name}`,
      oninput() { edited = true; },
      onblur() { if (input.value === String(current.spec?.replicas ?? 1)) edited = false; },
      onkeydown(event) { if (event.key === 'Enter') scale(); },
    });
    const button = h('button', { class: 'small', 'data-test': 'scale', onclick: scale }, 'Scale');
    const managed = () => kind === 'replicasets' && ownedByDeployment(current);
    async function scale() {
      const text = input.value.trim();
      if (!/^\d+$/.test(text)) {
        ctx.notify(`Replicas must be a whole number, 0 or more${text ? ` (not "${text}")` : ''}.`, 'bad');
        return;
      }
      const replicas = Number(text);
      const { namespace, name } = current.metadata;
      button.disabled = true;
      try {
        await ctx.api.patch(`${itemPath(kind, namespace, name)}/scale`, { spec: { replicas } });
        edited = false;
        ctx.notify(`${word} "${name}" scaled to ${replicas}`);
      } catch (e) {
        ctx.notify(e.message, 'bad');
      } finally {
        button.disabled = managed();
      }
    }
    return {
      node: h('div', { class: 'scale' }, input, ' ', button),
      update(next) {
        current = next;
        if (!edited && document.activeElement !== input) input.value = String(next.spec?.replicas ?? 1);
        const owned = managed();
        input.disabled = owned;
        button.disabled = owned;
        input.title = owned ? `Its Deployment ${controllerOf(next).name} sets its replicas: scale the Deployment.` : '';
      },
    };
  };
}

// "Roll back" to the previous revision (kubectl rollout undo), and "Revisions" to pick another.
function rollbackControl(ctx, showRevisions) {
  return (first) => {
    let current = first;
    const button = h('button', {
      class: 'small', 'data-test': 'rollback',
      onclick: () => undo(ctx, current, 0, button),
    }, 'Roll back');
    const revisions = h('button', { class: 'small', 'data-test': 'revisions-button', onclick: () => showRevisions(current) }, 'Revisions');
    return {
      node: h('div', { class: 'actions' }, button, ' ', revisions),
      update(next) {
        current = next;
        const revision = revisionOf(next);
        button.title = revision > 1 ? `Roll back from revision ${revision} to the one before` : 'Roll back to the previous revision';
      },
    };
  };
}

async function undo(ctx, deployment, toRevision, button) {
  if (button) button.disabled = true;
  try {
    ctx.notify(await rollback(ctx.api, deployment.metadata.namespace, deployment.metadata.name, toRevision));
  } catch (e) {
    ctx.notify(e.message, 'bad');
  } finally {
    if (button) button.disabled = false;
  }
}

// What `kubectl rollout undo deployment/NAME [--to-revision=N]` does: read the Deployment and its ReplicaSets afresh,
// take the ReplicaSet of the revision asked for (0: the newest but one), and patch its template, without the
// pod-template-hash label, into the Deployment, with the ReplicaSet's annotations (but for the Deployment's own).
// The deployment controller then brings that ReplicaSet back under the next revision number.
export async function rollback(api, namespace, name, toRevision = 0) {
  const deployment = await api.get(itemPath('deployments', namespace, name));
  const selector = labelSelectorText(deployment.spec.selector);
  const listed = await api.get(collectionPath('replicasets', namespace, query({ labelSelector: selector })));
  const replicaSets = listed.items.filter((rs) => controllerOf(rs)?.uid === deployment.metadata.uid);

  let target;
  if (toRevision > 0) {
    target = replicaSets.find((rs) => revisionOf(rs) === toRevision);
    if (!target) throw new Error(`unable to find revision ${toRevision} of deployment "${name}" in its history`);
  } else {
    const byRevision = replicaSets.filter((rs) => revisionOf(rs) !== null).sort((a, b) => revisionOf(b) - revisionOf(a));
    target = byRevision[1];
    if (!target) {
      throw new Error(`deployment "${name}" has no previous revision to roll back to (no rollout history found: it has only ${
        byRevision.length ? `revision ${revisionOf(byRevision[0])}` : 'no revisions'})`);
    }
  }
  if (deployment.spec.paused) {
    throw new Error(`you cannot roll back a paused deployment ("${name}"); resume it first with 'kubectl rollout resume' and try again`);
  }
  const revision = revisionOf(target);
  const template = withoutHashLabel(target.spec.template);
  if (sameValue(template, withoutHashLabel(deployment.spec.template))) {
    return `skipped rollback: the template of deployment "${name}" already matches revision ${revision}`;
  }
  const annotations = {};
  const own = deployment.metadata.annotations || {};
  for (const key of KEPT_ANNOTATIONS) if (key in own) annotations[key] = own[key];
  for (const [key, value] of Object.entries(target.metadata.annotations || {})) {
    if (!KEPT_ANNOTATIONS.includes(key)) annotations[key] = value;
  }
  try {
    await api.patch(itemPath('deployments', namespace, name), [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'add', path: '/metadata/annotations', value: annotations },
    ], 'application/json-patch+json');
  } catch (e) {
    throw new Error(`failed restoring revision ${revision} of deployment "${name}": ${e.message}`);
  }
  return `deployment "${name}" rolled back to revision ${revision}`;
}

function withoutHashLabel(template) {
  const copy = structuredClone(template || {});
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

// Equal as Kubernetes' semantic equality sees it: an empty list or map is the same as none.
function sameValue(a, b) {
  const empty = (v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

function ownedReplicaSets(deployment, replicaSets) {
  if (!replicaSets?.ready || replicaSets.error) return [];
  return replicaSets.list().filter((rs) => rs.metadata.namespace === deployment.metadata.namespace
    && controllerOf(rs)?.uid === deployment.metadata.uid);
}

// Each metric's current value against its target, as kubectl get hpa prints them (cpu: 30%/50%), one per line;
// the current value is the status entry at the same position when it is of the same type.
function metrics(a) {
  const specs = a.spec?.metrics || [];
  const statuses = a.status?.currentMetrics || [];
  if (specs.length === 0) return h('span', { class: 'muted' }, '<none>');
  return h('div', {}, specs.map((spec, i) => h('div', { class: 'mono' },
    metricText(spec, statuses[i]?.type === spec.type ? statuses[i] : null))));
}

function metricText(spec, status) {
  const sources = {
    Resource: [spec.resource, status?.resource, (s) => s.name, false],
    ContainerResource: [spec.containerResource, status?.containerResource, (s) => `${s.name} (${s.container})`, false],
    Pods: [spec.pods, status?.pods, (s) => s.metric?.name, false],
    Object: [spec.object, status?.object, (s) => s.metric?.name, true],
    External: [spec.external, status?.external, (s) => s.metric?.name, true],
  };
  const found = sources[spec.type];
  if (!found || !found[0]) return '<unknown type>';
  const [source, measured, nameOf, perPod] = found;
  const target = source.target || {};
  const current = measured?.current || {};
  const percent = (v) => (v === undefined || v === null ? undefined : `${v}%`);
  let now;
  let goal;
  let suffix = '';
  if (target.type === 'Utilization') {
    now = percent(current.averageUtilization);
    goal = percent(target.averageUtilization) ?? '<auto>';
  } else if (target.type === 'AverageValue') {
    now = current.averageValue;
    goal = target.averageValue;
    if (perPod) suffix = ' (avg)';
  } else {
    now = current.value;
    goal = target.value;
  }
  return `${nameOf(source)}: ${now ?? '<unknown>'}/${goal ?? '<unknown>'}${suffix}`;
}

function autoscalerConditions(a) {
  const conditions = a.status?.conditions || [];
  if (conditions.length === 0) return h('span', { class: 'muted' }, 'none yet');
  return h('div', {}, conditions.map((c) => {
    const good = c.type === 'ScalingLimited' ? c.status !== 'True' : c.status === 'True';
    return h('div', { title: c.message || '' },
      badge(`${c.type} ${c.status}`, c.status === 'Unknown' ? 'warn' : good ? 'ok' : c.type === 'ScalingLimited' ? 'warn' : 'bad'),
      ' ', h('span', { class: 'small' }, c.reason || ''),
      c.message ? h('div', { class: 'muted small' }, c.message) : null);
  }));
}
