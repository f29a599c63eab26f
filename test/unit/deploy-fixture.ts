// A throw-away project for the deploy tools: storefront.config.json, project.config.json, a tiny
// mini program and built cloud functions, so tests never touch the real config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FixtureOptions {
  config?: Record<string, unknown>;
  /** Bytes of the page script (to push the main package over its budget). */
  pageBytes?: number;
  /** cloudfunctions/<name>/config.json; index.js is written unless `built` is false. */
  functions?: Record<string, { config: Record<string, unknown>; built?: boolean }>;
}

export const COMPLETE_CONFIG = {
  appid: 'wx0123456789abcdef',
  envId: 'store-prod-1a2b3c',
  mode: 'cloud',
  localCloudUrl: 'http://127.0.0.1:3900',
  privateKeyPath: 'keys/private.wx0123456789abcdef.key',
  templates: {
    orderPaid: 'tmpl-paid',
    orderStatus: 'tmpl-status',
    orderReady: 'tmpl-ready',
    orderRefunded: 'tmpl-refund',
  },
  oa: { appid: '', encryptMode: 'safe' },
};

export function makeFixture(options: FixtureOptions = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const config = { ...COMPLETE_CONFIG, ...options.config };
  write('storefront.config.json', JSON.stringify(config, null, 2));
  write('project.config.json', JSON.stringify({ appid: config.appid }));
  write('package.json', JSON.stringify({ name: 'fixture', version: '1.2.3' }));
  write('keys/private.wx0123456789abcdef.key', 'not a real key');
  write('miniprogram/app.json', JSON.stringify({ pages: ['pages/home/index'] }));
  write('miniprogram/pages/home/index.json', '{}');
  write('miniprogram/pages/home/index.wxml', '<view>home</view>');
  write('miniprogram/pages/home/index.js', `// ${'x'.repeat(options.pageBytes ?? 100)}\n`);
  const functions = options.functions ?? {
    api: { config: { timeout: 10, permissions: { openapi: ['subscribeMessage.send'] } } },
    cron: {
      config: { timeout: 20, triggers: [{ name: 'tick', type: 'timer', config: '0 * * * * * *' }] },
    },
  };
  for (const [name, fn] of Object.entries(functions)) {
    write(`cloudfunctions/${name}/config.json`, JSON.stringify(fn.config));
    write(`cloudfunctions/${name}/package.json`, '{"dependencies":{"wx-server-sdk":"4.0.2"}}');
    if (fn.built !== false) write(`cloudfunctions/${name}/index.js`, 'exports.main = () => 1;');
  }
  return root;
}

export function removeFixture(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
