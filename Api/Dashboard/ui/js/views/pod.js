// One pod, live (#/pod/NAMESPACE/NAME): what `kubectl describe pod` shows (phase, conditions, node, addresses,
// containers with their state, ports and resources, labels, the workload that owns it), its Events, and its log
// followed as it is written. Links lead to its history and to the chain of causes that made it.
import { h, show, card, table, age, time, badge, errorBox, link } from '../dom.js';
import { query } from '../api.js';
import { collectionPath, itemPath, controllerOf, podStatus, podTone, podRestarts, podReadyCount, eventTime } from '../kube.js';

const MAX_LOG_LINES = 5000;

export default function render(main, ctx, args) {
  const [namespace, name] = args;
  if (!namespace || !name) {
    main.append(errorBox('Which pod? Its address is #/pod/NAMESPACE/NAME.'));
    return;
  }
  const objectHref = `#/object/Pod/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const statusBadge = h('span');
  const details = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const events = podEvents(ctx, namespace, name);
  const logs = podLogs(ctx, namespace, name);
  main.append(
    h('div', { class: 'toolbar' },
      h('h1', {}, `Pod ${name}`), h('span', { class: 'muted' }, `in namespace ${namespace}`), statusBadge,
      h('span', { class: 'spacer' }),
      link(objectHref, 'History', { 'data-test': 'history' }),
      link(`${objectHref}?tab=why`, 'Why does this pod exist?', { 'data-test': 'why' })),
    details, logs.card, events.card);

  const owners = ownerResolver(ctx, namespace, () => { if (pod) drawDetails(pod); });
  let pod = null;
  let seen = false;
  const drawDetails = (p) => show(details, podDetails(p, owners));

  ctx.live(collectionPath('pods', namespace, query({ fieldSelector: `metadata.name=${name}` })), (c) => {
    if (!c.ready) return;
    if (c.error) {
      show(details, errorBox(c.error));
      return;
    }
    pod = c.items.get(`${namespace}/${name}`) || null;
    if (pod) {
      seen = true;
      show(statusBadge, badge(podStatus(pod), podTone(pod)));
      drawDetails(pod);
      logs.podChanged(pod);
      events.podChanged(pod);
    } else {
      show(statusBadge, badge('Deleted', 'bad'));
      show(details, h('section', { class: 'card', 'data-test': 'gone' },
        h('p', {}, h('b', {}, 'This pod no longer exists.'),
          seen ? ' It was deleted while you were looking.' : '',
          ' What it was, and what happened to it, is in its ', link(objectHref, 'History'), '.')));
      logs.podGone(seen);
      events.podGone();
    }
  });
  // Ages move on without events.
  ctx.every(10000, () => { if (pod) drawDetails(pod); events.redraw(); });
}

// --- Details ------------------------------------------------------------------------------------------------

function podDetails(pod, owners) {
  const spec = pod.spec || {};
  const status = pod.status || {};
  const ips = (status.podIPs || []).map((a) => a.ip).filter(Boolean);
  return h('div', { 'data-test': 'pod-details' },
    h('div', { class: 'grid' },
      card('Pod',
        h('dl', { class: 'kv' },
          row('Status', badge(podStatus(pod), podTone(pod))),
          row('Phase', status.phase || 'Pending'),
          row('Ready', podReadyCount(pod)),
          row('Restarts', podRestarts(pod)),
          row('Node', spec.nodeName || h('span', { class: 'muted' }, 'not scheduled yet')),
          row('Pod IP', ips.length ? ips.join(', ') : status.podIP || h('span', { class: 'muted' }, 'none yet')),
          row('Host IP', status.hostIP || h('span', { class: 'muted' }, 'none yet')),
          row('QoS class', status.qosClass || ''),
          row('Started', status.startTime ? `${time(status.startTime)} (${age(status.startTime)} ago)` : h('span', { class: 'muted' }, 'not yet')),
          row('Created', `${time(pod.metadata.creationTimestamp)} (${age(pod.metadata.creationTimestamp)} ago)`),
          pod.metadata.deletionTimestamp ? row('Deleting', `since ${time(pod.metadata.deletionTimestamp)}`) : null,
          row('Controlled by', owners.describe(pod)),
          row('Service account', spec.serviceAccountName || 'default'),
          status.message ? row('Message', `${status.reason || ''} ${status.message}`.trim()) : null,
          row('Labels', labels(pod.metadata.labels)))),
      card('Conditions', table([
        { title: 'Type', value: (c) => c.type },
        { title: 'Status', value: (c) => badge(c.status, c.status === 'True' ? 'ok' : c.status === 'False' ? 'warn' : '') },
        { title: 'Reason', value: (c) => [c.reason || '', c.message ? h('div', { class: 'muted small' }, c.message) : null] },
        { title: 'Since', value: (c) => (c.lastTransitionTime ? `${age(c.lastTransitionTime)} ago` : '') },
      ], status.conditions || [], { empty: 'No conditions yet.' }))),
    card('Containers', h('div', { class: 'scroll' }, containersTable(pod))));
}

function row(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function labels(map) {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('div', { class: 'labels' }, entries.map(([k, v]) => badge(`${k}=${v}`)));
}

function containersTable(pod) {
  const spec = pod.spec || {};
  const statuses = new Map([...(pod.status?.initContainerStatuses || []), ...(pod.status?.containerStatuses || [])]
    .map((s) => [s.name, s]));
  const rows = [
    ...(spec.initContainers || []).map((c) => ({ c, init: true })),
    ...(spec.containers || []).map((c) => ({ c, init: false })),
  ];
  return table([
    { title: 'Name', value: (r) => [r.c.name, r.init ? [' ', badge('init')] : null] },
    { title: 'Image', class: 'mono', value: (r) => r.c.image },
    { title: 'State', value: (r) => containerState(statuses.get(r.c.name)) },
    { title: 'Ready', value: (r) => { const s = statuses.get(r.c.name); return s ? badge(s.ready ? 'yes' : 'no', s.ready ? 'ok' : 'warn') : ''; } },
    { title: 'Restarts', class: 'num', value: (r) => statuses.get(r.c.name)?.restartCount ?? 0 },
    { title: 'Ports', value: (r) => (r.c.ports || []).map((p) => h('div', {}, `${p.name ? `${p.name}: ` : ''}${p.containerPort}/${p.protocol || 'TCP'}`)) },
    { title: 'Requests', value: (r) => resources(r.c.resources?.requests) },
    { title: 'Limits', value: (r) => resources(r.c.resources?.limits) },
  ], rows, { empty: 'No containers.', rowAttributes: (r) => ({ 'data-test': `container-${r.c.name}` }) });
}

function containerState(s) {
  if (!s) return h('span', { class: 'muted' }, 'not started');
  const state = s.state || {};
  let now;
  if (state.running) now = h('span', { class: 'text-ok' }, `Running since ${time(state.running.startedAt)}`);
  else if (state.waiting) now = h('span', { class: 'text-warn' }, `Waiting: ${state.waiting.reason || ''}`, state.waiting.message ? h('div', { class: 'small' }, state.waiting.message) : null);
  else if (state.terminated) now = h('span', { class: state.terminated.exitCode === 0 ? '' : 'text-bad' }, `Terminated: ${state.terminated.reason || ''} (exit code ${state.terminated.exitCode})`);
  else now = h('span', { class: 'muted' }, 'unknown');
  const last = s.lastState?.terminated;
  return h('div', {}, now,
    last ? h('div', { class: 'muted small' }, `Last: ${last.reason || 'Terminated'} (exit code ${last.exitCode}) ${last.finishedAt ? `${age(last.finishedAt)} ago` : ''}`) : null);
}

function resources(map) {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return h('span', { class: 'muted' }, 'none');
  return entries.map(([k, v]) => h('div', {}, `${k}: ${v}`));
}

// The workload behind the pod: its controller, and that one's controller (a ReplicaSet's Deployment), read once.
function ownerResolver(ctx, namespace, changed) {
  const parents = new Map();
  function describe(pod) {
    const owner = controllerOf(pod);
    if (!owner) return h('span', { class: 'muted' }, 'nothing (a bare pod)');
    const own = workloadLink(owner);
    if (owner.kind !== 'ReplicaSet') return own;
    if (!parents.has(owner.name)) {
      parents.set(owner.name, undefined);
      ctx.api.get(itemPath('replicasets', namespace, owner.name)).then(
        (rs) => { parents.set(owner.name, controllerOf(rs) || null); changed(); },
        () => { parents.set(owner.name, null); });
    }
    const parent = parents.get(owner.name);
    return h('span', { 'data-test': 'owner' }, own, parent ? [' of ', workloadLink(parent)] : null);
  }
  const workloadLink = (ref) => (['Deployment', 'ReplicaSet', 'ReplicationController'].includes(ref.kind)
    ? link(`#/workloads?focus=${encodeURIComponent(ref.name)}`, `${ref.kind} ${ref.name}`)
    : `${ref.kind} ${ref.name}`);
  return { describe };
}

// --- Events --------------------------------------------------------------------------------------------------

// The pod's Events. The Api serves no watch of Events: they are a view of the record, and every new Event about the
// pod comes with a change of the pod, so they are listed again whenever the pod changes.
function podEvents(ctx, namespace, name) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const element = h('section', { class: 'card', 'data-test': 'events' }, h('h2', {}, 'Events'), body);
  const path = collectionPath('events', namespace, query({ fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` }));
  let items = null;
  let error = null;
  let uid = null;
  let listing = null;
  let again = false;

  async function list() {
    if (listing) { again = true; return; }
    listing = ctx.api.get(path);
    try {
      const answer = await listing;
      error = null;
      items = answer.items;
    } catch (e) {
      error = e;
    } finally {
      listing = null;
    }
    if (ctx.signal.aborted) return;
    redraw();
    if (again) { again = false; list(); }
  }

  function redraw() {
    if (error) { show(body, errorBox(error)); return; }
    if (!items) return;
    const mine = items.filter((e) => !uid || !e.involvedObject?.uid || e.involvedObject.uid === uid)
      .sort((a, b) => eventTime(b) - eventTime(a) || b.metadata.name.localeCompare(a.metadata.name));
    show(body, h('div', { class: 'scroll' }, table([
      { title: 'Age', value: (e) => age(new Date(eventTime(e)).toISOString()) },
      { title: 'Type', value: (e) => badge(e.type || 'Normal', e.type === 'Warning' ? 'warn' : '') },
      { title: 'Reason', value: (e) => e.reason },
      { title: 'From', value: (e) => [e.source?.component, e.source?.host].filter(Boolean).join(', ') || e.reportingComponent || '' },
      { title: 'Message', value: (e) => e.message },
    ], mine, { empty: 'No events.' })));
  }

  let version = null;
  return {
    card: element,
    redraw,
    podChanged(pod) {
      uid = pod.metadata.uid;
      if (pod.metadata.resourceVersion !== version) {
        version = pod.metadata.resourceVersion;
        list();
      }
    },
    podGone() { list(); },
  };
}

// eventTime has microseconds, lastTimestamp only seconds.

// --- Logs ----------------------------------------------------------------------------------------------------

// The log of one container, followed (follow=true, the last 500 lines first) until Stop, the end of the view, or
// the container's end; a container that starts again (a restart, or the first start after the page opened) is
// followed again on its own.
function podLogs(ctx, namespace, name) {
  const pre = h('pre', { class: 'log', 'data-test': 'logs' });
  const picker = h('select', { 'aria-label': 'Container', 'data-test': 'container', onchange: () => follow(true) });
  const toggle = h('button', { class: 'small', 'data-test': 'follow', onclick: () => follow(!following) }, 'Stop');
  const note = h('span', { class: 'muted small', 'data-test': 'log-status' });
  const pickerLabel = h('label', { hidden: true }, 'Container ', picker);
  const element = h('section', { class: 'card', 'data-test': 'log-card' },
    h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Log'), pickerLabel, toggle, h('span', { class: 'spacer' }), note),
    pre);
  element.hidden = true;

  let controller = null;
  let following = true;
  let streaming = false;
  let attempted = null;
  let begun = false;
  let pod = null;
  let lines = 0;
  let pending = [];
  let frame = 0;
  ctx.onCleanup(() => { controller?.abort(); cancelAnimationFrame(frame); });

  function container() {
    return picker.value || pod?.spec?.containers?.[0]?.name;
  }

  function containerStatus() {
    return (pod?.status?.containerStatuses || []).find((s) => s.name === container());
  }

  // The newest instance of the selected container, whose log the Api serves (running, or stopped and perhaps
  // waiting to start again); null before the first has started. A new value is a new instance to follow.
  function incarnation() {
    const status = containerStatus();
    if (!pod?.spec?.nodeName || !status) return null;
    const { running, terminated } = status.state || {};
    if (status.containerID) return status.containerID;
    return running || terminated ? `restart ${status.restartCount || 0}` : null;
  }

  function waitingNote() {
    const reason = containerStatus()?.state?.waiting?.reason;
    return `Container ${container()} is not running${reason ? ` (${reason})` : ''}: its log follows when it starts.`;
  }

  function setNote(text, tone = 'muted') {
    note.className = `${tone === 'muted' ? 'muted' : `text-${tone}`} small`;
    note.textContent = text;
  }

  async function start({ clear = true } = {}) {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const target = container();
    attempted = incarnation();
    if (clear) { pre.textContent = ''; lines = 0; pending = []; }
    if (!attempted) {
      streaming = false;
      setNote(waitingNote());
      return;
    }
    streaming = true;
    setNote(`Following ${target}…`);
    const path = `${itemPath('pods', namespace, name)}/log${query({ follow: 'true', tailLines: 500, container: target })}`;
    try {
      await ctx.api.stream(path, add, mine.signal);
      if (mine.signal.aborted || controller !== mine) return;
      streaming = false;
      flush();
      setNote(`The log of ${target} ended: the container stopped.`);
    } catch (e) {
      if (mine.signal.aborted || controller !== mine) return;
      streaming = false;
      setNote(`The log could not be read: ${e.message}`, 'bad');
    }
  }

  function stop(why) {
    controller?.abort();
    controller = null;
    streaming = false;
    flush();
    setNote(why);
  }

  function follow(on) {
    following = on;
    toggle.textContent = following ? 'Stop' : 'Follow';
    if (following) start();
    else stop('Stopped. Follow reads the last 500 lines again and follows on.');
  }

  // Lines are added once per frame, however many arrived.
  function add(line) {
    pending.push(line);
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    cancelAnimationFrame(frame);
    frame = 0;
    if (pending.length === 0) return;
    const atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
    pre.append(document.createTextNode(`${pending.join('\n')}\n`));
    lines += pending.length;
    pending = [];
    while (lines > MAX_LOG_LINES && pre.firstChild) {
      lines -= (pre.firstChild.textContent.match(/\n/g) || []).length;
      pre.firstChild.remove();
    }
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }

  return {
    card: element,
    podChanged(next) {
      pod = next;
      element.hidden = false;
      const names = (pod.spec?.containers || []).map((c) => c.name);
      if ([...picker.options].map((o) => o.value).join('\n') !== names.join('\n')) {
        const chosen = picker.value;
        show(picker, names.map((n) => h('option', { value: n }, n)));
        if (names.includes(chosen)) picker.value = chosen;
      }
      pickerLabel.hidden = names.length < 2;
      if (!following) return;
      const now = incarnation();
      if (begun && now === attempted) {
        if (!streaming && containerStatus()?.state?.waiting) setNote(waitingNote());
        return;
      }
      begun = true;
      if (!now && pre.textContent) {
        // Stopped and waiting to start again (a crash loop's back-off): what was read stays.
        controller?.abort();
        streaming = false;
        attempted = null;
        flush();
        setNote(waitingNote());
        return;
      }
      // A container that started again: its log follows the old one's.
      if (now && pre.textContent) {
        add(`--- container ${container()} started again ---`);
        flush();
        start({ clear: false });
      } else {
        start();
      }
    },
    podGone(seen) {
      if (!seen) { element.hidden = true; }
      stop('The pod was deleted: its log can no longer be read.');
      toggle.disabled = true;
      picker.disabled = true;
    },
  };
}
