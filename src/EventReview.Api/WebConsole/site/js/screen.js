// Screener: one record at a time from the queue, decided with buttons or the keys I, E and M. Only the screener's
// own votes are ever shown; the queue the server answers with carries no other reviewer's vote while blinded.
import { api, get } from './api.js';
import { h, field, showProblem, select, announce } from './dom.js';
import { matcher, highlighted } from './highlight.js';

const decisions = [['include', 'Include', 'i'], ['exclude', 'Exclude', 'e'], ['maybe', 'Maybe', 'm']];
let page = null;

document.addEventListener('keydown', e => {
  if (!page?.isConnected || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  if (e.target.closest?.('input, textarea, select')) return;
  const hit = decisions.find(([, , key]) => key === e.key.toLowerCase());
  if (!hit) return;
  e.preventDefault();
  page.querySelector(`button[data-decision="${hit[0]}"]`)?.click();
});

function recordCard(record, terms) {
  const b = record.bibliographic;
  return h('article', { class: 'record panel', 'aria-labelledby': 'record-title' },
    h('h2', { id: 'record-title', tabindex: '-1' }, highlighted(b.title ?? '(no title)', terms)),
    h('p', {}, (b.authors ?? []).join('; ')),
    h('p', {}, [b.year, b.journal].filter(Boolean).join(' · ')),
    h('p', { class: 'abstract' }, b.abstract ? highlighted(b.abstract, terms) : 'No abstract.'));
}

export async function screen({ id, arg: stage }) {
  const review = await get(`/api/reviews/${id}`);
  const reasons = review.exclusionReasons.filter(r => r.stage === stage);
  const terms = matcher(review.highlights);
  const state = { last: null, revising: null };
  page = h('div', { class: 'screen' });
  const heading = h('h1', {}, `Screening: ${stage === 'full-text' ? 'full text' : 'title and abstract'}`);
  const body = h('div', {});
  page.append(heading, body);

  async function show() {
    const queue = await get(`/api/reviews/${id}/queue?stage=${stage}&take=1`);
    const record = state.revising?.record ?? queue.records[0];
    const total = queue.votedByMe + queue.remaining;
    const position = state.revising ? 'Changing your last vote' : `Record ${Math.min(queue.votedByMe + 1, total)} of ${total}`;
    const progress = h('div', { class: 'progress' }, h('p', { id: 'progress' }, position),
      h('progress', { max: total || 1, value: queue.votedByMe, 'aria-labelledby': 'progress' }));
    const undo = state.last && !state.revising
      ? h('button', { type: 'button', onclick: () => { hold(); state.revising = state.last; show(); } }, 'Undo last vote') : null;
    if (!record) { body.replaceChildren(progress, h('p', {}, 'Nothing is waiting for your vote at this stage.'), undo ?? ''); return; }

    const note = h('textarea', { rows: 2 });
    const noteField = field(state.revising ? 'Note (required: why the vote changes)' : 'Note', note);
    const reason = select([['', 'No reason'], ...reasons.map(r => [r.code, r.label])], '');
    const reasonField = reasons.length ? field('Exclusion reason', reason) : null;
    const buttons = decisions.map(([decision, label, key]) => h('button', {
      type: 'button', class: `decision ${decision}`, 'data-decision': decision, 'aria-keyshortcuts': key.toUpperCase(),
      onclick: () => vote(decision),
    }, label, h('span', { 'aria-hidden': 'true' }, ` (${key.toUpperCase()})`)));
    const cancel = state.revising ? h('button', { type: 'button', onclick: () => { state.revising = null; show(); } }, 'Keep my vote') : null;
    body.replaceChildren(progress, recordCard(record, terms), reasonField ?? '', noteField, h('div', { class: 'actions' }, buttons, cancel ?? '', undo ?? ''));
    body.querySelector('#record-title').focus();

    // Until the next record is on screen, no click or key can vote on the one that is leaving.
    function hold(on = true) { body.querySelectorAll('button.decision').forEach(b => { b.disabled = on; }); }

    async function vote(decision) {
      hold();
      const payload = { stage, decision, reasonCode: decision === 'exclude' && reason.value ? reason.value : null, note: note.value.trim() || null };
      const result = await api(`/api/reviews/${id}/records/${record.id}/votes`, { method: 'POST', body: payload });
      if (!result.ok) {
        hold(false);
        const aboutReason = reasonField && /reason/i.test(JSON.stringify(result.problem));
        showProblem(aboutReason ? reasonField : noteField, result.problem);
        (aboutReason ? reason : note).focus();
        return;
      }
      announce(`Voted ${decision}.`);
      state.last = { record, decision };
      state.revising = null;
      await show();
    }
  }
  await show();
  return page;
}
