// Calls to the Api with the signed-in token. A refusal or failure is thrown as an ApiError carrying the
// Kubernetes Status the Api answered, so a view can show its message as it is.

export class ApiError extends Error {
  constructor(status) {
    super(status.message || `${status.code} ${status.reason || ''}`.trim());
    this.status = status;
    this.code = status.code;
  }
}

async function statusOf(response) {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text);
    if (parsed && parsed.kind === 'Status') return parsed;
  } catch { /* not JSON: described below */ }
  return { kind: 'Status', status: 'Failure', code: response.status, message: text || response.statusText };
}

export function createApi(token) {
  const headers = (extra) => ({ Authorization: `Bearer ${token}`, Accept: 'application/json', ...extra });

  async function request(method, path, body, contentType = 'application/json') {
    const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': contentType }) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError({ code: 0, message: `the Api did not answer: ${e.message}` });
    }
    if (!response.ok) throw new ApiError(await statusOf(response));
    return response.status === 204 ? null : response.json();
  }

  // Reads a streamed answer line by line (a pod's log with follow=true, a watch) until signal aborts it or it ends.
  async function stream(path, onLine, signal) {
    const response = await fetch(path, { headers: headers(), signal });
    if (!response.ok) throw new ApiError(await statusOf(response));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          onLine(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
        }
      }
      if (buffered) onLine(buffered);
    } catch (e) {
      if (e.name !== 'AbortError') throw e;
    }
  }

  return {
    token,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body, type = 'application/merge-patch+json') => request('PATCH', path, body, type),
    del: (path) => request('DELETE', path),
    stream,
  };
}

// Builds a query string from the parameters that are set.
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}
