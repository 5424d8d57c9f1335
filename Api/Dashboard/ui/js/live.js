// Live collections: the objects of a kind (in a namespace, with a selector), kept current from the Api's watch
// streams. Every collection in use shares one connection, /ui/watch, which carries each collection's watch as its
// own stream: a browser has six connections per host, and a page showing pods, nodes, workloads and events would
// otherwise use them all. When the set of collections changes, the connection is opened again with the new set;
// each watch then sends its objects afresh (sendInitialEvents), ending with a bookmark, and the collection swaps
// its objects for them, so nothing deleted meanwhile lingers.

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export const keyOf = (obj) => `${obj.metadata.namespace || ''}/${obj.metadata.name}`;

class Collection {
  constructor(store, path) {
    this.store = store;
    this.path = path;
    this.items = new Map();
    this.ready = false;
    this.error = null;
    this.listeners = new Set();
    this.pending = null;
  }

  // The objects, sorted by namespace and name.
  list() {
    return [...this.items.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  // Calls listener now and after every change; returns the function that stops it (and the watch, when it was
  // the collection's last listener).
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.store.release(this);
    };
  }

  watchPath() {
    const separator = this.path.includes('?') ? '&' : '?';
    return `${this.path}${separator}watch=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`;
  }

  restart() {
    this.pending = new Map();
  }

  apply(event) {
    const obj = event.object;
    if (event.type === 'ERROR') {
      this.error = obj;
    } else if (event.type === 'BOOKMARK') {
      if (this.pending && obj.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
        this.items = this.pending;
        this.pending = null;
        this.ready = true;
        this.error = null;
      } else {
        return;
      }
    } else {
      const target = this.pending || this.items;
      if (event.type === 'DELETED') target.delete(keyOf(obj));
      else target.set(keyOf(obj), obj);
      if (this.pending) return;
    }
    this.store.changed(this);
  }

  refuse(status) {
    this.error = status;
    this.ready = true;
    this.pending = null;
    this.store.changed(this);
  }

  notify() {
    for (const listener of this.listeners) listener(this);
  }
}

export class LiveStore {
  constructor(api) {
    this.api = api;
    this.collections = new Map();
    this.streams = [];
    this.controller = null;
    this.reconnectTimer = null;
    this.retryDelay = 500;
    this.dirty = new Set();
    this.frame = 0;
  }

  collection(path) {
    let collection = this.collections.get(path);
    if (!collection) {
      collection = new Collection(this, path);
      this.collections.set(path, collection);
      this.reconnectSoon(0);
    }
    return collection;
  }

  release(collection) {
    if (collection.listeners.size > 0) return;
    this.collections.delete(collection.path);
    this.reconnectSoon(0);
  }

  // Listeners hear of changes once per frame, however many events arrived.
  changed(collection) {
    this.dirty.add(collection);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const dirty = [...this.dirty];
      this.dirty.clear();
      for (const c of dirty) c.notify();
    });
  }

  reconnectSoon(delay) {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  close() {
    clearTimeout(this.reconnectTimer);
    this.collections.clear();
    this.controller?.abort();
  }

  async connect() {
    this.controller?.abort();
    const streams = [...this.collections.values()].filter((c) => !(c.error && c.error.code !== 410));
    this.streams = streams;
    if (streams.length === 0) return;
    const controller = new AbortController();
    this.controller = controller;
    for (const c of streams) c.restart();
    const url = `/ui/watch?${streams.map((c) => `path=${encodeURIComponent(c.watchPath())}`).join('&')}`;
    let ended = false;
    try {
      await this.api.stream(url, (line) => {
        const message = JSON.parse(line);
        const collection = streams[message.stream];
        if (message.event) {
          collection.apply(message.event);
        } else if (message.status) {
          collection.refuse(message.status);
        } else if (message.end) {
          ended = true;
        }
        if (ended) controller.abort();
      }, controller.signal);
      this.retryDelay = 500;
    } catch (e) {
      // The connection broke (the Api restarted): try again, a little later each time.
      this.retryDelay = Math.min(this.retryDelay * 2, 10000);
    }
    if (this.controller === controller) this.reconnectSoon(ended ? 0 : this.retryDelay);
  }
}
