// The browser side of the screens: a Node process holding one Chromium. Page tests (jsdom) send
// it one captured state per stdin line; it draws the state in a phone frame, runs the layout
// checks and axe-core's colour-contrast rule on the real layout, writes the pictures and the
// gallery into screens/, and answers with the problems found (one JSON line on stdout).
//
// stdout: "READY" once the browser runs; then one ShotResult (or {error}) per line received.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Frame, HTTPRequest, Page } from 'puppeteer-core';
import { launchBrowser } from './browser';
import {
  frameDocument,
  iconsWithoutGlyph,
  isTabPage,
  pageDocument,
  SCREEN,
  windowHeight,
} from './frame';
import { writeGallery } from './gallery';
import { shotId, type Capture, type Problem, type ShotResult } from './protocol';

const root = path.resolve(__dirname, '../..');
export const SCREENS_DIR = path.join(root, 'screens');
const FONTS = path.join(root, 'node_modules/@fontsource/noto-sans-sc');
const ORIGIN = 'http://screens.local';
const CHECKS = fs.readFileSync(path.join(__dirname, 'page-checks.js'), 'utf8');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const documents = new Map<string, string>();

function serve(request: HTTPRequest): void {
  const url = new URL(request.url());
  if (url.origin !== ORIGIN) {
    void request.continue();
    return;
  }
  const doc = documents.get(url.pathname);
  if (doc !== undefined) {
    void request.respond({ contentType: 'text/html; charset=utf-8', body: doc });
    return;
  }
  const file = path.join(FONTS, path.normalize(url.pathname.replace(/^\/fonts\//, '')));
  if (url.pathname.startsWith('/fonts/') && file.startsWith(FONTS) && fs.existsSync(file)) {
    const type = file.endsWith('.css') ? 'text/css' : 'font/woff2';
    void request.respond({ contentType: type, body: fs.readFileSync(file) });
    return;
  }
  void request.respond({ status: 404, body: '' });
}

async function pageFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#page');
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the page frame did not load');
  return frame;
}

/** Scroll positions a scroll-view asks for (scroll-top, scroll-into-view), as WeChat applies them. */
const APPLY_SCROLL = `(() => {
  for (const el of document.querySelectorAll('[data-scroll-top]')) el.scrollTop = Number(el.getAttribute('data-scroll-top')) || 0;
  for (const el of document.querySelectorAll('[data-scroll-into-view]')) {
    const target = document.getElementById(el.getAttribute('data-scroll-into-view'));
    if (target) el.scrollTop += target.getBoundingClientRect().top - el.getBoundingClientRect().top;
  }
})()`;

const CONTRAST = `(async () => {
  const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
  return result.violations.flatMap((v) => v.nodes.map((node) => {
    const el = document.querySelector(node.target[0]);
    const data = (node.any[0] || {}).data || {};
    return { check: 'contrast', element: el ? window.__screensDescribe(el) : String(node.target[0]),
      detail: data.fgColor + ' on ' + data.bgColor + ' is ' + data.contrastRatio + ':1, under ' + (data.expectedContrastRatio || '4.5:1') };
  }));
})()`;

async function shoot(page: Page, capture: Capture): Promise<ShotResult> {
  const id = shotId(capture);
  documents.clear();
  documents.set(`/page/${id}`, pageDocument(capture));
  documents.set(`/frame/${id}`, frameDocument(capture, `${ORIGIN}/page/${id}`));
  await page.setViewport({ width: SCREEN.width, height: SCREEN.height, deviceScaleFactor: 2 });
  await page.goto(`${ORIGIN}/frame/${id}`, { waitUntil: 'networkidle0' });
  const frame = await pageFrame(page);
  await frame.evaluate(APPLY_SCROLL);
  await frame.evaluate('document.fonts.ready.then(() => true)');
  await page.evaluate('document.fonts.ready.then(() => true)');

  await frame.evaluate(CHECKS);
  await frame.evaluate(AXE);
  const problems = [
    ...((await frame.evaluate('window.__screensChecks()')) as Problem[]),
    ...((await frame.evaluate(CONTRAST)) as Problem[]),
    ...iconsWithoutGlyph(capture.html).map((name): Problem => ({
      check: 'icon',
      element: `t-icon-${name}`,
      detail:
        'no glyph in the shipped t-icon stylesheet: blank on a phone (tools/build/icon-glyphs.ts)',
    })),
  ];

  if (capture.gallery === false) return { pictures: [], problems };

  // The page as drawn, for a look with a browser's developer tools.
  fs.mkdirSync(path.join(SCREENS_DIR, 'html'), { recursive: true });
  fs.writeFileSync(
    path.join(SCREENS_DIR, 'html', `${id}.html`),
    documents.get(`/page/${id}`) ?? '',
  );
  const pictures = [`${id}.png`];
  await page.screenshot({ path: path.join(SCREENS_DIR, pictures[0]) as `${string}.png` });

  // A page that scrolls also gets a picture of its whole height.
  const height = windowHeight(capture);
  const contentHeight = (await frame.evaluate('document.documentElement.scrollHeight')) as number;
  if (contentHeight > height + 1) {
    await page.evaluate(`document.getElementById('page').style.height = '${contentHeight}px'`);
    const bars =
      SCREEN.statusBar + SCREEN.navBar + (isTabPage(capture) ? SCREEN.tabBar + SCREEN.safeArea : 0);
    await page.setViewport({
      width: SCREEN.width,
      height: contentHeight + bars,
      deviceScaleFactor: 2,
    });
    await frame.evaluate(APPLY_SCROLL);
    pictures.push(`${id}.full.png`);
    await page.screenshot({ path: path.join(SCREENS_DIR, pictures[1]) as `${string}.png` });
  }

  const manifest = {
    id,
    group: capture.group,
    page: capture.page,
    state: capture.state,
    pictures,
    problems,
  };
  fs.writeFileSync(path.join(SCREENS_DIR, `${id}.json`), JSON.stringify(manifest, null, 1));
  writeGallery(SCREENS_DIR);
  return { pictures, problems };
}

async function main(): Promise<void> {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', serve);
  process.stdout.write('READY\n');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      process.stdout.write(`${JSON.stringify(await shoot(page, JSON.parse(line) as Capture))}\n`);
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ error: String((err as Error).stack ?? err) })}\n`);
    }
  }
  await browser.close();
}

main().catch((err) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
