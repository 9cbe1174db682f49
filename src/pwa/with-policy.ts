/**
 * A response as the service worker hands it to the page: the same status, body and headers,
 * plus the app's Content-Security-Policy. Cached responses are immutable, so the response is
 * wrapped anew. Opaque responses (cross-origin, never made by this app) have nothing to read
 * and are passed on unchanged.
 */
export function withPolicy(response: Response, policy: string): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', policy);
  // A status that may not carry a body (204, 304) is given none.
  const bodyless = [101, 204, 205, 304].includes(response.status);
  return new Response(bodyless ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
