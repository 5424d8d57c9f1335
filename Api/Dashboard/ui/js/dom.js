// A few helpers to build the page without a framework.

// h('div', {class: 'card', onclick: f}, child, 'text', [more children]): an element; null and false children are left out.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

// Replaces what element shows.
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// A table: columns are {title, value(row) -> node or text, class?, test? (the cells' data-test)}; rows with key(row)
// keep their element's test id.
export function table(columns, rows, { empty = 'Nothing here.', rowAttributes } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.title)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttributes ? rowAttributes(row) : {},
      columns.map((c) => h('td', { class: c.class, 'data-test': c.test }, c.value(row)))))));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

// "3m", "2h", "5d": how long ago a timestamp was, as kubectl's AGE column says it.
export function age(timestamp, now = Date.now()) {
  if (!timestamp) return '';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export function time(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString() : '';
}

// A coloured word: ok (green), warn (amber), bad (red), or plain.
export function badge(text, tone = '') {
  return h('span', { class: `badge ${tone}` }, text);
}

// Shows an error (an ApiError's Status message) in place of content.
export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, error?.message || String(error));
}

export function link(href, text, attributes = {}) {
  return h('a', { href, ...attributes }, text);
}

// f, called once ms after the last of a burst of calls.
export function debounce(f, ms) {
  let timer = 0;
  const debounced = (...args) => { clearTimeout(timer); timer = setTimeout(() => f(...args), ms); };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

// "used / total" with a bar under it; used undefined (no sample yet) shows a dash. format prints one amount.
export function meter(used, total, format) {
  if (used === undefined || used === null) return h('span', { class: 'muted' }, `– / ${total ? format(total) : '?'}`);
  const share = total ? Math.min(100, (used / total) * 100) : 0;
  return h('div', {}, `${format(used)} / ${total ? format(total) : '?'}`, h('div', { class: 'bar' }, h('span', { style: `width:${share.toFixed(1)}%` })));
}

// A table whose rows stay the same elements from one update to the next (one per key(row)), so that a control in a
// row (a number being typed, an open <details>) keeps its value and focus while the data under it changes live.
// columns: {title, class, attributes, value(row)} (the cell is redrawn on each update), or {title, class,
// attributes, control(row) -> {node, update(row)}} (made once per row, then told of each new version of it).
// Returns {element, update(rows)}.
export function liveTable(columns, { key, empty = 'Nothing here.', rowAttributes } = {}) {
  const body = h('tbody');
  const grid = h('table', {}, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.title)))), body);
  const none = h('p', { class: 'empty' }, empty);
  const element = h('div', { class: 'scroll' });
  const rows = new Map();
  function update(items) {
    const keys = items.map(key);
    const seen = new Set(keys);
    for (const [k, row] of rows) {
      if (!seen.has(k)) { row.tr.remove(); rows.delete(k); }
    }
    items.forEach((item, position) => {
      const k = keys[position];
      let row = rows.get(k);
      if (!row) {
        const cells = columns.map((c) => {
          const td = h('td', { class: c.class, ...c.attributes });
          const control = c.control ? c.control(item) : null;
          if (control) td.append(control.node);
          return { td, control };
        });
        row = { tr: h('tr', {}, cells.map((c) => c.td)), cells, attributes: [] };
        rows.set(k, row);
      }
      const attributes = rowAttributes ? rowAttributes(item) : {};
      for (const name of row.attributes) if (!(name in attributes)) row.tr.removeAttribute(name);
      for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) row.tr.removeAttribute(name);
        else if (row.tr.getAttribute(name) !== String(value)) row.tr.setAttribute(name, value === true ? '' : value);
      }
      row.attributes = Object.keys(attributes);
      columns.forEach((c, i) => {
        const cell = row.cells[i];
        if (cell.control) cell.control.update(item);
        else show(cell.td, c.value(item));
      });
      // Moving a row that holds the focus would blur it: rows already in place stay put.
      if (body.children[position] !== row.tr) body.insertBefore(row.tr, body.children[position] || null);
    });
    const wanted = items.length ? grid : none;
    if (element.firstChild !== wanted) show(element, wanted);
  }
  return { element, update };
}
