// The tab bar as app.json declares it: every tab has an icon and a selected icon, small PNGs.
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../miniprogram');
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as {
  tabBar: { list: Array<{ pagePath: string; iconPath?: string; selectedIconPath?: string }> };
};

it.each(app.tabBar.list.map((tab) => [tab.pagePath, tab] as const))(
  '%s has both icons, PNGs of at most 4 KB (WeChat allows 40 KB; they are in the main package)',
  (_page, tab) => {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      expect(icon).toMatch(/\.png$/);
      const file = path.join(root, icon ?? '');
      expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      expect(fs.statSync(file).size).toBeLessThanOrEqual(4096);
    }
  },
);
