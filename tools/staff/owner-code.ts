// Creates the one-time setup code that makes its first user owner of the stores (see
// docs/DEPLOY.md, "First owner"). Prints the code; only its salted hash is stored (`setup`).
//
//   npm run owner-code                                   # local cloud on 127.0.0.1:3900
//   npm run owner-code -- --url http://127.0.0.1:3901
//   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run owner-code -- --env <envId>
//   (or STOREFRONT_CLOUD_KEYFILE=/path/key.json instead of the two variables)
//   options: --store <id> (repeatable; default every store), --hours 72, --force, --code <code>
import { COLLECTIONS } from '../../server/lib/collections';
import { createSetupCode } from '../../server/lib/staff/setup';
import { CREDENTIALS_HELP, findCloudCredentials } from '../deploy/cloud-credentials';
import { connectDatabase, type Database, DEFAULT_LOCAL_CLOUD_URL } from '../deploy/database-client';

/** A setup code is for the first days of a store, not a standing key. */
const MAX_HOURS = 30 * 24;

function options(argv: string[]) {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const stores = argv.flatMap((arg, i) => (argv[i - 1] === '--store' ? [arg] : []));
  const hours = Number(value('--hours') ?? 72);
  // Checked before anything is written: a bad value must not replace a code that works.
  if (!Number.isFinite(hours) || hours < 1 || hours > MAX_HOURS) {
    throw new Error(
      `--hours must be a number of hours from 1 to ${MAX_HOURS}, got "${value('--hours')}"`,
    );
  }
  return {
    url: value('--url') ?? DEFAULT_LOCAL_CLOUD_URL,
    env: value('--env'),
    hours,
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
  const { data } = (await db
    .collection(COLLECTIONS.stores)
    .field({ _id: true })
    .limit(100)
    .get()) as {
    data: { _id: string }[];
  };
  const known = data.map((store) => store._id);
  const unknown = opts.stores.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new Error(
      `no store ${unknown.join(', ')}; the stores are: ${known.join(', ') || '(none — import them first)'}`,
    );
  }
  const storeIds = opts.stores.length > 0 ? opts.stores : known;
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
