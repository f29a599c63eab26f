// `npm run doctor` on throw-away projects: each missing setting is named with its fix.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runDoctor } from '../../tools/deploy/doctor/run';
import type { Finding } from '../../tools/deploy/doctor/finding';
import { COMPLETE_CONFIG, makeFixture, removeFixture, type FixtureOptions } from './deploy-fixture';

const roots: string[] = [];
afterAll(() => roots.forEach(removeFixture));

function doctor(options: FixtureOptions = {}, env: NodeJS.ProcessEnv = {}) {
  const root = makeFixture(options);
  roots.push(root);
  return { root, ...runDoctor({ root, env }) };
}

const errors = (findings: Finding[]) => findings.filter((f) => f.level === 'error');
const byCheck = (findings: Finding[], check: string) => findings.find((f) => f.check === check);

test('a complete configuration is ready (exit 0, warnings only)', () => {
  const { exitCode, findings, report } = doctor(
    {},
    { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' },
  );
  expect(errors(findings)).toEqual([]);
  expect(exitCode).toBe(0);
  expect(report).toContain('doctor: ready to deploy');
});

test('the fresh-clone configuration names every missing setting with its fix, exit 1', () => {
  const { exitCode, findings, report } = doctor({
    config: {
      appid: 'touristappid',
      envId: '',
      mode: 'local',
      privateKeyPath: '',
      templates: { orderPaid: '', orderStatus: '', orderReady: '', orderRefunded: '' },
    },
  });
  expect(exitCode).toBe(1);
  expect(errors(findings).map((f) => f.check)).toEqual(['appid', 'envId', 'templates']);
  expect(byCheck(findings, 'appid')!.message).toContain('placeholder "touristappid"');
  expect(byCheck(findings, 'appid')!.fix).toContain('mp.weixin.qq.com');
  expect(byCheck(findings, 'envId')!.fix).toContain('"envId"');
  expect(byCheck(findings, 'templates')!.message).toBe(
    'subscribe-message template id(s) not filled: templates.orderPaid, templates.orderStatus, templates.orderReady, templates.orderRefunded',
  );
  expect(byCheck(findings, 'mode')!.level).toBe('warning');
  expect(byCheck(findings, 'privateKeyPath')!.level).toBe('warning');
  for (const finding of findings.filter((f) => f.level !== 'ok')) expect(finding.fix).toBeTruthy();
  // All problems at once, each followed by its fix.
  expect(report.match(/✗/g)).toHaveLength(3);
  expect(report.match(/ fix: /g)!.length).toBeGreaterThanOrEqual(5);
});

test('envId missing while mode is cloud says so', () => {
  const { findings } = doctor({ config: { envId: '' } });
  expect(byCheck(findings, 'envId')!.message).toContain('while "mode" is "cloud"');
});

test('no templates section at all is a problem too', () => {
  const { findings } = doctor({ config: { templates: undefined } });
  expect(byCheck(findings, 'templates')!.level).toBe('error');
});

test('project.config.json out of step with storefront.config.json → run npm run build', () => {
  const { root } = doctor();
  fs.writeFileSync(path.join(root, 'project.config.json'), '{"appid":"touristappid"}');
  const { findings } = runDoctor({ root, env: {} });
  expect(byCheck(findings, 'appid')).toMatchObject({
    level: 'error',
    fix: expect.stringContaining('npm run build'),
  });
});

describe('official account', () => {
  const linked = { oa: { appid: 'wxoa0123456789ab', encryptMode: 'safe' } };
  const aesKey = 'a'.repeat(43);

  test('safe mode with a token but no AES key is a problem', () => {
    const { findings, exitCode } = doctor({ config: linked }, { STOREFRONT_OA_TOKEN: 't0ken' });
    expect(exitCode).toBe(1);
    expect(byCheck(findings, 'oa secrets')).toMatchObject({
      level: 'error',
      message: expect.stringContaining('STOREFRONT_OA_AES_KEY is not'),
      fix: expect.stringContaining('EncodingAESKey'),
    });
  });

  test('a malformed AES key is a problem; a good one passes', () => {
    const bad = doctor(
      { config: linked },
      { STOREFRONT_OA_TOKEN: 't', STOREFRONT_OA_AES_KEY: 'short' },
    );
    expect(byCheck(bad.findings, 'oa secrets')!.message).toContain('43');
    const good = doctor(
      { config: linked },
      { STOREFRONT_OA_TOKEN: 't', STOREFRONT_OA_AES_KEY: aesKey },
    );
    expect(byCheck(good.findings, 'oa')).toMatchObject({ level: 'ok' });
  });

  test('names the OA template ids still empty once an OA is linked', () => {
    const partly = doctor({
      config: { oa: { ...linked.oa, templates: { orderReady: 'tpl-ready', orderRefunded: '' } } },
    });
    expect(byCheck(partly.findings, 'oa.templates')).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('oa.templates.orderRefunded'),
      fix: expect.stringContaining('模板消息'),
    });
    const filled = doctor({ config: { oa: { ...linked.oa, templates: { orderReady: 'tpl' } } } });
    expect(byCheck(filled.findings, 'oa.templates')).toMatchObject({ level: 'ok' });
  });

  test('plain mode needs no AES key; an unknown mode is named', () => {
    const plain = doctor(
      { config: { oa: { appid: 'wxoa', encryptMode: 'plain' } } },
      { STOREFRONT_OA_TOKEN: 't' },
    );
    expect(errors(plain.findings)).toEqual([]);
    const odd = doctor({ config: { oa: { appid: 'wxoa', encryptMode: 'aes' } } });
    expect(byCheck(odd.findings, 'oa.encryptMode')!.level).toBe('error');
  });

  test('secrets not visible in this shell are a warning, not a failure', () => {
    const { findings, exitCode } = doctor({ config: linked });
    expect(byCheck(findings, 'oa secrets')!.level).toBe('warning');
    expect(exitCode).toBe(0);
  });

  test('secrets written into a committed config.json are refused', () => {
    const { findings } = doctor({
      functions: { oa: { config: { envVariables: { STOREFRONT_OA_TOKEN: 'leak' } } } },
    });
    expect(byCheck(findings, 'secrets')).toMatchObject({
      level: 'error',
      message: expect.stringContaining('cloudfunctions/oa/config.json holds STOREFRONT_OA_TOKEN'),
    });
  });

  test("the cloud printer account's UKEY written into a committed config.json is refused", () => {
    const { findings } = doctor({
      functions: { api: { config: { envVariables: { STOREFRONT_PRINT_FEIE_UKEY: 'leak' } } } },
    });
    expect(byCheck(findings, 'secrets')).toMatchObject({
      level: 'error',
      message: expect.stringContaining('holds STOREFRONT_PRINT_FEIE_UKEY'),
    });
  });
});

test('a main package over the 600 KiB budget is a problem', () => {
  const { findings } = doctor({ pageBytes: 601 * 1024 });
  expect(byCheck(findings, 'size')).toMatchObject({
    level: 'error',
    message: expect.stringContaining('over the 600.0 KiB budget'),
    fix: expect.stringContaining('npm run size'),
  });
});

test('cloud functions not built are a problem', () => {
  const { findings } = doctor({ functions: { api: { config: { timeout: 3 }, built: false } } });
  expect(byCheck(findings, 'functions')).toMatchObject({
    level: 'error',
    message: 'cloudfunctions/api: index.js not built: run `npm run build`',
  });
});

test('says when WeChat Pay shipping info applies, and which cloud-call permissions it lacks', () => {
  const shipping = ['wxa.sec.order.isTradeManaged', 'wxa.sec.order.uploadShippingInfo'];
  const lacking = byCheck(doctor().findings, 'shipping info')!;
  expect(lacking).toMatchObject({
    level: 'warning',
    message: expect.stringContaining('applies only if WeChat has the mini program under trade'),
    fix: expect.stringContaining('permissions.openapi'),
  });
  expect(lacking.message).toContain(
    'api: wxa.sec.order.isTradeManaged, api: wxa.sec.order.uploadShippingInfo, cron: wxa.sec.order.isTradeManaged',
  );
  const granted = doctor({
    functions: {
      api: { config: { permissions: { openapi: ['subscribeMessage.send', ...shipping] } } },
      cron: { config: { permissions: { openapi: shipping } } },
    },
  });
  expect(byCheck(granted.findings, 'shipping info')).toMatchObject({
    level: 'ok',
    message: expect.stringContaining('is_trade_managed'),
  });
});

test('a configured private key that is missing is a problem; STOREFRONT_PRIVATE_KEY wins', () => {
  const { findings, root } = doctor({ config: { privateKeyPath: 'keys/nowhere.key' } });
  expect(byCheck(findings, 'privateKeyPath')).toMatchObject({
    level: 'error',
    message: expect.stringContaining('nowhere.key does not exist'),
  });
  const env = { STOREFRONT_PRIVATE_KEY: path.join(root, 'keys/private.wx0123456789abcdef.key') };
  expect(byCheck(runDoctor({ root, env }).findings, 'privateKeyPath')!.level).toBe('ok');
});

test('npm run doctor prints the report and exits 1 on problems', async () => {
  const root = makeFixture({ config: { ...COMPLETE_CONFIG, appid: 'touristappid' } });
  roots.push(root);
  const result = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/deploy/doctor/index.ts',
      '--config',
      path.join(root, 'storefront.config.json'),
    ],
    { cwd: path.resolve(__dirname, '../..') },
  ).catch((error: { code: number; stdout: string }) => error);
  expect((result as { code?: number }).code).toBe(1);
  expect(result.stdout).toContain('✗ appid: "appid" is the placeholder "touristappid"');
});
