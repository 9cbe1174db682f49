import { describe, expect, it } from 'vitest';
import { withPolicy } from './with-policy';

const POLICY = "default-src 'self'";

describe('withPolicy', () => {
  it('adds the policy and keeps the status, headers and body', async () => {
    const original = new Response('<!doctype html>', {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'text/html', 'Cross-Origin-Opener-Policy': 'same-origin' },
    });
    const served = withPolicy(original, POLICY);
    expect(served.status).toBe(200);
    expect(served.statusText).toBe('OK');
    expect(served.headers.get('content-security-policy')).toBe(POLICY);
    expect(served.headers.get('content-type')).toBe('text/html');
    expect(served.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(await served.text()).toBe('<!doctype html>');
  });

  it('replaces a policy the response already had', () => {
    const original = new Response('x', { headers: { 'Content-Security-Policy': 'default-src *' } });
    expect(withPolicy(original, POLICY).headers.get('content-security-policy')).toBe(POLICY);
  });

  it('gives a bodyless status no body', () => {
    const served = withPolicy(new Response(null, { status: 204 }), POLICY);
    expect(served.status).toBe(204);
    expect(served.headers.get('content-security-policy')).toBe(POLICY);
  });
});
