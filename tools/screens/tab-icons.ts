// Draws the tab bar's icons (miniprogram/assets/tab/*.png, 81 × 81 px as WeChat recommends) from
// TDesign's icon set, in the tab bar's two colours from app.json. Run after changing either:
//   npx tsx tools/screens/tab-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser';

const root = path.resolve(__dirname, '../..');
const OUT = path.join(root, 'miniprogram/assets/tab');
/** Tab page → TDesign icon (outline when not selected, filled when selected). */
const ICONS: Record<string, string> = {
  home: 'home',
  menu: 'shop',
  orders: 'assignment',
  me: 'user-1',
};

async function main(): Promise<void> {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'miniprogram/app.json'), 'utf8')) as {
    tabBar: { color: string; selectedColor: string };
  };
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setViewport({ width: 81, height: 81, deviceScaleFactor: 1 });
  for (const [tab, icon] of Object.entries(ICONS)) {
    for (const [suffix, name, color] of [
      ['', icon, app.tabBar.color],
      ['-active', `${icon}-filled`, app.tabBar.selectedColor],
    ]) {
      const svg = fs
        .readFileSync(path.join(root, 'node_modules/tdesign-icons-svg/src', `${name}.svg`), 'utf8')
        .replace('view-box=', 'viewBox=')
        .replace(/width="1em" height="1em"/, 'width="64" height="64"')
        .replace(/currentColor/g, color);
      await page.setContent(
        `<body style="margin:0;display:flex;align-items:center;justify-content:center;width:81px;height:81px;background:transparent">${svg}</body>`,
      );
      const file = path.join(OUT, `${tab}${suffix}.png`) as `${string}.png`;
      await page.screenshot({ path: file, omitBackground: true });
      console.log(`tab-icons: ${path.relative(root, file)} ${fs.statSync(file).size} bytes`);
    }
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
