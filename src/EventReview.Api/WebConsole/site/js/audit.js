// Auditor: verification, the audit log with filters and downloads, sign-off; everyone: a record's trail as a timeline.
import { api, get, download } from './api.js';
import { h, field, showProblem, select, table, when, announce } from './dom.js';
import { verificationPanel } from './overview.js';

function auditQuery(inputs) {
  const q = new URLSearchParams();
  for (const [name, input] of Object.entries(inputs)) {
    if (!input.value) continue;
    q.set(name, input.type === 'datetime-local' ? new Date(input.value + 'Z').toISOString() : input.value);
  }
  return q;
}

function signOff(id, reload) {
  const scope = select([['audit-trail', 'Audit trail'], ['title-abstract', 'Title/abstract decisions'], ['full-text', 'Full-text decisions'], ['included-set', 'Included set']], 'audit-trail');
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  const el = h('form', {}, h('p', {}, 'Signs the current state with the meaning "audit".'), field('Scope', scope), problem,
    h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Sign off as auditor')));
  el.addEventListener('submit', async e => {
    e.preventDefault();
    const result = await api(`/api/reviews/${id}/signatures`, { method: 'POST', body: { scope: scope.value, meaning: 'audit' } });
    showProblem(problem, result.ok ? null : result.problem);
    if (result.ok) { announce('Signed.'); reload(); }
  });
  return el;
}

export async function audit({ id }) {
  const inputs = { actor: h('input', { type: 'text' }), type: h('input', { type: 'text' }),
    from: h('input', { type: 'datetime-local' }), to: h('input', { type: 'datetime-local' }) };
  const rows = h('div', {}), problem = h('p', { class: 'problem', role: 'alert', hidden: true }), verification = h('div', {}, verificationPanel(id));
  async function showLog() {
    const q = auditQuery(inputs);
    q.set('pageSize', '100');
    const result = await api(`/api/reviews/${id}/audit?${q}`);
    showProblem(problem, result.ok ? null : result.problem);
    if (!result.ok) return;
    rows.replaceChildren(h('p', {}, `${result.data.total} entries; the newest 100 shown first page.`),
      table('Audit log', ['#', 'When', 'Who', 'What', 'Why', 'Previous'], result.data.rows.map(r => [r.sequence, when(r.at), r.actorName ?? r.actorId,
        r.streamId !== id ? h('a', { href: `#/r/${id}/records/${r.streamId}` }, r.what) : r.what, r.why ?? '', r.previous ?? ''])));
  }
  const showVerification = () => verification.replaceChildren(verificationPanel(id));
  const filters = h('form', {}, field('Actor', inputs.actor), field('Event type', inputs.type), field('From (UTC)', inputs.from), field('To (UTC)', inputs.to), problem,
    h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Filter'),
      h('button', { type: 'button', onclick: async () => showProblem(problem, (await download(`/api/reviews/${id}/audit?${auditQuery(inputs)}&format=csv`, 'audit.csv')).problem) }, 'Download audit CSV'),
      h('button', { type: 'button', onclick: async () => showProblem(problem, (await download(`/api/reviews/${id}/events`, 'events.ndjson')).problem) }, 'Download event log')));
  filters.addEventListener('submit', e => { e.preventDefault(); showLog(); });
  await showLog();
  return [h('h1', {}, 'Audit'), verification, h('h2', {}, 'Sign-off'), signOff(id, showVerification), h('h2', {}, 'Audit log'), filters, rows];
}

function reopen(id, recordId) {
  const stage = select([['title-abstract', 'title-abstract'], ['full-text', 'full-text']], 'title-abstract');
  const reason = h('input', { type: 'text' });
  const reasonField = field('Reason for reopening', reason);
  const el = h('form', {}, field('Stage', stage), reasonField, h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Reopen')));
  el.addEventListener('submit', async e => {
    e.preventDefault();
    const result = await api(`/api/reviews/${id}/records/${recordId}/reopen`, { method: 'POST', body: { stage: stage.value, reason: reason.value } });
    showProblem(reasonField, result.ok ? null : result.problem);
    if (result.ok) announce('Reopened: the stage needs fresh votes.');
  });
  return el;
}

export async function trail({ id, arg: recordId, roles }) {
  const t = await get(`/api/reviews/${id}/records/${recordId}/trail`);
  const title = t.events.find(e => e.event === 'record_imported')?.data?.record?.title ?? recordId;
  const items = t.events.map(e => h('li', {},
    h('p', {}, h('strong', {}, e.event.replaceAll('_', ' ')), ` · ${when(e.at)} · ${e.actorName ?? e.actorId ?? ''}`),
    e.stage || e.decision ? h('p', {}, [e.stage, e.decision].filter(Boolean).join(': ')) : null,
    e.reasonLabel || e.reasonCode ? h('p', {}, `Reason: ${e.reasonLabel ?? e.reasonCode}`) : null,
    e.note ? h('p', {}, `Why: ${e.note}`) : null,
    e.previous ? h('p', {}, `Previous: ${typeof e.previous === 'string' ? e.previous : JSON.stringify(e.previous)}`) : null,
    e.data?.meaning ? h('p', {}, `Signature meaning: ${e.data.meaning}`) : null));
  return [h('h1', {}, `Trail: ${title}`), h('p', {}, `Status: ${t.status}`), h('ol', { class: 'timeline', 'aria-label': 'Events on this record, oldest first' }, items),
    roles.has('lead') ? [h('h2', {}, 'Reopen a stage'), reopen(id, recordId)] : null];
}
