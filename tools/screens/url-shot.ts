// A picture of one URL in Chromium, for pages that are not mini program pages (the local cloud's
// printed tickets): `node --import tsx tools/screens/url-shot.ts <url> <out.png> [page state]`;
// with a page and state the picture joins the gallery (screens/index.html) as a staff shot.
// Prints one JSON line: {paper, widest} — the print width of the `.paper` element and of its widest
// `.line`, so a caller can check nothing is wider than the paper.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser';
import { writeGallery, type Manifest } from './gallery';

/** The Chinese font the screens draw with (a machine may have none); served under /__fonts/. */
const FONTS = path.resolve(__dirname, '../../node_modules/@fontsource/noto-sans-sc');

async function main(): Promise<void> {
  const [url, out, page, state] = process.argv.slice(2);
  if (!url || !out) throw new Error('usage: url-shot.ts <url> <out.png> [page state]');
  const width = 420;
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width, height: 200, deviceScaleFactor: 2 });
    await tab.setRequestInterception(true);
    tab.on('request', (request) => {
      const { pathname } = new URL(request.url());
      const file = path.join(FONTS, path.normalize(pathname.replace(/^\/__fonts\//, '')));
      if (pathname.startsWith('/__fonts/') && file.startsWith(FONTS) && fs.existsSync(file)) {
        const type = file.endsWith('.css') ? 'text/css' : 'font/woff2';
        void request.respond({ contentType: type, body: fs.readFileSync(file) });
      } else {
        void request.continue();
      }
    });
    await tab.goto(url, { waitUntil: 'networkidle0' });
    await tab.addStyleTag({ url: new URL('/__fonts/400.css', url).href });
    await tab.addStyleTag({ url: new URL('/__fonts/700.css', url).href });
    // Subsets of the font load on first use: ask for every character on the page, then wait.
    await tab.evaluate(
      `Promise.all(['400', '700'].map((w) => document.fonts.load(w + ' 16px "Noto Sans SC"', document.body.innerText))).then(() => true)`,
    );
    await tab.evaluate('document.fonts.ready.then(() => true)');
    const sizes = await tab.evaluate(`(() => {
      const paper = document.querySelector('.paper');
      const lines = [...document.querySelectorAll('.paper .line')];
      const pad = paper ? parseFloat(getComputedStyle(paper).paddingLeft) + parseFloat(getComputedStyle(paper).paddingRight) : 0;
      return { paper: paper ? paper.clientWidth - pad : 0, widest: Math.max(0, ...lines.map((l) => l.scrollWidth)) };
    })()`);
    await tab.screenshot({ path: out as `${string}.png`, fullPage: true });
    if (page && state) {
      const dir = path.dirname(out);
      const id = path.basename(out, '.png');
      const manifest: Manifest = {
        id,
        group: 'staff',
        page,
        state,
        pictures: [`${id}.png`],
        problems: [],
      };
      fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(manifest, null, 1));
      writeGallery(dir);
    }
    process.stdout.write(`${JSON.stringify(sizes)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
