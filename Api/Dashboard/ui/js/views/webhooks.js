// WebhookSubscriptions, live: what each one selects, where it delivers, and how delivery goes (the dispatcher's
// status), with the dead letters of each subscription that has any and buttons to put them back in its queue.
// #/webhooks/NAME shows one subscription's dead letters (even when it has none).
// The dead letters are not a watched kind: a subscription's list is read when its status changes (the dispatcher
// writes deadLetters and pending there) and after every redelivery.
import { h, show, card, table, badge, age, time, errorBox, link } from '../dom.js';
import { collectionPath, labelSelectorText, condition } from '../kube.js';

const PAGE = 10;

const subscriptionPath = (name) => `${collectionPath('webhooksubscriptions')}/${encodeURIComponent(name)}`;

export default function render(main, ctx, args) {
  const chosen = args[0] || '';
  const listCard = card('Subscriptions', h('p', { class: 'muted' }, 'Loading…'));
  const deadLetters = h('div', { 'data-test': 'dead-letters' });
  listCard.dataset.test = 'webhooks';
  main.append(h('h1', {}, 'Webhooks'));
  if (chosen) main.append(h('p', {}, link('#/webhooks', '← every subscription')));
  main.append(listCard, deadLetters);

  // Per subscription: the dead letters read, the resourceVersion they were read at, the continue token.
  const letters = new Map();
  let subscriptions = null;

  const draw = () => {
    if (!subscriptions?.ready) return;
    if (subscriptions.error) { show(listCard, h('h2', {}, 'Subscriptions'), errorBox(subscriptions.error)); show(deadLetters); return; }
    const list = subscriptions.list().filter((s) => !chosen || s.metadata.name === chosen);
    show(listCard, h('h2', {}, 'Subscriptions'),
      chosen && list.length === 0 ? errorBox(`There is no webhook subscription named ${chosen}.`) : null,
      h('div', { class: 'scroll' }, table([
        { title: 'Name', class: 'nowrap', value: (s) => h('div', {}, link(`#/webhooks/${encodeURIComponent(s.metadata.name)}`, s.metadata.name),
          h('div', { class: 'muted' }, `${age(s.metadata.creationTimestamp)} old`)) },
        { title: 'Selects', value: (s) => selection(s.spec || {}) },
        { title: 'Destination', value: (s) => destination(s) },
        { title: 'Last delivery', value: (s) => outcome(s.status?.lastDelivery, 'ok') },
        { title: 'Last failure', value: (s) => outcome(s.status?.lastFailure, 'bad') },
        { title: 'Failures in a row', class: 'num', value: (s) => count(s.status?.consecutiveFailures, 'failures', 'bad') },
        { title: 'Pending', class: 'num', value: (s) => count(s.status?.pending, 'pending', 'warn') },
        { title: 'Dead letters', class: 'num', value: (s) => count(s.status?.deadLetters, 'dead-letters', 'bad') },
      ], list, {
        empty: chosen ? 'Nothing to show.' : 'No webhook subscriptions. Create one with kubectl (see docs/api.md, WebhookSubscriptions).',
        rowAttributes: (s) => ({ 'data-test': `webhook-${s.metadata.name}` }),
      })));

    // Dead letters: of the chosen subscription, else of every one whose status counts some.
    const shown = list.filter((s) => chosen || (s.status?.deadLetters || 0) > 0 || letters.get(s.metadata.name)?.items.length);
    for (const name of [...letters.keys()]) {
      if (!shown.some((s) => s.metadata.name === name)) letters.delete(name);
    }
    for (const s of shown) {
      const entry = letters.get(s.metadata.name);
      if (!entry || entry.readAt !== s.metadata.resourceVersion) readLetters(s);
    }
    show(deadLetters, shown.map((s) => lettersCard(s)));
  };

  // Reads a subscription's first page of dead letters again (more = the next page, appended).
  const readLetters = async (subscription, more = false) => {
    const name = subscription.metadata.name;
    const entry = letters.get(name) || { items: [], continue: null, error: null, loading: false };
    entry.readAt = subscription.metadata.resourceVersion;
    entry.loading = true;
    // Only the newest read is kept: a status change may start one while another is under way.
    entry.generation = (entry.generation || 0) + 1;
    const generation = entry.generation;
    letters.set(name, entry);
    // A fresh read covers as many as were shown (after "Show more"); more reads the next page.
    const params = new URLSearchParams({ limit: more ? PAGE : Math.max(PAGE, entry.items.length) });
    if (more && entry.continue) params.set('continue', entry.continue);
    try {
      const list = await ctx.api.get(`${subscriptionPath(name)}/deadletters?${params}`);
      if (generation !== entry.generation) return;
      entry.items = more ? [...entry.items, ...list.items] : list.items;
      entry.continue = list.metadata?.continue || null;
      entry.error = null;
    } catch (e) {
      if (generation !== entry.generation) return;
      entry.error = e;
    }
    entry.loading = false;
    if (!ctx.signal.aborted && letters.get(name) === entry) redrawLetters(name);
  };

  const redrawLetters = (name) => {
    const subscription = subscriptions?.items.get(`/${name}`);
    const old = deadLetters.querySelector(`[data-subscription="${CSS.escape(name)}"]`);
    if (subscription && old) old.replaceWith(lettersCard(subscription));
  };

  const redeliver = async (name, ids, button) => {
    button.disabled = true;
    try {
      const body = ids ? { apiVersion: 'eventorch.io/v1', kind: 'WebhookRedelivery', deliveryIds: ids } : undefined;
      const answer = await ctx.api.post(`${subscriptionPath(name)}/redeliver`, body);
      const n = answer.status?.redelivered?.length ?? 0;
      ctx.notify(n === 0 ? `${name}: no dead letters to redeliver` : `${name}: ${n} dead letter${n === 1 ? '' : 's'} back in the queue`);
    } catch (e) {
      ctx.notify(e.message, 'bad');
      button.disabled = false;
    }
    const subscription = subscriptions?.items.get(`/${name}`);
    if (subscription && !ctx.signal.aborted) readLetters(subscription);
  };

  const lettersCard = (subscription) => {
    const name = subscription.metadata.name;
    const entry = letters.get(name) || { items: [], loading: true };
    const total = subscription.status?.deadLetters;
    let body;
    if (entry.error) body = errorBox(entry.error);
    else if (entry.loading && entry.items.length === 0) body = h('p', { class: 'muted' }, 'Loading…');
    else {
      body = h('div', { class: 'scroll' }, table([
        { title: 'Event', value: (d) => h('div', {}, h('b', {}, d.eventType), h('div', { class: 'muted' }, `sequence ${d.sequence}`)) },
        { title: 'Object', value: (d) => objectText(d.object) },
        { title: 'Attempts', class: 'num', value: (d) => d.attempts },
        { title: 'Dead since', value: (d) => h('span', { title: time(d.deadLetteredTime) }, d.deadLetteredTime ? `${age(d.deadLetteredTime)} ago` : '') },
        { title: 'Last answer', value: (d) => h('div', {}, d.lastStatusCode ? badge(String(d.lastStatusCode), 'bad') : null, ' ', d.lastError || '') },
        { title: 'Delivery', value: (d) => h('span', { class: 'mono muted', title: `delivery id ${d.id}` }, d.id.slice(0, 8)) },
        { title: '', value: (d) => h('button', { class: 'small', 'data-test': 'redeliver', onclick: (e) => redeliver(name, [d.id], e.currentTarget) }, 'Redeliver') },
      ], entry.items, {
        empty: 'No dead letters.',
        rowAttributes: (d) => ({ 'data-test': 'dead-letter', 'data-id': d.id, 'data-subscription': name }),
      }));
    }
    return h('section', { class: 'card', 'data-subscription': name, 'data-test': `dead-letters-${name}` },
      h('div', { class: 'toolbar' },
        h('h2', { style: 'margin:0' }, `Dead letters of ${name}`),
        total !== undefined ? badge(`${total} in all`, total > 0 ? 'bad' : '') : null,
        h('span', { class: 'spacer' }),
        h('button', {
          class: 'small',
          onclick: () => readLetters(subscription),
          disabled: entry.loading,
        }, 'Refresh'),
        h('button', {
          class: 'primary small',
          'data-test': 'redeliver-all',
          disabled: !entry.items?.length,
          title: 'Put every dead letter of this subscription back in its queue, attempts counted from zero',
          onclick: (e) => redeliver(name, null, e.currentTarget),
        }, 'Redeliver all')),
      h('p', { class: 'muted' }, 'Deliveries that used up their attempts, oldest event first. A redelivered one goes before the deliveries still waiting.'),
      body,
      entry.continue ? h('button', { class: 'small', disabled: entry.loading, onclick: () => readLetters(subscription, true) }, `Show ${PAGE} more`) : null);
  };

  ctx.live(collectionPath('webhooksubscriptions'), (c) => { subscriptions = c; draw(); });
}

function selection(spec) {
  const filters = [
    ['kinds', spec.kinds], ['namespaces', spec.namespaces], ['events', spec.eventTypes],
  ].filter(([, values]) => values?.length);
  const selector = labelSelectorText(spec.selector);
  if (filters.length === 0 && !selector) return h('span', { class: 'muted' }, 'every event');
  return h('div', {},
    filters.map(([title, values]) => h('div', {}, h('span', { class: 'muted' }, `${title}: `), values.join(', '))),
    selector ? h('div', {}, h('span', { class: 'muted' }, 'labels: '), h('span', { class: 'mono' }, selector)) : null);
}

// The URL, the key that signs, the limits, and whether the destination check refuses the URL's address.
function destination(subscription) {
  const spec = subscription.spec || {};
  const ref = spec.secretRef;
  const limits = [spec.maxAttempts ? `${spec.maxAttempts} attempts` : null, spec.timeoutSeconds ? `${spec.timeoutSeconds} s timeout` : null].filter(Boolean);
  const refused = condition(subscription, 'DestinationRefused');
  return h('div', {},
    h('div', { class: 'mono' }, spec.url),
    ref ? h('div', { class: 'muted' }, `signed with secret ${ref.namespace}/${ref.name}[${ref.key || 'key'}]`) : null,
    limits.length ? h('div', { class: 'muted' }, limits.join(', ')) : null,
    refused?.status === 'True'
      ? h('div', { 'data-test': 'destination-refused' }, badge(`refused: ${refused.reason}`, 'bad'), ' ', refused.message || '')
      : null);
}

// lastDelivery or lastFailure: when, which event, the answer, and why it failed.
function outcome(o, tone) {
  if (!o) return h('span', { class: 'muted' }, 'none');
  return h('div', {},
    h('span', { title: time(o.time) }, o.time ? `${age(o.time)} ago` : ''), ' ',
    o.statusCode ? badge(String(o.statusCode), tone) : null,
    h('div', { class: 'muted' }, [o.eventType, o.sequence !== undefined ? `#${o.sequence}` : null].filter(Boolean).join(' ')),
    o.error ? h('div', { class: tone === 'bad' ? 'badge bad' : '' }, o.error) : null);
}

function count(value, test, tone) {
  const n = value || 0;
  return h('span', { 'data-test': test, 'data-value': n }, n > 0 ? badge(String(n), tone) : '0');
}

function objectText(object) {
  if (!object) return '';
  return h('span', { class: 'mono' }, `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`);
}
