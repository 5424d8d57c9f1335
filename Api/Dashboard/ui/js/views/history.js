// The record of the namespace (or of the cluster), newest first, and a time slider that shows the namespace's
// workloads, pods and services as they were at any point of it.
//   #/history?kind=&name=&user=&type=&since=  (the audit query's filters; since: an RFC 3339 time, or 30m, 2h, 1d ago)
//   &at=RV                                    (the slider's point; absent: now)
//
// The audit query answers oldest first and pages forwards, so the timeline is read backwards in windows of time: the
// newest window first, narrowed until it fits one page, then older windows as "Load more" asks. The audit query has no
// watch: the timeline follows live collections of the namespace's kinds and reads the tail of the record again when
// any of them changes.
import { h, show, table, badge, time, age, errorBox, link } from '../dom.js';
import { kinds, collectionPath, objectHref, podTone } from '../kube.js';
import { query } from '../api.js';

const AUDIT = '/apis/eventorch.io/v1/audit';
const PAGE = 500;
const WANTED = 100;
const FIRST_SPAN_MS = 15 * 60 * 1000;
const NARROWEST_SPAN_MS = 1000;
// Events committed at nearly the same time may carry timestamps a little out of sequence: the tail is read again
// from a little before the newest event shown.
const TAIL_OVERLAP_MS = 2000;
const FOLLOWED = ['pods', 'deployments', 'replicasets', 'replicationcontrollers', 'services', 'endpoints', 'configmaps',
  'serviceaccounts', 'horizontalpodautoscalers', 'ingresses'];
const PANEL = ['deployments', 'replicasets', 'pods', 'services'];

export default function render(main, ctx) {
  const filters = Object.fromEntries(['kind', 'name', 'user', 'type', 'since'].map((f) => [f, ctx.params.get(f) || '']));
  const scope = { namespace: ctx.namespace, kind: filters.kind, name: filters.name, user: filters.user, type: filters.type };
  const events = new Map();
  let oldest = null;
  let loadedFrom = null;
  let complete = false;
  let span = FIRST_SPAN_MS;
  let auditError = null;
  let loading = false;
  let point = /^\d+$/.test(ctx.params.get('at') || '') ? Number(ctx.params.get('at')) : null;
  const since = sinceTime(filters.since);

  // The page: filters, the slider, then the timeline beside the cluster as it was.
  const filterForm = filtersForm(filters);
  const slider = h('input', { type: 'range', step: 1, min: 0, max: 0, disabled: true, 'data-test': 'time-slider', 'aria-label': 'Point of the record' });
  const label = h('div', { 'data-test': 'as-of-label' }, 'Reading the record…');
  const nowButton = h('button', { type: 'button', 'data-test': 'now', disabled: point === null, onclick: () => setPoint(null) }, 'Now');
  const timelineBody = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const timelineSummary = h('span', { class: 'muted' });
  const liveBadge = badge('live', 'ok');
  const more = h('button', { type: 'button', 'data-test': 'load-more', hidden: true, onclick: () => loadOlder() }, 'Load more');
  const panelTitle = h('h2', {}, 'The cluster now');
  const panelBody = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.append(
    h('h1', {}, 'History', ctx.namespace ? h('span', { class: 'muted' }, ` of namespace ${ctx.namespace}`) : h('span', { class: 'muted' }, ' of the cluster')),
    filterForm,
    h('section', { class: 'card' },
      h('div', { class: 'slider' }, h('span', { class: 'muted' }, 'Oldest'), slider, h('span', { class: 'muted' }, 'Newest'), nowButton),
      label),
    h('div', { class: 'history-layout' },
      h('section', { class: 'card', 'data-test': 'timeline-card' },
        h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Timeline'), liveBadge, timelineSummary),
        h('div', { class: 'timeline' }, timelineBody),
        h('div', { class: 'toolbar', style: 'margin:10px 0 0' }, more)),
      h('section', { class: 'card', 'data-test': 'as-of' }, panelTitle, panelBody)));

  const filtered = () => ({ ...scope, since });
  let order = null;
  const sorted = () => order || (order = [...events.values()].sort((a, b) => Number(b.resourceVersion) - Number(a.resourceVersion)));
  const newestEvent = () => sorted()[0] || null;
  const add = (items) => {
    let added = 0;
    for (const e of items) {
      if (!events.has(e.resourceVersion)) { events.set(e.resourceVersion, e); added += 1; }
    }
    if (added) order = null;
    return added;
  };

  // Every page of one window of the audit query [from, until): until null is open-ended.
  const readWindow = async (from, until, { narrow }) => {
    const ask = (cont) => ctx.api.get(AUDIT + query({ ...filtered(), since: iso(from), until: until === null ? '' : iso(until), limit: PAGE, continue: cont }));
    let page = await ask();
    if (page.metadata?.continue && narrow?.(page)) return null;
    const items = [...page.items];
    while (page.metadata?.continue) {
      page = await ask(page.metadata.continue);
      items.push(...page.items);
    }
    return items;
  };

  // Older events, window by window back from what the timeline holds, until WANTED more are shown or the record's
  // start (the oldest event of the scope) is reached.
  async function loadOlder() {
    if (loading || complete || auditError || !oldest) return;
    loading = true;
    more.disabled = true;
    try {
      const floor = Date.parse(oldest.time);
      let added = 0;
      while (!complete && added < WANTED && !ctx.signal.aborted) {
        const until = loadedFrom;
        const top = until ?? Date.now();
        let from = Math.max(floor, top - span);
        let items = null;
        while (items === null) {
          items = await readWindow(from, until, {
            // More than a page in this window: a narrower one, so the newest events come first.
            narrow: () => {
              if (top - from <= NARROWEST_SPAN_MS) return false;
              span = Math.max(NARROWEST_SPAN_MS, Math.floor((top - from) / 4));
              from = Math.max(floor, top - span);
              return true;
            },
          });
        }
        if (ctx.signal.aborted) return;
        added += add(items);
        loadedFrom = from;
        if (from <= floor) complete = true;
        if (items.length < WANTED / 2) span *= 4;
        drawTimeline();
      }
    } catch (e) {
      if (!ctx.signal.aborted) ctx.notify(`Reading the record failed: ${e.message}`, 'bad');
    } finally {
      loading = false;
      more.disabled = false;
      drawTimeline();
    }
  }

  async function start() {
    if (!(await ctx.can('list', 'audit', { group: 'eventorch.io', namespace: ctx.namespace }))) {
      if (ctx.signal.aborted) return;
      auditError = new Error(`${ctx.user.username} may not read the audit trail ${ctx.namespace ? `of namespace "${ctx.namespace}"` : 'of the cluster'} `
        + '(list audit in eventorch.io), which the timeline and the time slider read.');
      drawTimeline();
      return;
    }
    try {
      const first = await ctx.api.get(AUDIT + query({ ...filtered(), limit: 1 }));
      if (ctx.signal.aborted) return;
      oldest = first.items[0] || null;
      if (!oldest) complete = true;
      drawTimeline();
      await loadOlder();
      scheduleTail();
    } catch (e) {
      if (ctx.signal.aborted) return;
      auditError = e;
      drawTimeline();
    }
  }

  // The tail: what was recorded since the newest event shown, read when a followed collection changes.
  let tailTimer = null;
  let tailReading = false;
  let tailAgain = false;
  async function readTail() {
    tailTimer = null;
    if (auditError || (!complete && loadedFrom === null)) return;
    if (tailReading) { tailAgain = true; return; }
    tailReading = true;
    try {
      const newest = newestEvent();
      const from = newest ? iso(Date.parse(newest.time) - TAIL_OVERLAP_MS) : since;
      let page = await ctx.api.get(AUDIT + query({ ...filtered(), since: from, limit: PAGE }));
      const items = [...page.items];
      while (page.metadata?.continue) {
        page = await ctx.api.get(AUDIT + query({ ...filtered(), since: from, limit: PAGE, continue: page.metadata.continue }));
        items.push(...page.items);
      }
      if (ctx.signal.aborted) return;
      if (!oldest && items.length) oldest = items[0];
      if (add(items) > 0) drawTimeline();
    } catch (e) {
      if (!ctx.signal.aborted) ctx.notify(`Reading the newest events failed: ${e.message}`, 'bad');
    } finally {
      tailReading = false;
      if (tailAgain && !ctx.signal.aborted) { tailAgain = false; scheduleTail(); }
    }
  }
  function scheduleTail() {
    if (!tailTimer && !ctx.signal.aborted) tailTimer = setTimeout(readTail, 500);
  }
  ctx.onCleanup(() => clearTimeout(tailTimer));

  function drawTimeline() {
    if (auditError) {
      show(timelineBody, errorBox(auditError));
      show(timelineSummary);
      liveBadge.hidden = true;
      more.hidden = true;
      slider.disabled = true;
      show(label, h('span', { class: 'muted' }, 'The time slider needs the audit trail, which could not be read. The cluster is shown as it is now.'));
      return;
    }
    const rows = sorted();
    const selected = shownEvent();
    show(timelineSummary, complete
      ? `${rows.length} event${rows.length === 1 ? '' : 's'}, all of the record${since ? ' since the time chosen' : ''}`
      : `${rows.length} events since ${time(new Date(loadedFrom).toISOString())}`);
    more.hidden = complete;
    if (loading) more.textContent = 'Loading…';
    else more.textContent = 'Load more';
    show(timelineBody, table([
      { title: 'Time', class: 'nowrap', value: (e) => h('span', { title: e.time }, shortTime(e.time)) },
      { title: 'User', value: (e) => filterLink(filters, 'user', e.user) },
      { title: 'Type', value: (e) => filterLink(filters, 'type', e.type) },
      { title: 'Object', value: (e) => objectLink(e.object, ctx.namespace, true) },
      { title: h('abbr', { title: 'resourceVersion: the event\'s place in the record' }, 'Version'), class: 'num', value: (e) => e.resourceVersion },
    ], rows, {
      empty: oldest || complete ? 'No events match.' : 'Loading…',
      rowAttributes: (e) => ({
        'data-test': 'timeline-event',
        'data-rv': e.resourceVersion,
        class: `clickable${e === selected ? ' selected' : ''}`,
        title: 'Show the cluster as it was just after this event',
        onclick: (event) => { if (!event.target.closest('a')) setPoint(Number(e.resourceVersion)); },
      }),
    }));
    drawSlider();
  }

  // The slider runs from the scope's oldest event to its newest; at "now" it sits at the newest and follows it.
  function drawSlider() {
    const newest = newestEvent();
    if (!oldest || !newest) {
      slider.disabled = true;
      show(label, h('span', { class: 'muted' }, oldest || complete ? 'No events to travel through.' : 'Reading the record…'));
      return;
    }
    const min = Math.min(Number(oldest.resourceVersion), Number(newest.resourceVersion));
    const max = Number(newest.resourceVersion);
    slider.max = String(max);
    slider.min = String(min);
    slider.disabled = false;
    if (point === null) slider.value = String(max);
    else slider.value = String(Math.min(Math.max(point, min), max));
    drawLabel();
  }

  function drawLabel() {
    if (point === null) {
      const newest = newestEvent();
      show(label, badge('now', 'ok'), ' The cluster as it is, live.',
        newest ? h('span', { class: 'muted' }, ` Newest event: resourceVersion ${newest.resourceVersion}, ${time(newest.time)}.`) : null);
      return;
    }
    const at = shownEvent();
    const what = at && `${at.type} of ${at.object.kind} ${at.object.name}`;
    let where;
    if (!at) where = h('span', { class: 'muted' }, ': before the part of the timeline read so far ("Load more" reads older events).');
    else if (Number(at.resourceVersion) === point) where = [`, ${time(at.time)}`, h('span', { class: 'muted' }, ` (${age(at.time)} ago), just after ${what}.`)];
    else where = h('span', { class: 'muted' }, `; the newest event shown before it: ${what}, ${time(at.time)} (${age(at.time)} ago).`);
    show(label, badge('past', 'warn'), ` As it was at resourceVersion ${point}`, where);
  }

  // The event the point is just after: the newest at or before it.
  function shownEvent() {
    return point === null ? null : sorted().find((e) => Number(e.resourceVersion) <= point) || null;
  }

  function setPoint(rv, { reveal = false } = {}) {
    point = rv;
    nowButton.disabled = point === null;
    if (point !== null) slider.value = String(point);
    const selected = shownEvent()?.resourceVersion;
    for (const row of timelineBody.querySelectorAll('tr[data-rv]')) {
      row.classList.toggle('selected', row.dataset.rv === selected);
      if (reveal && row.dataset.rv === selected) row.scrollIntoView({ block: 'nearest' });
    }
    drawSlider();
    syncAddress();
    readAsOf();
  }

  // The address holds the point, so a link opens the same past; replaceState does not open the view again.
  function syncAddress() {
    const params = new URLSearchParams(ctx.params);
    if (point === null) params.delete('at');
    else params.set('at', String(point));
    const text = params.toString();
    window.history.replaceState(null, '', `#/history${text ? `?${text}` : ''}`);
  }

  let sliderTimer = null;
  ctx.onCleanup(() => clearTimeout(sliderTimer));
  slider.addEventListener('input', () => {
    point = Number(slider.value);
    nowButton.disabled = false;
    drawLabel();
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(() => setPoint(Number(slider.value), { reveal: true }), 250);
  });
  slider.addEventListener('change', () => { clearTimeout(sliderTimer); setPoint(Number(slider.value), { reveal: true }); });

  // The namespace as it was: lists read with asOf; the newest answer wins.
  let asOfRead = 0;
  async function readAsOf() {
    if (point === null) { drawNow(); return; }
    const rv = point;
    const read = ++asOfRead;
    panelTitle.textContent = `The cluster as it was at resourceVersion ${rv}`;
    panelBody.setAttribute('aria-busy', 'true');
    const lists = await Promise.all(PANEL.map((kind) => ctx.api.get(collectionPath(kind, ctx.namespace, `?asOf=${rv}`))
      .then((list) => ({ items: sortByName(list.items) }), (error) => ({ error }))));
    if (read !== asOfRead || ctx.signal.aborted || point !== rv) return;
    panelBody.removeAttribute('aria-busy');
    drawPanel(Object.fromEntries(PANEL.map((kind, i) => [kind, lists[i]])), rv);
  }

  // Now: the live collections.
  const liveLists = {};
  function drawNow() {
    if (point !== null) return;
    panelTitle.textContent = 'The cluster now';
    if (PANEL.some((kind) => !liveLists[kind]?.ready)) return;
    drawPanel(Object.fromEntries(PANEL.map((kind) => [kind, liveLists[kind].error ? { error: liveLists[kind].error } : { items: liveLists[kind].list() }])), null);
  }

  function drawPanel(lists, rv) {
    const all = !ctx.namespace;
    const name = (o, kind) => objectLink({ kind: kinds[kind].kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid }, ctx.namespace, false);
    const section = (kind, title, columns, options = {}) => [
      h('h3', {}, title),
      lists[kind].error ? errorBox(lists[kind].error) : h('div', { class: 'scroll' }, table(columns, lists[kind].items, {
        empty: rv === null ? `No ${title.toLowerCase()}.` : `No ${title.toLowerCase()} then.`, ...options })),
    ];
    show(panelBody,
      section('deployments', 'Deployments', [
        { title: 'Name', value: (d) => name(d, 'deployments') },
        { title: 'Replicas', class: 'num', test: 'replicas', value: (d) => d.spec?.replicas ?? 1 },
        { title: 'Ready', class: 'num', test: 'ready', value: (d) => `${d.status?.readyReplicas || 0}/${d.spec?.replicas ?? 1}` },
      ], { rowAttributes: (d) => ({ 'data-test': `asof-deployment-${d.metadata.name}`, 'data-namespace': d.metadata.namespace }) }),
      section('replicasets', 'ReplicaSets', [
        { title: 'Name', value: (r) => name(r, 'replicasets') },
        { title: 'Desired', class: 'num', test: 'replicas', value: (r) => r.spec?.replicas ?? 1 },
        { title: 'Ready', class: 'num', value: (r) => r.status?.readyReplicas || 0 },
      ], { rowAttributes: (r) => ({ 'data-test': `asof-replicaset-${r.metadata.name}` }) }),
      section('pods', 'Pods', [
        { title: 'Name', value: (p) => name(p, 'pods') },
        { title: 'Phase', value: (p) => [badge(p.status?.phase || 'Pending', podTone(p)), p.metadata.deletionTimestamp ? [' ', badge('Terminating', 'warn')] : null] },
        { title: 'Node', value: (p) => p.spec?.nodeName || h('span', { class: 'muted' }, 'not bound') },
      ], { rowAttributes: (p) => ({ 'data-test': `asof-pod-${p.metadata.name}` }) }),
      section('services', 'Services', [
        { title: 'Name', value: (s) => name(s, 'services') },
        { title: 'Type', value: (s) => s.spec?.type || 'ClusterIP' },
        { title: 'Cluster IP', value: (s) => s.spec?.clusterIP || '' },
        { title: 'Ports', value: (s) => (s.spec?.ports || []).map((p) => `${p.port}/${p.protocol || 'TCP'}`).join(', ') },
      ], { rowAttributes: (s) => ({ 'data-test': `asof-service-${s.metadata.name}` }) }),
      all ? h('p', { class: 'muted' }, 'Every namespace is shown: choose one above to see a tenant\'s.') : null);
  }

  for (const kind of PANEL) {
    ctx.live(collectionPath(kind, ctx.namespace), (c) => {
      liveLists[kind] = c;
      if (c.ready) { drawNow(); scheduleTail(); }
    });
  }
  const follow = (kind) => ctx.live(collectionPath(kind, ctx.namespace), (c) => { if (c.ready && !c.error) scheduleTail(); });
  FOLLOWED.filter((k) => !PANEL.includes(k)).forEach(follow);
  if (!ctx.namespace) {
    if (ctx.canListNamespaces) follow('namespaces');
    ctx.can('watch', 'nodes').then((may) => { if (may && !ctx.signal.aborted) follow('nodes'); });
  }

  drawTimeline();
  start();
  if (point !== null) readAsOf();
}

function filtersForm(filters) {
  const input = (name, placeholder, attributes = {}) => h('input', { type: 'text', name, value: filters[name], placeholder, 'aria-label': name, 'data-test': `filter-${name}`, ...attributes });
  const fields = {
    kind: input('kind', 'kind (Deployment)', { list: 'history-kinds', size: 14 }),
    name: input('name', 'name', { size: 16 }),
    user: input('user', 'user', { size: 18 }),
    type: input('type', 'event type (PodDeleted)', { size: 20 }),
    since: input('since', 'since (1h, or 2026-11-24T10:00:00Z)', { size: 26 }),
  };
  return h('form', {
    class: 'toolbar',
    'data-test': 'history-filters',
    onsubmit(event) {
      event.preventDefault();
      location.hash = `#/history${query(Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, el.value.trim()])))}`;
    },
  },
  Object.values(fields),
  h('datalist', { id: 'history-kinds' }, Object.values(kinds).map((k) => h('option', { value: k.kind }))),
  h('button', { type: 'submit', class: 'primary' }, 'Filter'),
  h('button', { type: 'button', onclick: () => { location.hash = '#/history'; } }, 'Clear'));
}

function objectLink(ref, namespace, withKind) {
  if (!ref?.name) return '';
  const text = !namespace && ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return h('span', {}, withKind ? h('span', { class: 'muted' }, `${ref.kind} `) : null,
    link(objectHref(ref.kind, ref.namespace, ref.name, { uid: ref.uid }), text));
}

// A user or an event type that opens the timeline filtered by it; a service account is shown as namespace:name.
function filterLink(filters, field, value) {
  if (!value) return '';
  const text = field === 'user' ? value.replace(/^system:serviceaccount:/, '') : value;
  return link(`#/history${query({ ...filters, [field]: value })}`, text, { title: `Only events with ${field} ${value}`, class: 'quiet' });
}

// The time of day for today's events, else the date too.
function shortTime(timestamp) {
  const date = new Date(timestamp);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

function sortByName(items) {
  return [...(items || [])].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

function iso(ms) {
  return new Date(ms).toISOString();
}

// since as the audit query takes it: an RFC 3339 time as given, or "30m", "2h", "1d" before now.
function sinceTime(text) {
  if (!text) return '';
  const relative = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!relative) return text.trim();
  const unit = { s: 1000, m: 60000, h: 3600000, d: 86400000 }[relative[2]];
  return iso(Date.now() - Number(relative[1]) * unit);
}
