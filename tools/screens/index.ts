// npm run screens — every page in its key states, drawn in Chromium into screens/ (one PNG per
// state, a full-height one where the page scrolls, and index.html), by the `screens` jest
// project (test/screens), which also fails on a layout problem. The local cloud's console shows
// the gallery.
//
//   npm run screens              the whole gallery
//   npm run screens -- --readme  also refreshes the README's pictures in docs/screens/
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readManifests } from './gallery';
import { launchBrowser } from './browser';

const root = path.resolve(__dirname, '../..');
const SCREENS = path.join(root, 'screens');
const README_DIR = path.join(root, 'docs/screens');

/** The README's pictures: the first thing a visitor sees of the store. */
const README_SHOTS = [
  'home--open',
  'menu--spec-picker',
  'order-checkout--pickup',
  'order-result--paid',
  'staff-board--tab-new',
];

/** Small copies for the README: one device pixel per CSS pixel, top of the screen. */
async function writeReadmePictures(): Promise<void> {
  fs.mkdirSync(README_DIR, { recursive: true });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setViewport({ width: 375, height: 812, deviceScaleFactor: 1 });
  for (const id of README_SHOTS) {
    const picture = fs.readFileSync(path.join(SCREENS, `${id}.png`)).toString('base64');
    await page.setContent(
      `<body style="margin:0"><img style="width:375px;height:812px" src="data:image/png;base64,${picture}"></body>`,
    );
    await page.screenshot({ path: path.join(README_DIR, `${id}.png`) as `${string}.png` });
  }
  await browser.close();
  console.log(`screens: ${README_SHOTS.length} README pictures in docs/screens/`);
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.rmSync(SCREENS, { recursive: true, force: true });
  const jest = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--selectProjects', 'screens'],
    { cwd: root, stdio: 'inherit' },
  );
  const shots = readManifests(SCREENS);
  const pictures = shots.reduce((sum, shot) => sum + shot.pictures.length, 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `screens: ${shots.length} states, ${pictures} pictures in ${seconds} s → screens/index.html`,
  );
  if (jest.status !== 0) process.exit(jest.status ?? 1);
  if (process.argv.includes('--readme')) await writeReadmePictures();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
