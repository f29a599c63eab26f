// Bundles each server/functions/<name>/index.ts into cloudfunctions/<name>/index.js: the file
// DevTools' "upload and deploy" and the CloudBase CLI ship. wx-server-sdk stays external
// because the cloud installs it from the folder's package.json.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './config';

export interface BuiltFunction {
  name: string;
  bytes: number;
}

export function listFunctionSources(root = projectRoot): string[] {
  const dir = path.join(root, 'server/functions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'index.ts')))
    .sort();
}

export async function buildFunctions(root = projectRoot): Promise<BuiltFunction[]> {
  const built: BuiltFunction[] = [];
  for (const name of listFunctionSources(root)) {
    const outDir = path.join(root, 'cloudfunctions', name);
    for (const required of ['package.json', 'config.json']) {
      if (!fs.existsSync(path.join(outDir, required))) {
        throw new Error(
          `cloudfunctions/${name}/${required} is missing; DevTools needs it to deploy`,
        );
      }
    }
    const outfile = path.join(outDir, 'index.js');
    await build({
      entryPoints: [path.join(root, 'server/functions', name, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      // The oldest Node runtime WeChat Cloud offers for new functions.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
      banner: { js: '// Built by `npm run build` from server/functions. Do not edit.' },
    });
    built.push({ name, bytes: fs.statSync(outfile).size });
  }
  return built;
}
