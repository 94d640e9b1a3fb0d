// Sign-in with the OIDC authority: the authorization-code flow with PKCE (RFC 7636, S256) for a public client.
// The state and code verifier wait in this tab's session storage while the browser is at the provider; the access
// token is kept there too, never in a URL or cookie, and the code is taken out of the address as soon as it is read.
import { token } from './api.js';

const pendingKey = 'eventreview.oidc.pending';
const idTokenKey = 'eventreview.oidc.id';

/** {authority, clientId, audience, tokenForm}; a console that cannot read it falls back to the token form. */
export async function consoleConfig() {
  try {
    const response = await fetch('/console/config.json');
    return response.ok ? await response.json() : { tokenForm: true };
  } catch {
    return { tokenForm: true };
  }
}

async function discovery(authority) {
  const response = await fetch(`${authority}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The identity provider's discovery document answered HTTP ${response.status}`);
  return response.json();
}

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = length => base64url(crypto.getRandomValues(new Uint8Array(length)));
const here = () => location.origin + location.pathname;

/** Leaves for the provider's authorization endpoint; the page the user was on is restored on the way back. */
export async function beginSignIn(config) {
  const provider = await discovery(config.authority);
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: here(), scope: 'openid profile',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

/**
 * After the provider sends the browser back: nothing to do (no code in the address), or the code exchanged for the
 * access token, or a problem to show on the sign-in page. The address loses the code and state either way.
 */
export async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', location.pathname + (pending?.hash ?? ''));
  if (params.has('error')) return { title: 'The identity provider refused the sign-in', detail: params.get('error_description') ?? params.get('error') };
  // A code this tab did not ask for (another tab's, or forged) is never exchanged.
  if (!pending || params.get('state') !== pending.state) return { title: 'Sign-in failed', detail: 'The answer from the identity provider does not belong to this sign-in.' };
  const provider = await discovery(config.authority);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: here(),
      client_id: config.clientId, code_verifier: pending.verifier }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) return { title: 'The identity provider refused the code', detail: answer.error_description ?? answer.error ?? `HTTP ${response.status}` };
  token.set(answer.access_token);
  if (answer.id_token) sessionStorage.setItem(idTokenKey, answer.id_token);
  return { ok: true };
}

/** Forgets the tokens, then ends the provider's session too when it offers that (RP-initiated logout). */
export async function signOut(config) {
  const idToken = sessionStorage.getItem(idTokenKey);
  token.clear();
  sessionStorage.removeItem(idTokenKey);
  if (!config.authority) return false;
  const provider = await discovery(config.authority).catch(() => ({}));
  if (!provider.end_session_endpoint) return false;
  const url = new URL(provider.end_session_endpoint);
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: here(), ...(idToken ? { id_token_hint: idToken } : {}) }).toString();
  location.assign(url);
  return true;
}
