// One object's page: its history (every event of its stream, with the fields each changed), why one of its events
// happened (the chain of causes back to a person's request), and the object as it is now, live.
//   #/object/KIND/NAMESPACE/NAME (namespaced kinds), #/object/KIND/NAME (cluster-scoped ones)
//   ?tab=history|why|yaml (default history), ?uid= (which of the objects that held the name), ?resourceVersion= (why)
import { h, show, card, table, badge, time, age, errorBox, link } from '../dom.js';
import { kinds, kindNamed, collectionPath, itemPath, objectHref, apiGroup } from '../kube.js';
import { query } from '../api.js';

const TABS = [['history', 'History'], ['why', 'Why'], ['yaml', 'Current']];
const LONG_CHANGE_LIST = 12;

export default async function render(main, ctx, args) {
  const [kindName, ...rest] = args;
  const kind = kindNamed(kindName);
  if (!kind) {
    main.append(h('h1', {}, 'Object'), errorBox(`"${kindName || ''}" is not a kind the dashboard knows; known kinds: `
      + `${Object.values(kinds).map((k) => k.kind).sort().join(', ')}.`));
    return;
  }
  const expected = kind.namespaced ? 2 : 1;
  if (rest.length !== expected || rest.some((part) => !part)) {
    const form = kind.namespaced ? `#/object/${kind.kind}/NAMESPACE/NAME` : `#/object/${kind.kind}/NAME`;
    main.append(h('h1', {}, kind.kind), errorBox(`${kind.kind} is ${kind.namespaced ? 'namespaced' : 'cluster-scoped'}: `
      + `its page is ${form}.`));
    return;
  }
  const namespace = kind.namespaced ? rest[0] : '';
  const name = rest[rest.length - 1];
  const uid = ctx.params.get('uid') || '';
  const tab = TABS.some(([id]) => id === ctx.params.get('tab')) ? ctx.params.get('tab') : 'history';
  const page = { kind, namespace, name, uid };

  const state = h('span', { 'data-test': 'object-state' }, badge('…'));
  const tabs = h('nav', { class: 'tabs toolbar', 'aria-label': 'Views of this object' }, TABS.map(([id, title]) => link(
    objectHref(kind.kind, namespace, name, { tab: id === 'history' ? '' : id, uid }), title,
    { class: id === tab ? 'active' : '', 'data-test': `tab-${id}`, 'aria-current': id === tab ? 'page' : null })));
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.append(
    h('h1', {}, `${kind.kind} `, h('span', { class: 'mono' }, name), ' ', state),
    h('p', { class: 'muted' }, namespace ? ['Namespace ', h('b', {}, namespace), ' · '] : null,
      !ctx.namespace || ctx.namespace === namespace
        ? link(`#/history?${new URLSearchParams({ kind: kind.kind, name })}`, 'This name in the timeline') : null),
    tabs, body);

  // The object living now under the name: its state in the header, the Current tab, and a cue to read the history again.
  let refresh = null;
  let current = null;
  const drawState = () => {
    if (!current?.ready) return;
    if (current.error) { show(state, badge('unknown', 'warn')); return; }
    const living = current.items.values().next().value;
    if (!living) show(state, badge('deleted', 'bad'));
    else if (uid && living.metadata.uid !== uid) show(state, badge('replaced', 'warn'));
    else show(state, badge('exists', 'ok'));
  };
  const selector = `?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`;
  let seen = false;
  ctx.live(collectionPath(kind, namespace, selector), (c) => {
    current = c;
    drawState();
    if (tab === 'yaml') drawCurrent(body, page, c);
    if (c.ready && seen) refresh?.();
    if (c.ready) seen = true;
  });

  if (tab === 'yaml') { drawCurrent(body, page, current); return; }
  // The record of an object is read only by who may: ask first, so a refusal is a sentence, not a failed request.
  if (!(await ctx.can('get', kind.plural, { group: apiGroup(kind), namespace, subresource: tab }))) {
    if (ctx.signal.aborted) return;
    const what = tab === 'why' ? 'the causes of' : 'the history of';
    show(body, card(tab === 'why' ? 'Why' : 'History', errorBox(`${ctx.user.username} may not read ${what} ${kind.plural}`
      + `${namespace ? ` in namespace "${namespace}"` : ''} (get ${kind.plural}/${tab}).`)));
    return;
  }
  if (ctx.signal.aborted) return;
  if (tab === 'history') refresh = showHistory(body, ctx, page);
  else await showWhy(body, ctx, page, ctx.params.get('resourceVersion') || '');
}

// Reads the history now and again (at most every 500 ms) whenever the object changes; returns the function that asks.
function showHistory(body, ctx, page) {
  const path = `${itemPath(page.kind, page.namespace, page.name)}/history${query({ uid: page.uid })}`;
  let timer = null;
  let reading = false;
  let again = false;
  let history = null;
  const options = { hideStatus: false, redraw: () => drawHistory(body, page, history, options) };
  const read = async () => {
    timer = null;
    if (reading) { again = true; return; }
    reading = true;
    try {
      history = await ctx.api.get(path);
      if (!ctx.signal.aborted) options.redraw();
    } catch (e) {
      if (!ctx.signal.aborted) show(body, card('History', errorBox(e)));
    } finally {
      reading = false;
      if (again && !ctx.signal.aborted) { again = false; read(); }
    }
  };
  ctx.onCleanup(() => clearTimeout(timer));
  read();
  return () => { if (!timer && !ctx.signal.aborted) timer = setTimeout(read, 500); };
}

function drawHistory(body, page, history, options) {
  const { kind, namespace, name } = page;
  const shownUid = history.object?.uid;
  const streams = history.streams || [];
  const all = [...(history.events || [])].reverse();
  const events = options.hideStatus ? all.filter((e) => !e.type.endsWith('StatusChanged')) : all;
  const hideStatus = h('label', { class: 'muted' }, h('input', {
    type: 'checkbox', checked: options.hideStatus, 'data-test': 'hide-status',
    onchange(event) { options.hideStatus = event.target.checked; options.redraw(); },
  }), ' Hide status changes');
  show(body,
    streams.length > 1 ? card(`${streams.length} objects have held this name`,
      h('p', { class: 'muted' }, 'Each was created, and all but the newest deleted, under the same name. Choose one to read its history.'),
      h('div', { class: 'scroll' }, table([
        { title: 'uid', value: (s) => (s.uid === shownUid ? h('b', { class: 'mono' }, s.uid, ' (shown)')
          : link(objectHref(kind.kind, namespace, name, { uid: s.uid }), s.uid, { class: 'mono' })) },
        { title: 'Created', value: (s) => `${time(s.createdAt)} (rv ${s.firstResourceVersion})` },
        { title: 'Deleted', value: (s) => (s.deletedAt ? `${time(s.deletedAt)} (rv ${s.lastResourceVersion})` : badge('lives', 'ok')) },
        { title: 'Events', class: 'num', value: (s) => s.events },
      ], streams, { rowAttributes: (s) => ({ 'data-test': 'history-stream', 'data-uid': s.uid }) }))) : null,
    h('section', { class: 'card', 'data-test': 'history' },
      h('div', { class: 'toolbar' },
        h('h2', { style: 'margin:0' }, 'History ', h('span', { class: 'muted' },
          events.length === all.length ? `${plural(all.length, 'event')}, newest first` : `${events.length} of ${plural(all.length, 'event')}, newest first`)),
        history.deleted ? badge('deleted', 'bad') : null, h('span', { class: 'spacer' }),
        all.some((e) => e.type.endsWith('StatusChanged')) ? hideStatus : null),
      shownUid ? h('p', { class: 'muted' }, 'uid ', h('span', { class: 'mono' }, shownUid)) : null,
      events.length === 0 ? h('p', { class: 'empty' }, 'No events.') : events.map((e) => historyEvent(page, shownUid, e))));
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function historyEvent(page, uid, e) {
  const changes = e.changes || [];
  const diff = changes.length === 0 ? h('p', { class: 'muted' }, e.type.endsWith('Deleted') ? 'Deleted.' : 'No field changed.')
    : diffTable(changes);
  return h('article', { class: 'history-event', 'data-test': 'history-event', 'data-rv': e.resourceVersion, 'data-type': e.type },
    h('div', { class: 'toolbar' },
      h('b', {}, e.type),
      h('span', { title: e.time }, time(e.time), h('span', { class: 'muted' }, ` (${age(e.time)} ago)`)),
      h('span', {}, 'by ', h('b', { 'data-test': 'history-user' }, e.user || 'unknown')),
      h('span', { class: 'spacer' }),
      h('span', { class: 'muted mono', title: 'resourceVersion' }, `rv ${e.resourceVersion}`),
      link(objectHref(page.kind.kind, page.namespace, page.name, { tab: 'why', uid, resourceVersion: e.resourceVersion }), 'why?',
        { 'data-test': 'why-link', title: 'The chain of causes of this event' })),
    e.reason ? h('p', { 'data-test': 'history-reason' }, 'Reason: ', e.reason) : null,
    e.correlationId ? h('p', { class: 'muted' }, 'Request ', h('span', { class: 'mono', 'data-test': 'correlation-id' }, e.correlationId)) : null,
    changes.length > LONG_CHANGE_LIST
      ? h('details', {}, h('summary', {}, `${changes.length} fields ${e.streamVersion === 1 ? 'set' : 'changed'}`), diff)
      : diff);
}

function diffTable(changes) {
  return h('div', { class: 'scroll' }, h('table', { class: 'diff' },
    h('tbody', {}, changes.map((c) => h('tr', { 'data-test': 'change', 'data-path': c.path },
      h('td', { class: 'mono' }, c.path),
      h('td', { class: 'mono' }, changeValues(c)))))));
}

function changeValues(c) {
  if (c.hidden) return h('span', { class: 'muted' }, `(hidden) ${c.op}`);
  const old = c.op !== 'added' && 'old' in c ? h('span', { class: 'old' }, valueText(c.old)) : null;
  const now = c.op !== 'removed' && 'new' in c ? h('span', { class: 'new' }, valueText(c.new)) : null;
  if (old && now) return [old, ' → ', now];
  if (old) return [old, h('span', { class: 'muted' }, ' (removed)')];
  return now;
}

function valueText(value) {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function showWhy(body, ctx, page, resourceVersion) {
  const path = `${itemPath(page.kind, page.namespace, page.name)}/why${query({ uid: page.uid, resourceVersion })}`;
  let chain;
  try {
    chain = await ctx.api.get(path);
  } catch (e) {
    if (!ctx.signal.aborted) show(body, card('Why', errorBox(e)));
    return;
  }
  if (ctx.signal.aborted) return;
  const first = chain.steps?.[0];
  show(body, h('section', { class: 'card' },
    h('h2', {}, 'Why ', first ? `${first.type} (rv ${first.object?.resourceVersion}) happened` : 'it happened'),
    h('p', { class: 'muted' }, resourceVersion ? 'The event asked about first, then its cause, and its cause\'s cause.'
      : 'The object\'s create first, then its cause, and its cause\'s cause. Each event of the history has a "why?" link.'),
    h('ol', { class: 'chain', 'data-test': 'why-chain' }, (chain.steps || []).map(whyStep)),
    h('p', { 'data-test': 'why-root' }, badge(chain.root, chain.root === 'UserRequest' ? 'ok' : 'warn'), ' ', chain.message)));
}

function whyStep(step) {
  const o = step.object || {};
  return h('li', { 'data-test': 'why-step', 'data-kind': o.kind, 'data-name': o.name },
    h('div', {},
      h('b', { 'data-test': 'why-actor' }, step.actor || step.user || 'unknown'), ' ', step.verb, ' ',
      o.kind, ' ', link(objectHref(o.kind, o.namespace, o.name, { uid: o.uid }), o.name, { class: 'mono' }),
      step.detail ? ` ${step.detail}` : ''),
    h('div', { class: 'muted' }, time(step.time), ' · ', step.type, ' · rv ', o.resourceVersion,
      step.user ? [' · ', step.byComponent ? 'written by ' : 'user ', h('span', { class: 'mono' }, step.user)] : null,
      step.correlationId ? [' · request ', h('span', { class: 'mono' }, step.correlationId)] : null),
    step.reason ? h('div', {}, 'Reason: ', step.reason) : null,
    step.note ? h('div', { class: 'muted' }, h('em', {}, 'Note: ', step.note)) : null);
}

function drawCurrent(body, page, collection) {
  if (!collection?.ready) { show(body, h('p', { class: 'muted' }, 'Loading…')); return; }
  if (collection.error) { show(body, card('Current', errorBox(collection.error))); return; }
  const obj = collection.items.values().next().value;
  if (!obj) {
    show(body, h('section', { class: 'card', 'data-test': 'current' }, h('h2', {}, 'Current'),
      h('p', { 'data-test': 'current-deleted' }, badge('deleted', 'bad'),
        ` No ${page.kind.kind} named ${page.name} exists now: its history and causes are still kept.`)));
    return;
  }
  const other = page.uid && obj.metadata.uid !== page.uid;
  show(body, h('section', { class: 'card', 'data-test': 'current' },
    h('h2', {}, 'Current ', h('span', { class: 'muted' }, `resourceVersion ${obj.metadata.resourceVersion}, live`)),
    owners(obj),
    other ? h('p', { class: 'error' }, `The ${page.kind.kind} living now under this name is another object (uid ${obj.metadata.uid}) `
      + `than the one chosen (uid ${page.uid}).`) : null,
    h('pre', { class: 'log' }, JSON.stringify(page.kind.kind === 'Secret' ? hideSecret(obj) : obj, null, 2))));
}

function owners(obj) {
  const references = obj.metadata.ownerReferences || [];
  if (references.length === 0) return null;
  return h('p', {}, 'Owned by ', references.map((o, i) => [i ? ', ' : '', `${o.kind} `,
    kindNamed(o.kind) ? link(objectHref(o.kind, kindNamed(o.kind).namespaced ? obj.metadata.namespace : '', o.name, { uid: o.uid }), o.name) : o.name,
    o.controller ? h('span', { class: 'muted' }, ' (controller)') : null]));
}

// A Secret's values are not shown, as its history does not show them: only which keys it holds.
function hideSecret(secret) {
  const hide = (map) => (map ? Object.fromEntries(Object.keys(map).map((k) => [k, '(hidden)'])) : undefined);
  const annotations = { ...(secret.metadata.annotations || {}) };
  if (annotations['kubectl.kubernetes.io/last-applied-configuration']) annotations['kubectl.kubernetes.io/last-applied-configuration'] = '(hidden)';
  return { ...secret, metadata: { ...secret.metadata, annotations }, data: hide(secret.data), stringData: hide(secret.stringData) };
}
