// The console's only way to the server: the public HTTP API with the bearer token of this tab's session.
const key = 'eventreview.token';

export const token = {
  get: () => sessionStorage.getItem(key),
  set: value => sessionStorage.setItem(key, value.trim()),
  clear: () => sessionStorage.removeItem(key),
};

/** Calls the API; answers {ok, status, data} or {ok: false, problem} with the server's problem details. */
export async function api(path, { method = 'GET', body, raw, type } = {}) {
  const headers = { Authorization: `Bearer ${token.get()}` };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (type) headers['Content-Type'] = type;
  let response;
  try {
    response = await fetch(path, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  } catch (error) {
    return { ok: false, status: 0, problem: { title: 'The server cannot be reached', detail: String(error) } };
  }
  const text = await response.text();
  const json = text && /json/.test(response.headers.get('Content-Type') ?? '') ? JSON.parse(text) : null;
  if (response.ok) return { ok: true, status: response.status, data: json ?? text };
  return { ok: false, status: response.status, problem: json ?? { title: response.statusText || `HTTP ${response.status}`, detail: text } };
}

/** Same as api, but a failure throws, for pages that cannot show anything without the answer. */
export async function get(path) {
  const result = await api(path);
  if (!result.ok) throw Object.assign(new Error(result.problem.title), { problem: result.problem, status: result.status });
  return result.data;
}

/** Fetches a file with the token and hands it to the browser as a download (links cannot carry the header). */
export async function download(path, filename) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token.get()}` } });
  if (!response.ok) return { ok: false, problem: await response.json().catch(() => ({ title: `HTTP ${response.status}` })) };
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return { ok: true };
}

/** Uploads a raw file with progress (fetch reports none for request bodies). */
export function upload(path, file, onProgress) {
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Authorization', `Bearer ${token.get()}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = e => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onload = () => {
      let data = null;
      try { data = JSON.parse(request.responseText); } catch { data = { title: request.statusText, detail: request.responseText }; }
      resolve(request.status < 300 ? { ok: true, data } : { ok: false, status: request.status, problem: data });
    };
    request.onerror = () => resolve({ ok: false, problem: { title: 'The upload failed' } });
    request.send(file);
  });
}
