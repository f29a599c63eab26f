// Creates the one-time setup code that makes its first user owner of the stores (see
// docs/DEPLOY.md, "First owner"). Prints the code; only its salted hash is stored (`setup`).
//
//   npm run owner-code                                   # local cloud on 127.0.0.1:3900
//   npm run owner-code -- --url http://127.0.0.1:3901
//   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run owner-code -- --env <envId>
//   options: --store <id> (repeatable; default every store), --hours 72, --force, --code <code>
import * as cloud from 'wx-server-sdk';
import { createSetupCode } from '../../server/lib/staff/setup';

function options(argv: string[]) {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const stores = argv.flatMap((arg, i) => (argv[i - 1] === '--store' ? [arg] : []));
  return {
    url: value('--url') ?? 'http://127.0.0.1:3900',
    env: value('--env'),
    hours: Number(value('--hours') ?? 72),
    code: value('--code'),
    force: argv.includes('--force'),
    stores,
  };
}

function connect(opts: ReturnType<typeof options>): ReturnType<typeof cloud.database> {
  if (opts.env) {
    const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env;
    if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and _SECRETKEY');
    cloud.init({ env: opts.env, secretId, secretKey } as Parameters<typeof cloud.init>[0]);
    return cloud.database();
  }
  // The local cloud: exactly the variables docs/LOCAL-CLOUD.md lists.
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${opts.url}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_SECRETID: 'local-cloud',
    TENCENTCLOUD_SECRETKEY: 'local-cloud',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: 'local',
    SCF_NAMESPACE: 'local',
  });
  cloud.init({ env: 'local' });
  return cloud.database();
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const db = connect(opts);
  let storeIds = opts.stores;
  if (storeIds.length === 0) {
    const { data } = (await db.collection('stores').limit(100).get()) as {
      data: { _id: string }[];
    };
    storeIds = data.map((store) => store._id);
  }
  const setup = await createSetupCode(db, {
    storeIds,
    code: opts.code,
    ttlHours: opts.hours,
    force: opts.force,
  });
  console.log(`setup code: ${setup.code}`);
  console.log(`stores: ${setup.storeIds.join(', ')}`);
  console.log(`valid until: ${new Date(setup.expiresAt).toISOString()}`);
  console.log('in the mini program: 我的 → 店员入口 → 输入设置码 (staff.claimOwner)');
}

main().catch((error: unknown) => {
  console.error(`owner-code failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
