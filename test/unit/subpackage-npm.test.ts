import path from 'node:path';
import { rewriteReferences, subpackageOnlyComponents } from '../../tools/build/subpackage-npm';

const mp = path.resolve(__dirname, '../../miniprogram');

describe('npm run build copies the TDesign components only a subpackage uses into it', () => {
  const plan = subpackageOnlyComponents(mp);

  it('moves the order pages’ steps and the spec picker’s popup out of the main package', () => {
    expect(plan.get('packages/order')).toEqual(
      expect.arrayContaining(['steps', 'step-item', 'popup', 'overlay', 'check-tag']),
    );
    expect(plan.get('packages/staff')).toEqual(expect.arrayContaining(['input', 'switch']));
  });

  it('leaves what a tab page uses in the main package, for every subpackage to share', () => {
    for (const components of plan.values()) {
      for (const shared of ['button', 'cell', 'empty', 'stepper', 'tabs', 'icon', 'loading'])
        expect(components).not.toContain(shared);
    }
  });

  it('points a copy’s references to what stays in the main package back there', () => {
    const npm = path.join(mp, 'miniprogram_npm/tdesign-miniprogram');
    const from = path.join(npm, 'popup/popup.js');
    const to = path.join(mp, 'packages/order/miniprogram_npm/tdesign-miniprogram/popup/popup.js');
    const copied = (file: string): boolean =>
      ['popup', 'overlay'].some((c) => file.startsWith(path.join(npm, c) + path.sep));
    const code =
      'import{__decorate}from"tslib";import props from"./props";' +
      'import{SuperComponent}from"../common/src/index";' +
      '@import \'../common/style/index.wxss\';{"t-overlay":"../overlay/overlay"}';
    expect(
      rewriteReferences(code, from, to, copied, path.join(npm, 'miniprogram_npm/tslib/index')),
    ).toBe(
      'import{__decorate}from"../../../../../miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index";' +
        'import props from"./props";' +
        'import{SuperComponent}from"../../../../../miniprogram_npm/tdesign-miniprogram/common/src/index";' +
        "@import '../../../../../miniprogram_npm/tdesign-miniprogram/common/style/index.wxss';" +
        '{"t-overlay":"../overlay/overlay"}',
    );
  });
});
