// The build keeps only the t-icon glyphs the app can show (tools/build/icon-glyphs.ts).
import fs from 'node:fs';
import path from 'node:path';
import { glyphNames, SHIPPED, usedGlyphs } from '../../tools/build/icon-glyphs';

const root = path.join(__dirname, '../..');
const full = glyphNames(
  fs.readFileSync(
    path.join(root, 'node_modules/tdesign-miniprogram/miniprogram_dist/icon/icon.wxss'),
    'utf8',
  ),
);

it('keeps the glyphs our pages and the TDesign components they use name, and drops the rest', () => {
  const used = usedGlyphs(root, full);
  // A cell's arrow, the stepper's − and +, a popup's and a tag's close, a step's check.
  for (const name of ['chevron-right', 'remove', 'add', 'close', 'check'])
    expect(used).toContain(name);
  expect(used).not.toContain('sunny');
  expect(used.size).toBeLessThan(full.size / 10);
});

it('ships exactly those glyphs, with the font face and t-icon’s own rules kept', () => {
  const css = fs.readFileSync(path.join(root, SHIPPED), 'utf8');
  expect(glyphNames(css)).toEqual(usedGlyphs(root, full));
  expect(css).toContain('@font-face');
  expect(css).toContain('.t-icon-base{');
});
