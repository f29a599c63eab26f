// Creates the one-time setup code that makes its first user owner of the stores (see
// docs/DEPLOY.md, "First owner"). Prints the code; only its salted hash is stored (`setup`).
//
//   npm run owner-code                                   # local cloud on 127.0.0.1:3900
//   npm run owner-code -- --url http://127.0.0.1:3901
//   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run owner-code -- --env <envId>
//   (or STOREFRONT_CLOUD_KEYFILE=/path/key.json instead of the two variables)
//   options: --store <id> (repeatable; default every store), --hours 72, --force, --code <code>
import { createSetupCode } from '../../server/lib/staff/setup';
import { CREDENTIALS_HELP, findCloudCredentials } from '../deploy/cloud-credentials';
import { connectDatabase, type Database, DEFAULT_LOCAL_CLOUD_URL } from '../deploy/database-client';

function options(argv: string[]) {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const stores = argv.flatMap((arg, i) => (argv[i - 1] === '--store' ? [arg] : []));
  return {
    url: value('--url') ?? DEFAULT_LOCAL_CLOUD_URL,
    env: value('--env'),
    hours: Number(value('--hours') ?? 72),
    code: value('--code'),
    force: argv.includes('--force'),
    stores,
  };
}

function connect(opts: ReturnType<typeof options>): Database {
  if (opts.env) {
    const credentials = findCloudCredentials();
    if (!credentials) throw new Error(CREDENTIALS_HELP);
    return connectDatabase({ kind: 'cloud', envId: opts.env, credentials });
  }
  return connectDatabase({ kind: 'local', url: opts.url });
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
  console.log('in the mini program: 我的 → 我是店员 · 输入邀请码 → 输入设置码 → 店主首次设置');
}

main().catch((error: unknown) => {
  console.error(`owner-code failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
