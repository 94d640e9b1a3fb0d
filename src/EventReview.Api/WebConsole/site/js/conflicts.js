// Lead and resolver: each conflict with both votes and their reasons side by side, resolved with a note.
import { api, get } from './api.js';
import { h, field, showProblem, select, when, announce } from './dom.js';

const stages = [['title-abstract', 'titleAbstract'], ['full-text', 'fullText']];

function voteCard(vote) {
  return h('div', { class: 'panel vote' },
    h('h3', {}, vote.reviewerName ?? vote.reviewerId),
    h('p', {}, h('strong', {}, vote.decision), vote.reasonCode ? ` — ${vote.reasonCode}` : ''),
    vote.note ? h('p', {}, `Note: ${vote.note}`) : null,
    h('p', {}, when(vote.at)));
}

function resolveForm(id, record, stage, reasons, onDone) {
  const decision = select([['include', 'Include'], ['exclude', 'Exclude'], ['maybe', 'Maybe']], 'include');
  const reason = select([['', 'No reason'], ...reasons.map(r => [r.code, r.label])], '');
  const note = h('textarea', { rows: 2 });
  const noteField = field('Resolution note', note);
  const form = h('form', {}, field('Decision', decision), reasons.length ? field('Exclusion reason', reason) : '', noteField,
    h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Resolve')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { stage, decision: decision.value, reasonCode: reason.value || null, note: note.value };
    const result = await api(`/api/reviews/${id}/records/${record.id}/resolution`, { method: 'POST', body });
    if (!result.ok) { showProblem(noteField, result.problem); note.focus(); return; }
    announce('Conflict resolved.');
    onDone();
  });
  return form;
}

export async function conflicts({ id }) {
  const review = await get(`/api/reviews/${id}`);
  const list = h('div', {});
  async function load() {
    const sections = [];
    for (const [stage, key] of stages) {
      const page = await get(`/api/reviews/${id}/records?status=${stage}-conflict&pageSize=100`);
      const reasons = review.exclusionReasons.filter(r => r.stage === stage);
      for (const record of page.records) {
        sections.push(h('section', { class: 'conflict', 'aria-labelledby': `c-${record.id}` },
          h('h2', { id: `c-${record.id}` }, record.bibliographic.title ?? '(no title)'),
          h('p', {}, `Stage: ${stage} · `, h('a', { href: `#/r/${id}/records/${record.id}` }, 'Trail')),
          h('div', { class: 'side' }, record[key].currentVotes.map(voteCard)),
          resolveForm(id, record, stage, reasons, load)));
      }
    }
    list.replaceChildren(...(sections.length ? sections : [h('p', {}, 'No conflicts are waiting.')]));
  }
  await load();
  return [h('h1', {}, 'Conflicts'), list];
}
