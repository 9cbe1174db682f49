/**
 * A plain static file server, as any web host is: files by path, a Content-Type by extension,
 * and no other header (no cross-origin isolation, no Content-Security-Policy). The built app
 * must work from it (issue 19, point 3).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  readonly url: string;
  /** Every request's path and the headers its response carried, in order. */
  readonly served: { path: string; headers: Record<string, string> }[];
  close(): Promise<void>;
}

export async function serveStatic(folder: string, port: number): Promise<StaticServer> {
  const root = resolve(folder);
  const served: StaticServer['served'] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) file = root;
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
        served.push({ path, headers });
        response.writeHead(200, headers).end(body);
      } catch {
        served.push({ path, headers: {} });
        response.writeHead(404).end('Not found');
      }
    })();
  });
  await new Promise<void>((done) => server.listen(port, done));
  return {
    url: `http://localhost:${port}`,
    served,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
