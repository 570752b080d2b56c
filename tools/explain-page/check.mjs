// Loads an `mlp4j explain --html` page in headless Chromium with the network blocked and checks what a reader sees:
// no console errors or failed requests, every formula typeset by KaTeX (no .katex-error, no raw TeX left), the
// drawing's neurons and edges, and the expected numbers in the rendered text. Saves screenshots at 1280×800 and phone
// width. Speaks the DevTools protocol over --remote-debugging-pipe, so it needs Node and Chromium only (no npm).
//
// With --step, moves section 8's step-through control and checks its live readout: K=TEXT sets the range to step K
// and dispatches an input event, +K=TEXT presses ArrowRight K times on the focused range, -K=TEXT clicks the
// previous-step button K times; then the readout must contain TEXT and the marker sit on the path's point.
//
// With --open, the collapsed tables of a summarized page (<details>) are opened before the text is read, so the
// expected values may be in them; they are closed again for the screenshots. --max-load S fails a page that takes
// longer than S seconds from navigation to its load event (its formulas typeset). The print PDF must be a real PDF.
//
// node check.mjs CHROMIUM PAGE.html OUT_PREFIX --svg NEURONS,EDGES[;NEURONS,EDGES…] [--plots N] --expect TEXT [--expect TEXT…]
//     [--step K=TEXT…] [--open] [--max-load S]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromium, page, outPrefix, ...rest] = process.argv.slice(2);
const expect = [], steps = [];
let svg = [], plots = -1, open = false, maxLoad = Infinity;
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] === '--open') { open = true; i--; }
  else if (rest[i] === '--max-load') maxLoad = Number(rest[i + 1]);
  else if (rest[i] === '--expect') expect.push(rest[i + 1]);
  else if (rest[i] === '--step') steps.push(rest[i + 1]);
  else if (rest[i] === '--plots') plots = Number(rest[i + 1]);
  else if (rest[i] === '--svg') svg = rest[i + 1].split(';').map(s => s.split(',').map(Number));
  else throw new Error('unknown argument ' + rest[i]);
}
const url = pathToFileURL(resolve(page)).href;
const problems = [];

const browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe',
  '--no-first-run', '--disable-extensions', '--disable-background-networking', '--disable-sync',
  '--allow-file-access-from-files', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderr = '';
browser.stderr.on('data', d => { stderr += d; });
const toBrowser = browser.stdio[3], fromBrowser = browser.stdio[4];
const timer = setTimeout(() => fail("timed out after 180 s\n" + stderr), 180000);

let nextId = 1;
const pending = new Map(), listeners = [];
let buffer = Buffer.alloc(0);
fromBrowser.on('data', chunk => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'));
    buffer = buffer.subarray(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { ok, ko } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? ko(new Error(JSON.stringify(msg.error))) : ok(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((ok, ko) => pending.set(id, { ok, ko }));
}
function fail(message) {
  console.error('FAIL ' + page + ': ' + message);
  browser.kill();
  process.exit(1);
}

try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  let loaded;
  const load = new Promise(ok => { loaded = ok; });
  listeners.push(msg => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params;
    switch (msg.method) {
      case 'Runtime.consoleAPICalled':
        if (p.type === 'error' || p.type === 'warning' || p.type === 'assert') {
          problems.push('console ' + p.type + ': ' + p.args.map(a => a.value ?? a.description).join(' '));
        }
        break;
      case 'Runtime.exceptionThrown':
        problems.push('exception: ' + (p.exceptionDetails.exception?.description ?? p.exceptionDetails.text));
        break;
      case 'Log.entryAdded':
        if (p.entry.level === 'error' || p.entry.level === 'warning') problems.push('log ' + p.entry.level + ': ' + p.entry.text);
        break;
      case 'Network.loadingFailed':
        problems.push('failed request: ' + p.errorText + (p.blockedReason ? ' (' + p.blockedReason + ')' : ''));
        break;
      case 'Fetch.requestPaused':
        if (p.request.url.startsWith('file:') || p.request.url.startsWith('data:')) {
          s('Fetch.continueRequest', { requestId: p.requestId });
        } else {
          problems.push('request to the network: ' + p.request.url);
          s('Fetch.failRequest', { requestId: p.requestId, errorReason: 'InternetDisconnected' });
        }
        break;
      case 'Page.loadEventFired':
        loaded();
        break;
    }
  });
  await s('Runtime.enable');
  await s('Log.enable');
  await s('Network.enable');
  await s('Page.enable');
  await s('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await s('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
  const started = Date.now();
  await s('Page.navigate', { url });
  await load;
  const loadSeconds = (Date.now() - started) / 1000;
  const shot = async (name, params = {}) => {
    const { data } = await s('Page.captureScreenshot', { format: 'png', ...params });
    writeFileSync(outPrefix + name + '.png', Buffer.from(data, 'base64'));
  };
  const evaluate = async expression => {
    const r = await s('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  await evaluate('document.fonts.ready.then(() => document.fonts.size)');
  if (loadSeconds > maxLoad) problems.push('loading took ' + loadSeconds.toFixed(1) + ' s, more than ' + maxLoad + ' s');
  // The page typesets its formulas as they near the screen: scroll to backpropagation (or the forward pass), let it
  // settle, and every formula on the screen must be typeset; that is the screenshot of the section.
  const typesetLoaded = await evaluate('document.querySelectorAll(".tex .katex").length');
  const onScreen = await evaluate(`new Promise(done => {
    const sec = document.querySelector('section[id$="-backward"]') || document.querySelector('section[id$="-forward"]');
    sec.scrollIntoView();
    setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => {
      const seen = [...document.querySelectorAll('.tex')].filter(e => { const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight; });
      done({ shown: seen.length, typeset: seen.filter(e => e.querySelector('.katex')).length });
    })), 500);
  })`);
  if (onScreen.shown === 0 || onScreen.typeset < onScreen.shown) {
    problems.push('scrolled to a section, ' + onScreen.typeset + ' of the ' + onScreen.shown + ' formulas on the screen are typeset');
  }
  await shot('-backward');
  // ... and all of them before printing: ask for all (the page's own beforeprint handler), then check every one.
  await evaluate('window.scrollTo(0, 0)');
  const typesetAllSeconds = await evaluate(`(() => { const t0 = performance.now(); window.dispatchEvent(new Event('beforeprint'));
    document.body.offsetHeight; return (performance.now() - t0) / 1000; })()`);
  let openSeconds = null;
  if (open) {
    openSeconds = await evaluate(`(() => { const t0 = performance.now();
      const all = document.querySelectorAll('details'); all.forEach(d => { d.open = true; });
      document.body.offsetHeight; return all.length ? (performance.now() - t0) / 1000 : -1; })()`);
    if (openSeconds < 0) problems.push('--open: the page has no <details> tables');
  }
  const seen = await evaluate(`(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('.katex-mathml, script, style').forEach(e => e.remove());
    document.body.appendChild(clone); clone.style.position = 'absolute'; clone.style.left = '-99999px';
    const text = clone.innerText; clone.remove();
    return {
      text,
      katex: document.querySelectorAll('.katex').length,
      formulas: document.querySelectorAll('.tex').length,
      untypeset: [...document.querySelectorAll('.tex')].filter(e => !e.querySelector('.katex')).length,
      errors: document.querySelectorAll('.katex-error').length,
      svgs: [...document.querySelectorAll('svg.net')].map(s => [s.querySelectorAll('.neuron').length, s.querySelectorAll('.edge').length]),
      plots: document.querySelectorAll('svg.plot').length,
      plotMarkers: document.querySelectorAll('svg.plot .marker[tabindex] title').length,
      untitled: [...document.querySelectorAll('svg [tabindex]')].filter(g => !g.querySelector('title')).length,
      fonts: [...document.fonts].filter(f => f.status === 'loaded' && f.family.startsWith('KaTeX')).length,
      width: document.documentElement.scrollWidth,
      typesetMs: Number(document.documentElement.dataset.typesetMs),
    };
  })()`);
  if (open) await evaluate(`document.querySelectorAll('details').forEach(d => { d.open = false; })`);
  if (seen.formulas === 0) problems.push('no formulas on the page');
  if (seen.untypeset > 0) problems.push(seen.untypeset + ' formulas left untypeset');
  if (seen.errors > 0) problems.push(seen.errors + ' .katex-error elements');
  if (seen.fonts === 0) problems.push('no KaTeX font loaded (are the inlined fonts broken?)');
  for (const raw of ['\\frac', '\\cdot', '\\sigma', '\\partial', '^{(']) {
    if (seen.text.includes(raw)) problems.push('raw TeX left in the text: ' + raw);
  }
  if (/\$[^$\n]+\$/.test(seen.text)) problems.push('raw $…$ left in the text');
  if (JSON.stringify(seen.svgs) !== JSON.stringify(svg)) {
    problems.push('drawings have [neurons, edges] ' + JSON.stringify(seen.svgs) + ', expected ' + JSON.stringify(svg));
  }
  if (plots >= 0 && seen.plots !== plots) problems.push(seen.plots + ' plots (activations, cost surface), expected ' + plots);
  if (plots > 0 && seen.plotMarkers === 0) problems.push('no focusable, titled markers on the plots');
  if (seen.untitled > 0) problems.push(seen.untitled + ' focusable drawing elements without a <title>');
  const squeezed = seen.text.replace(/\s+/g, "");
  for (const e of expect) if (!seen.text.includes(e) && !squeezed.includes(e.replace(/\s+/g, ""))) problems.push('"' + e + '" is not in the rendered text');
  if (seen.width > 1280) problems.push('the page is ' + seen.width + ' px wide at 1280 px (scrolls sideways)');

  const stepState = () => evaluate(`(() => {
    const box = document.querySelector('.stepper');
    if (!box || box.hidden) return null;
    const r = box.querySelector('input[type=range]'), dot = document.querySelector('svg.plot .step-marker');
    const pts = document.querySelector('svg.plot polyline.path').getAttribute('points').trim().split(/\\s+/);
    const at = pts[Number(r.value)].split(',').map(Number);
    return { value: Number(r.value), max: Number(r.max), text: box.querySelector('.step-readout').textContent,
      live: box.querySelector('.step-readout').getAttribute('aria-live'), label: !!box.querySelector('label[for="' + r.id + '"]'),
      onPath: !!dot && Math.abs(Number(dot.getAttribute('cx')) - at[0]) < 1e-9 && Math.abs(Number(dot.getAttribute('cy')) - at[1]) < 1e-9 };
  })()`);
  if (steps.length) {
    const first = await stepState();
    if (!first) problems.push('no step-through control (.stepper) shown');
    else {
      if (!first.label) problems.push('the step range has no <label>');
      if (first.live !== 'polite') problems.push('the step readout is not aria-live');
      if (first.value !== 0 || !first.text.startsWith('Step 0 of ' + first.max)) problems.push('the control does not start at step 0: ' + first.text);
      for (const spec of steps) {
        const eq = spec.indexOf('='), how = spec.slice(0, eq), want = spec.slice(eq + 1);
        let k;
        if (how.startsWith('+')) {
          await evaluate(`document.querySelector('.stepper input[type=range]').focus()`);
          for (let i = 0; i < Number(how.slice(1)); i++) {
            for (const type of ['rawKeyDown', 'keyUp']) {
              await s('Input.dispatchKeyEvent', { type, key: 'ArrowRight', code: 'ArrowRight', windowsVirtualKeyCode: 39 });
            }
          }
          k = null;
        } else if (how.startsWith('-')) {
          await evaluate(`(() => { for (let i = 0; i < ${Number(how.slice(1))}; i++) document.querySelector('.stepper .prev').click(); })()`);
          k = null;
        } else {
          k = Number(how);
          await evaluate(`(() => { const r = document.querySelector('.stepper input[type=range]'); r.value = '${k}';
            r.dispatchEvent(new Event('input', { bubbles: true })); })()`);
        }
        const st = await stepState();
        if (k !== null && st.value !== k) problems.push('step ' + spec + ': the range is at ' + st.value);
        if (!st.text.includes(want)) problems.push('step ' + spec + ': the readout is "' + st.text + '", expected "' + want + '"');
        if (!st.onPath) problems.push('step ' + spec + ': the marker is not on the path\'s point ' + st.value);
      }
      await evaluate(`document.querySelector('section[id$="-surface"] .stepper').scrollIntoView({ block: 'center' })`);
      await shot('-stepper');
    }
  }
  await evaluate('window.scrollTo(0, 0)');
  await shot('-1280x800');
  await evaluate(`document.querySelector('svg.net .edge')?.focus()`);
  await shot('-1280x800-focus');
  if (await evaluate(`(() => { const e = document.querySelector('section[id$="-activation"]'); if (e) e.scrollIntoView(); return !!e; })()`)) {
    await shot('-plots');
    await evaluate(`document.querySelector('section[id$="-surface"]')?.scrollIntoView()`);
    await shot('-surface');
    await evaluate('window.scrollTo(0, 0)');
  }
  // the equations skip their layout while off screen (content-visibility), which a capture beyond the screen shows as
  // blank: lay them all out for the full-page picture
  await evaluate(`document.head.insertAdjacentHTML('beforeend', '<style>.eqs li { content-visibility: visible !important; }</style>')`);
  const height = await evaluate('document.documentElement.scrollHeight');
  await shot('-full', { captureBeyondViewport: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 16000), scale: 0.6 } });
  await s('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  const phoneWidth = await evaluate('document.documentElement.scrollWidth');
  if (phoneWidth > 390) problems.push('the page is ' + phoneWidth + ' px wide at phone width 390 px (scrolls sideways)');
  await shot('-phone');
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
  await s('Emulation.setEmulatedMedia', { media: 'print' });
  const pdf = await s('Page.printToPDF', { printBackground: false });
  const pdfBytes = Buffer.from(pdf.data, 'base64');
  writeFileSync(outPrefix + '.pdf', pdfBytes);
  const pdfPages = (pdfBytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (!pdfBytes.subarray(0, 5).equals(Buffer.from('%PDF-')) || pdfBytes.length < 20000 || pdfPages < 2) {
    problems.push('the print PDF is not a PDF of the page (' + pdfBytes.length + ' bytes, ' + pdfPages + ' pages)');
  }
  await send('Browser.close').catch(() => {});
  clearTimeout(timer);
  if (problems.length) fail('\n  ' + problems.join('\n  '));
  console.log('ok ' + page + ': loaded in ' + loadSeconds.toFixed(1) + ' s with ' + typesetLoaded + ' formulas typeset (the rest in '
    + typesetAllSeconds.toFixed(1) + ' s, typesetting alone ' + (seen.typesetMs / 1000).toFixed(1) + ' s in all), ' + (openSeconds === null ? '' : 'tables opened in ' + openSeconds.toFixed(1) + ' s, ') + seen.formulas
    + ' formulas typeset, printed on ' + pdfPages + ' pages, drawings ' + JSON.stringify(seen.svgs)
    + ', ' + expect.length + ' expected values found, ' + steps.length + ' control steps; screenshots ' + outPrefix + '-*.png');
  process.exit(0);
} catch (e) {
  fail(e.stack);
}
