// Everyone with access: the PRISMA 2020 flow with its discrepancies, agreement per stage, appraisal tables.
import { api, get, token } from './api.js';
import { h, table, when } from './dom.js';

const number = v => (v === null || v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : v);

async function diagram(id) {
  const response = await fetch(`/api/reviews/${id}/prisma.svg`, { headers: { Authorization: `Bearer ${token.get()}` } });
  if (!response.ok) return h('p', { class: 'problem' }, 'The diagram is not available.');
  const url = URL.createObjectURL(await response.blob());
  return h('figure', { class: 'prisma' }, h('img', { src: url, alt: 'PRISMA 2020 flow diagram of this review; the same counts are listed below.' }),
    h('figcaption', {}, 'PRISMA 2020 flow diagram'));
}

function flowSummary(p) {
  const keys = [['database_results', 'Records from databases'], ['register_results', 'Records from registers'], ['duplicates', 'Duplicates removed'],
    ['records_screened', 'Records screened'], ['records_excluded', 'Records excluded'], ['dbr_sought_reports', 'Reports sought'],
    ['dbr_notretrieved_reports', 'Reports not retrieved'], ['dbr_assessed', 'Reports assessed'], ['new_studies', 'Studies included']];
  return h('dl', { class: 'kpi' }, keys.map(([k, label]) => [h('dt', {}, label), h('dd', { 'data-key': k }, number(p[k]))]));
}

/**
 * The verification section, filled in when the check answers: it re-reads the whole hash chain (about half a second on
 * the seed review), so the rest of the page does not wait for it.
 */
export function verificationPanel(id) {
  const panel = h('div', {}, h('section', { class: 'panel', 'aria-busy': 'true' }, h('h2', {}, 'Verification'), h('p', {}, 'Checking the event log…')));
  api(`/api/reviews/${id}/verification`).then(result => {
    panel.replaceChildren(result.ok ? verificationSummary(result.data)
      : h('section', { class: 'panel' }, h('h2', {}, 'Verification'), h('p', { class: 'problem' }, result.problem.detail ?? result.problem.title)));
    performance.mark('console:verified');
  });
  return panel;
}

export function verificationSummary(v) {
  const finding = v.findings?.[0];
  return h('section', { class: 'panel', 'aria-labelledby': 'verification' },
    h('h2', { id: 'verification' }, 'Verification'),
    h('p', { class: v.intact ? 'ok' : 'problem', 'data-verification': v.intact ? 'intact' : 'broken' },
      v.intact ? `Intact: ${v.chain?.eventsChecked ?? 0} events checked` : `Not intact: ${finding?.message ?? finding?.detail ?? JSON.stringify(finding ?? v.chain?.firstFailure)}`),
    v.checkpoint ? h('p', {}, `Newest checkpoint: tree size ${v.checkpoint.size}, root ${v.checkpoint.root}, signed ${when(v.checkpoint.time)} (${v.checkpoint.algorithm}, key ${v.checkpoint.keyId})`) : null,
    v.signatures?.length ? table('Signatures', ['Scope', 'Meaning', 'Signed by', 'When', 'Valid'],
      v.signatures.map(s => [s.scope, s.meaning, s.signedBy, when(s.signedAt), s.valid ? 'yes' : `no: ${s.problem}`])) : null);
}

function agreementTable(stage, a) {
  if (!a) return h('p', {}, `${stage}: no agreement to report yet.`);
  const rows = [['Items', a.items], ['Raters', a.raters.join(', ')], ['Percent agreement', number(a.percentAgreement)],
    ['Cohen kappa', number(a.cohenKappa?.value)], ['Fleiss kappa', number(a.fleissKappa?.value)],
    ['Krippendorff alpha', number(a.krippendorffAlpha?.value)], ['Gwet AC1', number(a.gwetAc1?.value)], ['PABAK', number(a.pabak?.value)]];
  return table(`Agreement at ${stage}`, ['Statistic', 'Value'], rows);
}

function appraisalTables(appraisals) {
  return appraisals.instruments.map(i => table(i.instrumentName, ['Study', ...i.columns.map(c => c.header), 'Score', 'Verdict', 'Overall'],
    i.rows.map(r => [r.study, ...i.columns.map(c => r.ratings[c.itemId] ?? '—'), r.total, r.verdict, r.overallRating ?? '—'])));
}

export async function overview({ id, roles }) {
  const [review, prisma, ta, ft, appraisals] = await Promise.all([get(`/api/reviews/${id}`), get(`/api/reviews/${id}/prisma`),
    api(`/api/reviews/${id}/agreement?stage=title-abstract`), api(`/api/reviews/${id}/agreement?stage=full-text`),
    api(`/api/reviews/${id}/appraisals`)]);
  return [h('h1', {}, review.title),
    roles.has('auditor') || roles.has('lead') ? verificationPanel(id) : null,
    h('h2', {}, 'Flow'), await diagram(id), flowSummary(prisma),
    h('h2', {}, 'Discrepancies'),
    prisma.discrepancies?.length ? h('ul', { class: 'discrepancies' }, prisma.discrepancies.map(d => h('li', {}, d.message))) : h('p', {}, 'None.'),
    h('h2', {}, 'Agreement'), agreementTable('title-abstract', ta.ok ? ta.data : null), agreementTable('full-text', ft.ok ? ft.data : null),
    h('h2', {}, 'Appraisal'), appraisals.ok && appraisals.data.instruments.length ? appraisalTables(appraisals.data) : h('p', {}, 'No appraisals.')];
}
