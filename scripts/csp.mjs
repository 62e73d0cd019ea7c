// Writes the Content-Security-Policy of the served page into
// dist/index.html (run by the build stage of scripts/test.sh, after trunk):
//
//   node scripts/csp.mjs dist/index.html
//
// Nothing may be fetched from, or sent to, anywhere but the page's own
// origin. trunk emits one inline module script (its bootstrap, which imports
// the page's wasm-bindgen glue); it is allowed by its sha256, computed here,
// so no 'unsafe-inline' is needed. Running it twice is harmless: an existing
// policy is replaced.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

export const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// The bodies of the inline <script> elements (no src attribute) of `html`.
export const inlineScripts = (html) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs)).map(([, , body]) => body);

export const policy = (scriptHashes) =>
  [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    // gloo-worker starts the worker from its loader shim, a same-origin
    // file (readout-worker_loader.js): no blob: worker is needed.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

const meta = (p) => `<meta http-equiv="Content-Security-Policy" content="${p}" />`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file = 'dist/index.html'] = process.argv.slice(2);
  let html = await readFile(file, 'utf8');
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const hashes = inlineScripts(html).map(sha256);
  if (!/<meta charset="utf-8" \/>/i.test(html)) throw new Error(`csp: no <meta charset> in ${file}`);
  // Right after <meta charset>, before anything it governs.
  html = html.replace(/(<meta charset="utf-8" \/>)/i, `$1\n    ${meta(policy(hashes))}`);
  await writeFile(file, html);
  console.log(`csp: ${file}, ${hashes.length} inline script(s) allowed by hash`);
}
