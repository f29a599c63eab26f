// The layout checks themselves: a page with one of each problem is refused, each named.
import path from 'node:path';
import { mount } from '../helpers/mount';
import { scene } from './support/scenes';

const demo = scene('customer');
const FIXTURES = path.join(__dirname, '../fixtures/screens');
const BAD = 'bad-page/index';

it('names every problem of a bad page: text, target, overflow, contrast, cut-off, icon', async () => {
  const shot = demo.shoot(mount(BAD, {}, FIXTURES), BAD, 'bad', false);
  await expect(shot).rejects.toThrow(/text: \.size 「中杯null」 — renders "中杯null"/);
  await expect(shot).rejects.toThrow(/touch-target: \.tiny 「\+」 — 20×20 px, under 44×44/);
  await expect(shot).rejects.toThrow(/overflow: \.wide 「门店公告」 — spans 0…500 px/);
  await expect(shot).rejects.toThrow(/contrast: \.faint 「已售罄」/);
  await expect(shot).rejects.toThrow(/cut-off: \.clipped/);
  // An icon the build did not keep a glyph for (tools/build/icon-glyphs.ts) would be blank.
  await expect(shot).rejects.toThrow(
    /icon: t-icon-sunny — no glyph in the shipped t-icon stylesheet/,
  );
});
