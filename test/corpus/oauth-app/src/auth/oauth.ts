import { randomString } from '../util/random';
import { requestId, sha256 } from '../util';

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

export function authorizationRequest(base: string, clientId: string, redirectUri: string): AuthorizationRequest {
  const state = randomString(24);
  const codeVerifier = randomString(64);
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state, code_challenge: sha256(codeVerifier) });
  return { url: `${base}?${query.toString()}`, state, codeVerifier };
}

export function traceHeaders(): Record<string, string> {
  return { 'x-request-id': requestId() };
}
