// The dashboard's shell: sign-in with a token, the header (views, namespace, who is signed in), and a router that
// shows one view at a time. Each view is a module whose default export renders into the page:
//   export default async function render(main, ctx, args) { ... }
// ctx gives it the Api client (ctx.api), the signed-in user (ctx.user), the chosen namespace (ctx.namespace, ''
// for all), live collections tied to the view's lifetime (ctx.live(path, listener)), timers (ctx.every), an
// AbortSignal that fires when the view goes (ctx.signal), ctx.notify(message, tone) for the outcome of actions, and
// ctx.can(verb, resource, {group, namespace, subresource}), whether the user may: a view asks before it reads what a
// tenant may not see, or offers an action, so the page neither fails nor shows buttons that would be refused.
import { createApi } from './api.js';
import { LiveStore } from './live.js';
import { h, show, errorBox } from './dom.js';

const routes = {
  overview: { title: 'Overview', load: () => import('./views/overview.js') },
  workloads: { title: 'Workloads', load: () => import('./views/workloads.js') },
  pods: { title: 'Pods', load: () => import('./views/pods.js') },
  pod: { load: () => import('./views/pod.js') },
  network: { title: 'Services', load: () => import('./views/network.js') },
  nodes: { title: 'Nodes', load: () => import('./views/nodes.js') },
  history: { title: 'History', load: () => import('./views/history.js') },
  object: { load: () => import('./views/object.js') },
  webhooks: { title: 'Webhooks', load: () => import('./views/webhooks.js') },
};

const session = {
  get token() { return sessionStorage.getItem('eo.token'); },
  get namespace() { return sessionStorage.getItem('eo.namespace') ?? ''; },
  save(token, namespace) { sessionStorage.setItem('eo.token', token); sessionStorage.setItem('eo.namespace', namespace); },
  setNamespace(namespace) { sessionStorage.setItem('eo.namespace', namespace); },
  clear() { sessionStorage.removeItem('eo.token'); sessionStorage.removeItem('eo.namespace'); },
};

const root = document.getElementById('app');
let state = null;

// Asks the Api whether the signed-in user may do something (a SelfSubjectAccessReview); answers are kept for the session.
function accessChecker(api) {
  const answers = new Map();
  return (verb, resource, { group = '', namespace = '', subresource = '' } = {}) => {
    const key = [verb, group, resource, subresource, namespace].join('|');
    if (!answers.has(key)) {
      answers.set(key, api.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb, group, resource, subresource, namespace } },
      }).then((review) => review.status.allowed === true, () => false));
    }
    return answers.get(key);
  };
}

// Who the token is, and which namespaces it may see: every namespace when it may list them, else the one it named.
async function signIn(token, namespace) {
  const api = createApi(token);
  const review = await api.post('/apis/authentication.k8s.io/v1/selfsubjectreviews',
    { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  const user = review.status.userInfo;
  const can = accessChecker(api);
  const canListNamespaces = await can('list', 'namespaces');
  if (!canListNamespaces && !namespace) {
    throw new Error(`${user.username} may not list namespaces: enter the namespace you work in.`);
  }
  if (namespace && !(await can('list', 'pods', { namespace }))) {
    throw new Error(`${user.username} may not list pods in the namespace "${namespace}".`);
  }
  return { api, user, can, canListNamespaces, namespace };
}

function renderSignIn(message) {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, placeholder: 'bearer token' });
  const namespace = h('input', { type: 'text', name: 'namespace', placeholder: 'optional: the namespace you work in' });
  const status = h('div', { class: 'sign-in-status' }, message ? errorBox(message) : null);
  const form = h('form', {
    class: 'sign-in card',
    async onsubmit(event) {
      event.preventDefault();
      show(status, h('p', {}, 'Signing in…'));
      try {
        const signed = await signIn(token.value.trim(), namespace.value.trim());
        session.save(token.value.trim(), signed.namespace || '');
        start(signed);
      } catch (e) {
        show(status, errorBox(e.code === 401 ? 'This token is not accepted (401 Unauthorized).' : e));
      }
    },
  },
  h('h1', {}, 'EventOrch'),
  h('p', { class: 'muted' }, 'Sign in with a token: ', h('code', {}, 'eoctl tokens create USER'), ' prints one, and ',
    h('code', {}, '.eo/tokens/admin.token'), ' holds the administrator\'s.'),
  h('label', {}, 'Token', token),
  h('label', {}, 'Namespace', namespace),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  status);
  show(root, h('main', { class: 'sign-in-page' }, form));
  token.focus();
}

function signOut() {
  state?.live.close();
  state?.teardown?.();
  state = null;
  session.clear();
  location.hash = '';
  renderSignIn();
}

function start(signed) {
  const live = new LiveStore(signed.api);
  const namespaceSelect = h('select', {
    'aria-label': 'Namespace',
    'data-test': 'namespace',
    onchange() { session.setNamespace(namespaceSelect.value); route(); },
  });
  const nav = h('nav', {}, Object.entries(routes).filter(([, r]) => r.title)
    .map(([name, r]) => h('a', { href: `#/${name}`, 'data-route': name }, r.title)));
  const main = h('main', { id: 'view' });
  const toasts = h('div', { class: 'toasts', 'aria-live': 'polite' });
  show(root,
    h('header', {},
      h('a', { class: 'brand', href: '#/overview' }, 'EventOrch'),
      nav,
      h('div', { class: 'who' }, namespaceSelect,
        h('span', { class: 'user', title: (signed.user.groups || []).join(', '), 'data-test': 'user' }, signed.user.username),
        h('button', { onclick: signOut }, 'Sign out'))),
    main, toasts);

  state = { ...signed, live, main, nav, toasts, namespaceSelect, teardown: null };
  fillNamespaces([]);
  if (signed.canListNamespaces) {
    const collection = live.collection('/api/v1/namespaces');
    collection.subscribe((c) => fillNamespaces(c.list().map((n) => n.metadata.name)));
  }
  window.onhashchange = route;
  if (!location.hash) location.hash = '#/overview';
  else route();
}

function fillNamespaces(names) {
  const select = state.namespaceSelect;
  const chosen = session.namespace;
  const options = state.canListNamespaces ? ['', ...names] : [state.namespace];
  if (chosen && !options.includes(chosen)) options.push(chosen);
  show(select, options.map((n) => h('option', { value: n }, n || 'All namespaces')));
  select.value = chosen;
}

function notify(message, tone = 'ok') {
  const toast = h('div', { class: `toast ${tone}`, role: tone === 'bad' ? 'alert' : 'status' }, message);
  state?.toasts.append(toast);
  setTimeout(() => toast.remove(), tone === 'bad' ? 8000 : 4000);
}

async function route() {
  if (!state) return;
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...args] = path.split('/').map(decodeURIComponent);
  const target = routes[name] ? name : 'overview';
  for (const a of state.nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.route === target);

  state.teardown?.();
  const controller = new AbortController();
  const cleanups = [];
  state.teardown = () => { controller.abort(); cleanups.splice(0).forEach((f) => f()); };
  const ctx = {
    api: state.api,
    user: state.user,
    namespace: session.namespace,
    canListNamespaces: state.canListNamespaces,
    can: state.can,
    params: new URLSearchParams(search),
    signal: controller.signal,
    notify,
    live(path, listener) {
      const stop = state.live.collection(path).subscribe(listener);
      cleanups.push(stop);
      return stop;
    },
    every(ms, f) {
      f();
      const timer = setInterval(f, ms);
      cleanups.push(() => clearInterval(timer));
    },
    onCleanup(f) { cleanups.push(f); },
  };
  document.title = `${routes[target].title || name} · EventOrch`;
  show(state.main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const view = await routes[target].load();
    if (controller.signal.aborted) return;
    show(state.main);
    await view.default(state.main, ctx, args);
  } catch (e) {
    if (controller.signal.aborted) return;
    show(state.main, errorBox(e));
  }
}

// A page opened again in the same tab keeps its session.
if (session.token) {
  signIn(session.token, session.namespace).then(start, (e) => {
    session.clear();
    renderSignIn(e.code === 401 ? 'Your token is no longer accepted; sign in again.' : e);
  });
} else {
  renderSignIn();
}
