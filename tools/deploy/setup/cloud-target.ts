// A real CloudBase environment as a setup target, through @cloudbase/manager-node: a thin
// adapter, so everything else (the plan, the output) is what the local-cloud tests exercise.
//   collections: database.checkCollectionExists / createCollectionIfNotExists
//   indexes:     database.describeCollection / updateCollection({CreateIndexes, DropIndexes})
//   rules:       commonService().call DescribeSafeRule / ModifySafeRule (AclTag CUSTOM)
// (docs.cloudbase.net/en/api-reference/manager/node/rule and cloud.tencent.com/document/api/876)
import type { CloudBaseManager } from '../cloud-credentials';
import type { DatabaseTarget, ExistingCollection, IndexSpec, SecurityRule } from './target';

export class CloudBaseTarget implements DatabaseTarget {
  readonly label: string;

  constructor(
    private readonly manager: CloudBaseManager,
    private readonly envId: string,
    /** DescribeSafeRule wants the mini program's appid for WeChat environments. */
    private readonly wxAppId?: string,
  ) {
    this.label = `CloudBase environment ${envId}`;
  }

  async describe(names: string[]): Promise<ExistingCollection[]> {
    const existing: ExistingCollection[] = [];
    for (const name of names) {
      const { Exists } = await this.manager.database.checkCollectionExists(name);
      if (!Exists) continue;
      const info = await this.manager.database.describeCollection(name);
      existing.push({
        name,
        indexes: (info.Indexes ?? []).map((index) => ({
          name: index.Name,
          unique: Boolean(index.Unique),
          keys: index.Keys.map((key) => ({
            field: key.Name ?? '',
            direction: toDirection(key.Direction),
          })),
        })),
        rules: await this.describeRules(name),
      });
    }
    return existing;
  }

  async createCollection(name: string): Promise<void> {
    await this.manager.database.createCollectionIfNotExists(name);
  }

  async createIndex(collection: string, index: IndexSpec, replacing: boolean): Promise<void> {
    await this.manager.database.updateCollection(collection, {
      ...(replacing ? { DropIndexes: [{ IndexName: index.name }] } : {}),
      CreateIndexes: [
        {
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: Boolean(index.unique),
            MgoIndexKeys: index.keys.map((key) => ({
              Name: key.field,
              Direction: String(key.direction),
            })),
          },
        },
      ],
    });
  }

  async setRules(collection: string, rules: SecurityRule): Promise<void> {
    await this.manager.commonService().call({
      Action: 'ModifySafeRule',
      Param: {
        EnvId: this.envId,
        CollectionName: collection,
        AclTag: 'CUSTOM',
        Rule: JSON.stringify(rules),
      },
    });
  }

  /** A simple permission (READONLY, PRIVATE, ...) never equals a custom rule, so it is replaced. */
  private async describeRules(collection: string): Promise<SecurityRule | null> {
    const answer = (await this.manager.commonService().call({
      Action: 'DescribeSafeRule',
      Param: {
        EnvId: this.envId,
        CollectionName: collection,
        ...(this.wxAppId ? { WxAppId: this.wxAppId } : {}),
      },
    })) as { AclTag?: string; Rule?: string | null };
    if (answer.AclTag !== 'CUSTOM' || !answer.Rule) return null;
    try {
      return JSON.parse(answer.Rule) as SecurityRule;
    } catch {
      return null;
    }
  }
}

function toDirection(value: string | undefined): IndexSpec['keys'][number]['direction'] {
  if (value === '2dsphere') return '2dsphere';
  return Number(value) === -1 ? -1 : 1;
}

/**
 * Stands in for the environment in a dry run without credentials: reports nothing, so the plan
 * shows everything setup would create. It cannot change anything.
 */
export class EmptyEnvironment implements DatabaseTarget {
  readonly label: string;
  readonly assumption: string;

  constructor(envId: string) {
    this.label = `CloudBase environment ${envId || '(envId not set)'}`;
    this.assumption =
      (envId ? 'no credentials' : '"envId" is empty in storefront.config.json') +
      ': planned against an EMPTY environment; a real run reads it and skips what already exists';
  }

  async describe(): Promise<ExistingCollection[]> {
    return [];
  }

  async createCollection(): Promise<void> {
    throw new Error('EmptyEnvironment is for dry runs only');
  }

  async createIndex(): Promise<void> {
    throw new Error('EmptyEnvironment is for dry runs only');
  }

  async setRules(): Promise<void> {
    throw new Error('EmptyEnvironment is for dry runs only');
  }
}
