import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../csp-policy.js';
import { expect, openFixture, test } from './support';

/**
 * The network lock (issue 19): under the app's Content-Security-Policy nothing leaves the
 * origin, from the page, from a worker made from a blob (which takes the page's policy), nor
 * from a worker loaded from the server (which takes its own response's header, not the page's
 * meta tag). A listener on another port proves that nothing would have been refused silently
 * after leaving: it must see no connection at all.
 */
test.use({ probesNetworkLock: true });

/** A server on another origin (another port) that counts every connection made to it. */
async function listener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': 'text/javascript',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    response.end('export default 1;');
  });
  server.on('connection', () => connections++);
  server.on('upgrade', (_request, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

type Outcome = string;
interface Attempts {
  fetch: Outcome;
  import: Outcome;
  dataImport: Outcome;
  webSocket: Outcome;
  sameOriginFetch: Outcome;
  violations: string[];
}

/**
 * Tries to reach another origin every way a script can, and the app's own origin once. Self-
 * contained (no closures): it runs in the page and, as source text, in workers.
 */
async function attemptEscape(port: number): Promise<Attempts> {
  const violations: string[] = [];
  const scope = globalThis as unknown as EventTarget;
  const target: EventTarget = typeof document === 'undefined' ? scope : document;
  target.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
  const outcome = async (attempt: () => Promise<unknown>): Promise<string> => {
    try {
      await attempt();
      return 'allowed';
    } catch (error) {
      return `refused (${error instanceof Error ? error.name : String(error)})`;
    }
  };
  const socket = () =>
    new Promise<string>((resolve) => {
      try {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
        ws.onopen = () => {
          ws.close();
          resolve('allowed');
        };
        ws.onerror = () => resolve('refused (error event)');
        setTimeout(() => resolve('no answer'), 5000);
      } catch (error) {
        resolve(`refused (${error instanceof Error ? error.name : String(error)})`);
      }
    });
  const result = {
    fetch: await outcome(() => fetch(`http://127.0.0.1:${port}/x`)),
    import: await outcome(() => import(/* @vite-ignore */ `http://127.0.0.1:${port}/x.js`)),
    dataImport: await outcome(
      () => import(/* @vite-ignore */ `data:text/javascript,export ${''}default 1`),
    ),
    webSocket: await socket(),
    sameOriginFetch: await outcome(async () => {
      const response = await fetch(`${location.origin}/`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    }),
    violations,
  };
  // Violation events are queued as tasks: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return result;
}

/** A module worker's source that runs attemptEscape and posts what happened. */
const probeSource = (port: number) =>
  `const attemptEscape = ${attemptEscape.toString()};\n` +
  `postMessage(await attemptEscape(${port}));\n`;

/** Starts a module worker at `url` (made in the page) and waits for its report. */
function workerReport(page: Page, url: string | { blobOf: string }): Promise<Attempts> {
  return page.evaluate(async (from) => {
    const src =
      typeof from === 'string'
        ? from
        : URL.createObjectURL(new Blob([from.blobOf], { type: 'text/javascript' }));
    const worker = new Worker(src, { type: 'module' });
    return new Promise<Attempts>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<Attempts>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    });
  }, url);
}

function expectLocked(attempts: Attempts, port: number, where: string) {
  expect(attempts.fetch, `${where}: fetch to another origin`).toMatch(/^refused/);
  expect(attempts.import, `${where}: import from another origin`).toMatch(/^refused/);
  expect(attempts.dataImport, `${where}: import of a data: script`).toMatch(/^refused/);
  expect(attempts.webSocket, `${where}: WebSocket to another origin`).toMatch(/^refused/);
  expect(attempts.sameOriginFetch, `${where}: fetch from the app's origin`).toBe('allowed');
  const refused = attempts.violations.join('\n');
  expect(refused, `${where}: violation events`).toContain(`connect-src http://127.0.0.1:${port}`);
  expect(refused, `${where}: violation events`).toContain(
    `script-src-elem http://127.0.0.1:${port}`,
  );
  expect(refused, `${where}: violation events`).toContain(`connect-src ws://127.0.0.1:${port}`);
}

test('nothing leaves the origin: not from the page, a blob worker or a worker loaded from the server', async ({
  page,
  baseURL,
}) => {
  const other = await listener();
  try {
    // The policy travels as the header, and as the meta tag for a host that sends none.
    const response = await page.goto('/');
    expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      META_CONTENT_SECURITY_POLICY,
    );
    expect(META_CONTENT_SECURITY_POLICY).toBe(
      CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]*/, ''),
    );
    await openFixture(page, 'framewise-sample.mp4');

    // The page.
    expectLocked(await page.evaluate(attemptEscape, other.port), other.port, 'page');

    // A worker made from a blob, as ffmpeg.wasm makes its own: the page's policy holds there.
    const source = probeSource(other.port);
    expectLocked(await workerReport(page, { blobOf: source }), other.port, 'blob worker');

    // A worker loaded from the server, as the app's own workers are: it follows its response's
    // header. The server's real response for one of the app's worker chunks (headers as sent),
    // its body replaced by the probe.
    const outDir = process.env.FW_E2E_OUTDIR ?? 'dist';
    const chunk = readdirSync(`${outDir}/assets`).find((f) => /^tracking\.worker-.*\.js$/.test(f));
    expect(chunk, 'a built worker chunk').toBeTruthy();
    const workerURL = `${baseURL}/assets/${chunk}`;
    let workerPolicy: string | undefined;
    await page.route(workerURL, async (route) => {
      const real = await route.fetch();
      workerPolicy = real.headers()['content-security-policy'];
      await route.fulfill({ response: real, body: source });
    });
    expectLocked(await workerReport(page, workerURL), other.port, 'worker from the server');
    expect(workerPolicy, "the worker chunk's own header").toBe(CONTENT_SECURITY_POLICY);

    // Had any attempt left, it would have arrived here.
    expect(other.connections(), 'connections to the other origin').toBe(0);

    // And the listener does hear: the same worker served without the policy header (the
    // meta tag does not reach it) gets out. This is why the policy must travel as a header.
    await page.unroute(workerURL);
    await page.route(workerURL, async (route) => {
      const real = await route.fetch();
      const headers = { ...real.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response: real, headers, body: source });
    });
    const unlocked = await workerReport(page, workerURL);
    expect(unlocked.violations, 'violations in a worker with no policy header').toEqual([]);
    expect(unlocked.dataImport, 'a data: import in a worker with no policy header').toBe('allowed');
    expect(other.connections(), 'connections once a worker has no header').toBeGreaterThan(0);
  } finally {
    other.server.closeAllConnections();
    await new Promise((resolve) => other.server.close(resolve));
  }
});
