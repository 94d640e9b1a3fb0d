// Routes (in the fragment, so the server serves one page and a token never reaches a URL):
// #/ reviews, #/r/ID overview, #/r/ID/screen/STAGE, #/r/ID/conflicts, #/r/ID/manage, #/r/ID/audit, #/r/ID/records/RID.
import { api, token } from './api.js';
import { h, field, showProblem } from './dom.js';
import { overview } from './overview.js';
import { screen } from './screen.js';
import { conflicts } from './conflicts.js';
import { manage } from './manage.js';
import { audit, trail } from './audit.js';
import { consoleConfig, beginSignIn, completeSignIn, signOut } from './oidc.js';

const main = document.getElementById('main');
const config = await consoleConfig();
// A sign-in that failed on the way back from the provider, shown on the sign-in page.
let signInProblem = null;
let reviews = null;

function signIn() {
  return config.tokenForm ? tokenForm() : providerSignIn();
}

function providerSignIn() {
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  showProblem(problem, signInProblem);
  const button = h('button', { class: 'primary', type: 'button' }, 'Sign in');
  button.addEventListener('click', () => beginSignIn(config).catch(error => showProblem(problem, { title: 'Cannot reach the identity provider', detail: error.message })));
  return [h('h1', { id: 'signin' }, 'Sign in'), h('p', {}, 'You sign in with your organisation\'s identity provider.'), button, problem];
}

function tokenForm() {
  const input = h('input', { type: 'password', autocomplete: 'off', required: true });
  const tokenField = field('Token', input, 'A bearer token from `eventreview token`; it stays in this tab only.');
  const form = h('form', { 'aria-labelledby': 'signin' }, tokenField, h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Sign in')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    token.set(input.value);
    const result = await api('/api/reviews');
    if (!result.ok) { token.clear(); showProblem(tokenField, result.problem); input.focus(); return; }
    reviews = result.data;
    location.hash = '#/';
    route();
  });
  return [h('h1', { id: 'signin' }, 'Sign in'), form];
}

function reviewList() {
  const rows = reviews.map(r => h('li', {}, h('a', { href: `#/r/${r.id}` }, r.title), ' — ', h('span', {}, r.myRoles.join(', '))));
  return [h('h1', {}, 'Your reviews'), reviews.length ? h('ul', { class: 'reviews' }, rows) : h('p', {}, 'You are not a member of any review.')];
}

/** The pages a member may open, by role; the server checks every call again. */
function pagesFor(review) {
  const roles = new Set(review.myRoles);
  const pages = [['', 'Overview']];
  if (roles.has('screener')) pages.push(['/screen/title-abstract', 'Screen title/abstract'], ['/screen/full-text', 'Screen full text']);
  if (roles.has('lead') || roles.has('resolver')) pages.push(['/conflicts', 'Conflicts']);
  if (roles.has('lead')) pages.push(['/manage', 'Manage']);
  if (roles.has('auditor') || roles.has('lead')) pages.push(['/audit', 'Audit']);
  return pages;
}

function nav(review, current) {
  const el = document.getElementById('nav');
  el.replaceChildren(...(review ? pagesFor(review).map(([path, label]) => {
    const href = `#/r/${review.id}${path}`;
    return h('a', { href, 'aria-current': href === current ? 'page' : null }, label);
  }) : []));
}

async function route() {
  const signedIn = Boolean(token.get());
  document.getElementById('signout').hidden = !signedIn;
  if (!signedIn) { nav(null); document.getElementById('who').textContent = ''; main.replaceChildren(...signIn()); return; }
  if (!reviews) {
    const result = await api('/api/reviews');
    if (!result.ok) { token.clear(); return route(); }
    reviews = result.data;
  }
  const [, r, id, page, arg] = location.hash.split('/');
  const review = r === 'r' ? reviews.find(x => x.id === id) : null;
  nav(review, location.hash);
  document.getElementById('who').textContent = review ? `Your roles: ${review.myRoles.join(', ')}` : '';
  const ctx = { review, id, arg, roles: new Set(review?.myRoles ?? []) };
  const pages = { '': overview, screen, conflicts, manage, audit, records: trail };
  try {
    const content = !review ? reviewList() : await (pages[page ?? ''] ?? overview)(ctx);
    main.replaceChildren(...[content].flat(Infinity).filter(Boolean));
    // The moment the page's data is on screen, for the load-time measurements in the browser tests.
    performance.mark('console:shown');
  } catch (error) {
    main.replaceChildren(h('h1', {}, 'Cannot show this page'), h('p', { class: 'problem' }, error.problem?.detail ?? error.message));
  }
  // A new page moves focus to its heading, so a screen reader announces it and Tab starts from the top of it.
  const heading = main.querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

document.getElementById('signout').addEventListener('click', async () => {
  reviews = null;
  signInProblem = null;
  if (await signOut(config)) return;
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
if (!config.tokenForm) {
  const back = await completeSignIn(config).catch(error => ({ title: 'Sign-in failed', detail: error.message }));
  if (back && !back.ok) signInProblem = back;
}
route();
