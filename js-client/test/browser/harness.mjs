// Shared by the browser tests: headless Chromium kept off the network, the harness's control endpoint (scripted
// person and token slot), screenshots, and a watch over everything the page sends and receives.
// Run by demo/src/test/java/vn/kyso/demo/BrowserTest.java, which starts the agent, the demo servers and the harness.
import fs from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

function required (name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through BrowserTest (mvn -pl demo test)`);
  return value;
}

export const env = {
  web: required('KYSO_WEB_URL'),
  foreign: required('KYSO_FOREIGN_URL'),
  agent: required('KYSO_AGENT_URL'),
  /** The demo page from this machine's network address ('' when it has none). */
  lan: process.env.KYSO_LAN_URL ?? '',
  /** The demo page over https (self-signed certificate for localhost, made for this run). */
  secure: required('KYSO_SECURE_URL'),
  control: required('KYSO_CONTROL_URL'),
  pin: required('KYSO_TEST_PIN'),
  chromium: process.env.KYSO_CHROMIUM ?? '/usr/bin/chromium',
  artifacts: required('KYSO_ARTIFACTS')
};

/**
 * Chromium flags: headless, no sandbox (root in CI), no background fetching, and every request that is not to loopback
 * sent to a dead proxy, so nothing leaves the machine.
 */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--metrics-recording-only', '--disable-default-apps',
  '--disable-extensions', '--proxy-server=127.0.0.1:9',
  `--proxy-bypass-list=localhost;127.0.0.1;[::1]${env.lan ? ';' + new URL(env.lan).hostname : ''}`
];

/** @param {string[]} [extraArgs] e.g. a feature switch standing for an administrator's browser policy */
export async function launch (extraArgs = []) {
  const browser = await chromium.launch({ executablePath: env.chromium, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
  return { browser, context };
}

/** Records every WebSocket frame and HTTP request of a page, to prove what it never saw. */
export function watch (page) {
  const seen = { framesSent: [], framesReceived: [], requests: [], console: [] };
  page.on('websocket', (socket) => {
    socket.on('framesent', (f) => { if (typeof f.payload === 'string') seen.framesSent.push(f.payload); });
    socket.on('framereceived', (f) => { if (typeof f.payload === 'string') seen.framesReceived.push(f.payload); });
  });
  page.on('request', (request) => seen.requests.push({ url: request.url(), body: request.postData() ?? '' }));
  page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => seen.console.push(`pageerror: ${e.message}`));
  return seen;
}

export async function control (pathname, method = 'GET') {
  const response = await fetch(env.control + pathname, { method });
  if (!response.ok) throw new Error(`control ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Clears what the person was asked and logs the tokens out; `pin: 'wrong'` makes the person mistype the PIN. */
export function resetPerson (decision = 'APPROVE', { pin = 'right' } = {}) {
  return control(`/prompts/reset?decision=${decision}&pin=${pin}`, 'POST');
}

export function prompts () {
  return control('/prompts');
}

export async function screenshot (page, name) {
  fs.mkdirSync(env.artifacts, { recursive: true });
  const file = path.join(env.artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Opens the demo document system and waits until it is connected to the agent. */
export async function openDemo (context, url = env.web) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url + '/');
  await page.waitForSelector('#agent-status:not([data-state="pending"])');
  return { page, seen };
}

/**
 * One browser with the demo page open for the tests of a file: launched before them, closed after them.
 * @returns {{browser, context, page, seen}} filled in once the file's tests start
 */
export function demoPage ({ url = env.web, args = [] } = {}) {
  const session = {};
  before(async () => {
    Object.assign(session, await launch(args));
    Object.assign(session, await openDemo(session.context, url));
  });
  after(async () => { await session.browser?.close(); });
  return session;
}

/** Waits for the outcome of the action just started on the page; returns its kind (ok | error) and text. */
/**
 * Forgets the outcome shown on the page (the message box keeps the last one until the next action starts), so the
 * next {@link outcome} waits for a new one. Call it before the action.
 */
export function forgetOutcome (page) {
  return page.evaluate(() => { document.getElementById('message').dataset.kind = ''; });
}

export async function outcome (page, timeout = 120000) {
  await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('message').dataset.kind), null,
    { timeout });
  return { kind: await page.getAttribute('#message', 'data-kind'), text: await page.textContent('#message') };
}

export function median (values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function writeArtifact (name, content) {
  fs.mkdirSync(env.artifacts, { recursive: true });
  fs.writeFileSync(path.join(env.artifacts, name), content);
}

/** A valid one-page PDF padded to `size` bytes with an incompressible stream (random bytes), for upload tests. */
export function paddedPdf (size) {
  // The padding's length is written into the file, so measure once with a same-width guess, then fill exactly.
  const overhead = buildPdf(size).length - size;
  return buildPdf(size - overhead);
}

function buildPdf (padding) {
  const header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
    null
  ];
  const parts = [Buffer.from(header, 'latin1')];
  const offsets = [];
  let offset = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(offset);
    let chunk;
    if (body === null) {
      const data = Buffer.alloc(padding);
      for (let p = 0; p < padding; p += 65536) {
        globalThis.crypto.getRandomValues(data.subarray(p, Math.min(padding, p + 65536)));
      }
      chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${padding} >>\nstream\n`, 'latin1'), data,
        Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    } else {
      chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    }
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Clicks one of the legacy page's buttons and returns the reply its callback logged for that step. */
export async function pressLegacy (page, button, step) {
  const count = await page.locator(`.result[data-step="${step}"]`).count();
  await page.click(button);
  const entry = page.locator(`.result[data-step="${step}"]`).nth(count);
  await entry.waitFor({ timeout: 120000 });
  return JSON.parse(await entry.getAttribute('data-reply'));
}

/** The id of the certificate on the token labelled `label`, as an integrator reads it (js-client's tokens.list). */
export function legacyCertificate (page, label) {
  return page.evaluate(async ({ agentUrl, label }) => {
    const { connect } = await import('/js/kyso/index.js');
    const agent = await connect({ url: agentUrl, reconnect: false });
    try {
      return (await agent.certificates()).find((c) => c.token.label === label)?.id;
    } finally {
      agent.close();
    }
  }, { agentUrl: env.agent, label });
}
