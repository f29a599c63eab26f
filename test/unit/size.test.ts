import path from 'node:path';
import { sizeReport, withCompiled } from '../../tools/size/report';

const root = path.resolve(__dirname, '../../miniprogram');

describe('npm run size counts what an upload would include', () => {
  const report = sizeReport(root);
  const main = report.packages[0];
  const filesOf = (name: string) =>
    report.packages.find((p) => p.name === name)?.files.map((f) => f.file) ?? [];

  it('puts the tab pages and the TDesign components they use in the main package', () => {
    const files = filesOf('main');
    expect(files).toEqual(expect.arrayContaining(['app.json', 'pages/home/index.ts']));
    expect(files).toContain('miniprogram_npm/tdesign-miniprogram/button/button.js');
    // Reached through button.js's own imports, not through usingComponents.
    expect(files).toContain('miniprogram_npm/tdesign-miniprogram/common/src/index.js');
  });

  it('leaves out TDesign components nobody uses', () => {
    expect(filesOf('main').some((f) => f.includes('/calendar/'))).toBe(false);
  });

  it('counts subpackage pages in their subpackage, not in main', () => {
    expect(filesOf('staff')).toContain('packages/staff/pages/board/index.wxml');
    expect(filesOf('main').some((f) => f.startsWith('packages/'))).toBe(false);
  });

  it('counts a subpackage’s own TDesign copies in it, and the shared ones in main', () => {
    // tools/build/subpackage-npm.ts: t-steps only serves the order detail page.
    expect(filesOf('order')).toContain(
      'packages/order/miniprogram_npm/tdesign-miniprogram/steps/steps.js',
    );
    expect(filesOf('main').some((f) => f.includes('/steps/'))).toBe(false);
    // A shared file only the copies use goes with them: t-popup's transition mixin.
    expect(filesOf('order')).toContain(
      'packages/order/miniprogram_npm/tdesign-miniprogram/mixins/transition.js',
    );
    expect(filesOf('main')).not.toContain(
      'miniprogram_npm/tdesign-miniprogram/mixins/transition.js',
    );
    expect(filesOf('main')).toContain('miniprogram_npm/tdesign-miniprogram/button/button.js');
  });

  it('adds packages up to the total', () => {
    expect(report.total).toBe(report.packages.reduce((sum, p) => sum + p.bytes, 0));
    expect(main.bytes).toBeGreaterThan(0);
  });

  it('puts each compiled file in the package whose root it is under', () => {
    const compiled = withCompiled(report, {
      'app.js': 10,
      '@babel/runtime/helpers/typeof.js': 5,
      'packages/order/pages/cart/index.js': 7,
    });
    expect(compiled.packages.map((p) => [p.name, p.compiled?.bytes])).toEqual([
      ['main', 15],
      ['order', 7],
      ['staff', 0],
      ['oa', 0],
    ]);
    expect(compiled.compiledTotal).toBe(22);
  });
});
