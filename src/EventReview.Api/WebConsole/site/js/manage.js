// Lead: members and roles, searches (add, correct, withdraw) with their imports, stage settings.
import { api, get, upload } from './api.js';
import { h, field, showProblem, select, table, announce } from './dom.js';

const roles = ['lead', 'screener', 'resolver', 'appraiser', 'auditor'];

/** A form that posts what `read` gives and shows the problem detail under the form's last field. */
function form(label, fields, send, after) {
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  const el = h('form', {}, fields, problem, h('div', { class: 'actions' }, h('button', { class: 'primary' }, label)));
  el.addEventListener('submit', async e => {
    e.preventDefault();
    const result = await send();
    showProblem(problem, result.ok ? null : result.problem);
    if (result.ok) { announce(`${label}: done.`); after(); }
  });
  return el;
}

function members(id, review, reload) {
  const userId = h('input', { type: 'text' }), name = h('input', { type: 'text' });
  const boxes = roles.map(r => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: r }), r));
  const add = form('Set member roles', [field('User id', userId), field('Name', name), h('fieldset', {}, h('legend', {}, 'Roles'), boxes)],
    () => api(`/api/reviews/${id}/members`, { method: 'POST', body: { userId: userId.value, name: name.value,
      roles: boxes.map(b => b.firstChild).filter(c => c.checked).map(c => c.value) } }), reload);
  return [h('h2', {}, 'Members and roles'), table(null, ['User id', 'Name', 'Roles'], review.members.map(m => [m.userId, m.name, m.roles.join(', ')])), add];
}

function importer(id, search) {
  const file = h('input', { type: 'file' });
  const format = select(['auto', 'ris', 'medline', 'bibtex', 'endnote-xml', 'wos', 'csv'].map(f => [f, f]), 'auto');
  const bar = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': `Upload to ${search.source}` });
  const fileField = field(`File for ${search.source}`, file);
  const outcome = h('p', { role: 'status' });
  const el = h('form', {}, fileField, field('Format', format), bar, outcome, h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Import')));
  el.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files[0]) { showProblem(fileField, { title: 'Choose a file to import' }); return; }
    bar.hidden = false;
    const result = await upload(`/api/reviews/${id}/searches/${search.id}/imports?format=${format.value}`, file.files[0], p => { bar.value = p; });
    showProblem(fileField, result.ok ? null : result.problem);
    outcome.textContent = result.ok ? `Imported ${result.data.imported} records, ${result.data.errors.length} lines with errors.` : '';
  });
  return el;
}

function searchRow(id, search, reload) {
  const reason = h('input', { type: 'text' });
  const count = h('input', { type: 'number', min: 0, value: search.reportedCount ?? '' });
  const why = h('input', { type: 'text' });
  return h('section', { class: 'panel' }, h('h3', {}, `${search.source} (${search.kind})${search.withdrawn ? ' — withdrawn' : ''}`),
    h('p', {}, `Searched ${search.searchedOn}; reported ${search.reportedCount ?? '—'} records`),
    search.withdrawn ? null : [importer(id, search),
      form('Correct reported count', [field('Reported count', count), field('Reason for the correction', why)],
        () => api(`/api/reviews/${id}/searches/${search.id}/corrections`, { method: 'POST', body: { reason: why.value, reportedCount: count.value === '' ? null : Number(count.value) } }), reload),
      form('Withdraw search', [field('Reason for withdrawing', reason)],
        () => api(`/api/reviews/${id}/searches/${search.id}/withdrawal`, { method: 'POST', body: { reason: reason.value } }), reload)]);
}

function addSearch(id, reload) {
  const source = h('input', { type: 'text' }), query = h('textarea', { rows: 2 }), on = h('input', { type: 'date' });
  const kind = select([['database', 'database'], ['register', 'register'], ['other', 'other']], 'database');
  const reported = h('input', { type: 'number', min: 0 });
  return form('Add search', [field('Source', source), field('Kind', kind), field('Query', query), field('Searched on', on), field('Reported count', reported)],
    () => api(`/api/reviews/${id}/searches`, { method: 'POST', body: { source: source.value, kind: kind.value, query: query.value,
      searchedOn: on.value || null, reportedCount: reported.value === '' ? null : Number(reported.value) } }), reload);
}

function stageSettings(id, review, reload) {
  return review.stages.map(s => {
    const n = h('input', { type: 'number', min: 1, value: s.reviewersPerRecord });
    const blinded = h('input', { type: 'checkbox', checked: s.blinded });
    return form(`Save ${s.stage} settings`, [h('h3', {}, s.stage), field('Reviewers per record', n), h('label', { class: 'check' }, blinded, 'Blinded')],
      () => api(`/api/reviews/${id}/stages/${s.stage}`, { method: 'PUT', body: { reviewersPerRecord: Number(n.value), blinded: blinded.checked } }), reload);
  });
}

/** One term per line; a term ending in * matches word beginnings. */
function highlights(id, review, reload) {
  const lines = terms => terms.join('\n');
  const include = h('textarea', { rows: 4 }, lines(review.highlights.include));
  const exclude = h('textarea', { rows: 4 }, lines(review.highlights.exclude));
  const list = el => el.value.split('\n').map(t => t.trim()).filter(Boolean);
  return form('Save highlighted terms', [
    field('Include terms (one per line)', include, 'Shown to screeners in titles and abstracts; end a term with * to match word beginnings.'),
    field('Exclude terms (one per line)', exclude)],
  () => api(`/api/reviews/${id}/highlights`, { method: 'PUT', body: { include: list(include), exclude: list(exclude) } }), reload);
}

export async function manage({ id }) {
  const root = h('div', {});
  async function load() {
    const review = await get(`/api/reviews/${id}`);
    root.replaceChildren(...[h('h1', {}, 'Manage the review'), members(id, review, load),
      h('h2', {}, 'Searches and imports'), review.searches.map(s => searchRow(id, s, load)), addSearch(id, load),
      h('h2', {}, 'Stage settings'), stageSettings(id, review, load),
      h('h2', {}, 'Highlighted search terms'), highlights(id, review, load)].flat(Infinity));
  }
  await load();
  return root;
}
