import fs from 'node:fs';
import path from 'node:path';
import { helpersModule, importedHelpers, SHIPPED_TSLIB } from '../../tools/build/tslib-subset';

const root = path.resolve(__dirname, '../..');

describe('npm run build keeps only the tslib helpers TDesign imports', () => {
  const names = importedHelpers(path.join(root, 'miniprogram/miniprogram_npm/tdesign-miniprogram'));

  it('finds the named imports of every TDesign file', () => {
    expect(names).not.toBeNull();
    expect([...(names ?? [])].sort()).toEqual(['__awaiter', '__decorate', '__rest']);
  });

  it('ships a module whose helpers work as tslib’s do', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shipped = require(path.join(root, SHIPPED_TSLIB)) as Record<string, unknown>;
    for (const name of names ?? []) expect(typeof shipped[name]).toBe('function');
    const rest = shipped.__rest as (s: object, e: string[]) => object;
    expect(rest({ a: 1, b: 2 }, ['a'])).toEqual({ b: 2 });
    const awaiter = shipped.__awaiter as (
      t: unknown,
      a: unknown,
      p: unknown,
      g: () => Generator<unknown, number>,
    ) => Promise<number>;
    await expect(
      awaiter(undefined, undefined, undefined, function* () {
        const x = (yield Promise.resolve(2)) as number;
        return x + 1;
      }),
    ).resolves.toBe(3);
  });

  it('gives up on a helper tslib does not have', () => {
    const source = fs.readFileSync(path.join(root, 'node_modules/tslib/tslib.es6.js'), 'utf8');
    expect(helpersModule(source, new Set(['__nothing']))).toBeNull();
  });
});
