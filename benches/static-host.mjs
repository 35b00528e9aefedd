// A static host for the benchmarks, serving dist/ as common hosts do:
// gzip for text and wasm, hashed files cached for a year, index.html, the
// manifest and the service worker revalidated (ETag, 304).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, TYPES } from '../e2e/harness.mjs';

const REVALIDATED = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

/** Starts the host on a free port of 127.0.0.1; resolves to the server. */
export function staticHost(dir = DIST) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const rel = normalize(path.slice(1) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    let body;
    try {
      body = readFileSync(join(dir, rel));
    } catch {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const headers = {
      'content-type': TYPES[extname(rel)] || 'application/octet-stream',
      'cache-control': REVALIDATED.has(rel) ? 'no-cache' : 'public, max-age=31536000, immutable',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    if (/\.(html|js|wasm|css|svg|webmanifest)$/.test(rel)) {
      body = gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
