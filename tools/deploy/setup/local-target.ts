// The running local cloud as a setup target, through its management API
// (tools/local-cloud/manage.ts).
import { DeployError } from '../cli';
import type { DatabaseTarget, ExistingCollection, IndexSpec, SecurityRule } from './target';

export class LocalCloudTarget implements DatabaseTarget {
  readonly label: string;

  constructor(private readonly baseUrl: string) {
    this.label = `local cloud ${baseUrl}`;
  }

  async describe(names: string[]): Promise<ExistingCollection[]> {
    const present = new Set(
      (await this.call<Array<{ name: string }>>('GET', '/manage/collections')).map((c) => c.name),
    );
    const existing: ExistingCollection[] = [];
    for (const name of names.filter((n) => present.has(n))) {
      const path = `/manage/collections/${encodeURIComponent(name)}`;
      existing.push({
        name,
        indexes: await this.call<IndexSpec[]>('GET', `${path}/indexes`),
        rules: await this.call<SecurityRule | null>('GET', `${path}/rules`),
      });
    }
    return existing;
  }

  async createCollection(name: string): Promise<void> {
    await this.call('POST', '/manage/collections', { name });
  }

  async createIndex(collection: string, index: IndexSpec): Promise<void> {
    // The local API replaces an index of the same name, so `replacing` needs no extra call.
    await this.call('POST', `/manage/collections/${encodeURIComponent(collection)}/indexes`, {
      name: index.name,
      keys: index.keys,
      unique: Boolean(index.unique),
    });
  }

  async setRules(collection: string, rules: SecurityRule): Promise<void> {
    await this.call('POST', `/manage/collections/${encodeURIComponent(collection)}/rules`, rules);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new DeployError(
        `cannot reach the local cloud at ${this.baseUrl} (${(error as Error).message}); ` +
          'start it with `npm start`, or pass --url',
      );
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (res.status === 404 && path === '/manage/collections') {
      throw new DeployError(
        `${this.baseUrl} has no management API; restart the local cloud from this checkout`,
      );
    }
    if (!res.ok) {
      const message = (json as { error?: string } | null)?.error ?? text;
      throw new DeployError(`local cloud answered ${res.status} to ${method} ${path}: ${message}`);
    }
    return json as T;
  }
}
