// `npm run import-store`: validate the store data, read what the target holds, plan, and write
// (doc(_id).set per added or replaced document, catalogVersion bumps first) unless --dry-run.
// Nothing is written when any problem is found. Running it again writes nothing.
import path from 'node:path';
import { DeployError } from '../cli';
import { CREDENTIALS_HELP, findCloudCredentials } from '../cloud-credentials';
import { connectDatabase, DEFAULT_LOCAL_CLOUD_URL, describeTarget } from '../database-client';
import { DEFAULT_CONFIG_FILE, readDeployConfig } from '../deploy-config';
import { formatPlan } from './format';
import { type Existing, type ImportPlan, planImport } from './plan';
import { EmptyTarget, type ImportTarget, SdkTarget } from './target';
import {
  CATALOG_COLLECTIONS,
  type CatalogCollection,
  checkDocuments,
  checkShape,
  type Doc,
  ImportProblems,
  type KnownIds,
} from './validate';

export interface ImportOptions {
  target: 'local' | 'cloud';
  /** The parsed store file (or the demo data). */
  input: unknown;
  /** Where the input came from, for messages. */
  source: string;
  dryRun: boolean;
  /** Local cloud URL; default localCloudUrl of the config, then http://127.0.0.1:3900. */
  url?: string;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Tests pass their own target. */
  importTarget?: ImportTarget;
}

export interface ImportResult {
  plan: ImportPlan;
  written: number;
}

export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const log = options.log ?? console.log;
  const shape = checkShape(options.input);
  if (shape.problems.length) throw new ImportProblems(shape.problems);
  const data = shape.data;

  const target = options.importTarget ?? chooseTarget(options);
  const existing = await readExisting(target, data);
  const known: KnownIds = {
    stores: new Set(existing.stores.keys()),
    categories: new Map(
      [...existing.categories.values()].map((c) => [c._id, String(c.storeId)] as const),
    ),
  };
  const problems = checkDocuments(data, known);
  if (problems.length) throw new ImportProblems(problems);

  const plan = planImport(data, existing);
  if (target.assumption) log(`import-store: ${target.assumption}`);
  log(
    formatPlan(
      plan,
      `import-store${options.dryRun ? ' --dry-run' : ''} ${options.source} → ${target.label}`,
    ),
  );
  if (options.dryRun) {
    log('dry run: nothing was written');
    return { plan, written: 0 };
  }
  const written = await applyPlan(plan, target);
  log(written ? `import-store: wrote ${written} document(s)` : 'import-store: nothing changed');
  return { plan, written };
}

/** The target's documents with the file's ids, plus the stores and categories it refers to. */
async function readExisting(
  target: ImportTarget,
  data: ReturnType<typeof checkShape>['data'],
): Promise<Existing> {
  const ids = Object.fromEntries(
    CATALOG_COLLECTIONS.map((c) => [c, new Set(data[c].map((doc) => doc._id))]),
  ) as Record<CatalogCollection, Set<string>>;
  for (const c of ['categories', 'goods', 'tables'] as const) {
    for (const doc of data[c]) if (typeof doc.storeId === 'string') ids.stores.add(doc.storeId);
  }
  for (const doc of data.goods) {
    if (typeof doc.categoryId === 'string') ids.categories.add(doc.categoryId);
  }
  const existing = {} as Record<CatalogCollection, Map<string, Doc>>;
  for (const c of CATALOG_COLLECTIONS) {
    const docs = await target.read(c, [...ids[c]]);
    existing[c] = new Map(docs.map((doc) => [doc._id, doc]));
  }
  return existing;
}

async function applyPlan(plan: ImportPlan, target: ImportTarget): Promise<number> {
  let written = 0;
  // Stores and version bumps first: if a later write fails, a rerun still sees the changed
  // goods and bumps again, so no cached menu is left stale.
  const order = (collection: string) => (collection === 'stores' ? 0 : 1);
  const docs = plan.docs
    .filter((doc) => doc.change !== 'unchanged')
    .sort((a, b) => order(a.collection) - order(b.collection));
  for (const bump of plan.bumps) {
    if (!bump.updateOnly) continue; // written with its store document below
    await target.setCatalogVersion(bump.storeId, bump.to);
    written += 1;
  }
  for (const doc of docs) {
    await target.set(doc.collection, doc._id, doc.data);
    written += 1;
  }
  return written;
}

function chooseTarget(options: ImportOptions): ImportTarget {
  const config = readDeployConfig(options.configFile ?? DEFAULT_CONFIG_FILE, options.env);
  if (options.target === 'local') {
    const url = (options.url ?? (config.localCloudUrl || DEFAULT_LOCAL_CLOUD_URL)).replace(
      /\/+$/,
      '',
    );
    const where = { kind: 'local', url } as const;
    return new SdkTarget(
      connectDatabase(where),
      describeTarget(where),
      'start it with `npm start`, or run `npm run setup -- --target local`',
    );
  }
  if (!config.envId) {
    if (options.dryRun) return new EmptyTarget('environment (envId not set)');
    throw new DeployError(
      `"envId" is empty in ${path.relative(process.cwd(), config.file) || config.file}; ` +
        'set your cloud environment id (CloudBase console → 环境 → 环境ID)',
    );
  }
  const credentials = findCloudCredentials(options.env ?? process.env);
  if (!credentials) {
    if (options.dryRun) return new EmptyTarget(`environment ${config.envId}`);
    throw new DeployError(
      `no Tencent Cloud API key for environment ${config.envId}: ${CREDENTIALS_HELP}`,
    );
  }
  const where = { kind: 'cloud', envId: config.envId, credentials } as const;
  return new SdkTarget(
    connectDatabase(where),
    describeTarget(where),
    'run `npm run setup -- --target cloud` first (docs/DEPLOY.md step 5)',
  );
}
