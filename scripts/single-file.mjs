// Builds dist/readout.html: the whole page in one self-contained file that
// works when opened from file:// (mailed to a colleague, say).
//
//   node scripts/single-file.mjs BUILD_DIR OUT_FILE
//
// BUILD_DIR is trunk's output for single.html (the no-modules target, main
// thread parsing); its stylesheet, script and wasm are inlined, the wasm as
// base64 handed to wasm-bindgen's init function. No request leaves the file.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './csp.mjs';

const [dir = 'target/single', out = 'dist/readout.html'] = process.argv.slice(2);
const files = await readdir(dir);
const pick = (re) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`single-file: no ${re} in ${dir}: ${files.join(', ')}`);
  return join(dir, f);
};
const css = await readFile(pick(/\.css$/), 'utf8');
const js = await readFile(pick(/^readout-web.*\.js$/), 'utf8');
const wasm = await readFile(pick(/^readout-web.*_bg\.wasm$/));
const favicon = await readFile('static/favicon.svg');
// `</script` inside the inlined script would end the element early.
const safe = (s) => s.replace(/<\/(script|style)/gi, '<\\/$1');

const style = safe(css);
const script = safe(js);
const boot = `
(function () {
  var b = atob("${wasm.toString('base64')}");
  var bytes = new Uint8Array(b.length);
  for (var i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes });
})();
`;
// Everything is inline, so the policy allows exactly these three elements by
// their sha256 (and no origin at all: a file:// page has none worth
// trusting); the wasm is compiled from bytes ('wasm-unsafe-eval'), the icon
// is a data: URL, and nothing may be fetched.
const csp = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha256(script)} ${sha256(boot)}`,
  `style-src ${sha256(style)}`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="Readout: a timeline of government meetings and their directives, read out of Chinese-language news reports. One self-contained file.">
<title>Readout</title>
<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}">
<style>${style}</style>
</head>
<body>
<div id="app"><noscript><p class="noscript">Readout runs in the browser: please enable JavaScript and WebAssembly.</p></noscript></div>
<script>${script}</script>
<script>${boot}</script>
</body>
</html>
`;
await writeFile(out, html);
console.log(`single-file: ${out}, ${html.length} bytes (wasm ${wasm.length} bytes)`);
