// Small DOM helpers. Text always goes in as text nodes, never as HTML, so record data cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let ids = 0;
/** A labelled control: the label names it for assistive technology and the tests. */
export function field(label, control, hint) {
  control.id ||= `f${++ids}`;
  const problem = h('p', { class: 'problem', id: `${control.id}-problem`, role: 'alert', hidden: true });
  control.setAttribute('aria-describedby', problem.id);
  const wrap = h('div', { class: 'field' }, h('label', { for: control.id }, label), hint ? h('p', {}, hint) : null, control, problem);
  wrap.control = control;
  wrap.problem = problem;
  return wrap;
}

/** Shows the API's problem detail next to the field (or form) it concerns; empty clears it. */
export function showProblem(target, problem) {
  const el = target.problem ?? target;
  if (!problem) { el.hidden = true; el.textContent = ''; return; }
  // Validation errors come as {field: [messages]}; a parser's as [{line, message}].
  const errors = Array.isArray(problem.errors) ? problem.errors.map(e => `line ${e.line}: ${e.message}`).join('; ')
    : problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
  el.textContent = [problem.title, problem.detail, errors].filter(Boolean).join(': ');
  el.hidden = false;
}

export function table(caption, headers, rows) {
  return h('div', { class: 'scroll' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
}

export function select(options, value) {
  return h('select', {}, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export const when = iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '';

export function announce(text) {
  document.getElementById('status').textContent = text;
}
