// `npm run build` (also run by `npm install`): everything DevTools and the local cloud need.
import {
  readStorefrontConfig,
  syncProjectConfig,
  writeClientConfig,
  writeServerConfig,
} from './config';
import { buildFunctions } from './functions';
import { subsetIconGlyphs } from './icon-glyphs';
import { packNpm } from './pack-npm';
import { copySubpackageNpm } from './subpackage-npm';
import { subsetTslib } from './tslib-subset';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const config = readStorefrontConfig();
  if (syncProjectConfig(config)) console.log(`build: project.config.json appid → ${config.appid}`);
  writeClientConfig(config);
  writeServerConfig(config);
  console.log(`build: mini program mode "${config.mode}"`);

  const packed = await packNpm(undefined, force);
  console.log(`build: miniprogram_npm ${packed}`);
  const icons = subsetIconGlyphs();
  console.log(
    `build: t-icon keeps ${icons.kept} of ${icons.of} glyphs (${icons.bytes[0]} → ${icons.bytes[1]} bytes)`,
  );
  const tslib = subsetTslib();
  if (tslib)
    console.log(
      `build: tslib keeps ${tslib.helpers.join(', ')} (${tslib.bytes[0]} → ${tslib.bytes[1]} bytes)`,
    );
  // After the glyph subset: the copies point at the main package's t-icon, not their own.
  for (const [root, components] of copySubpackageNpm()) {
    if (components.length) console.log(`build: ${root}/miniprogram_npm ${components.join(', ')}`);
  }

  for (const fn of await buildFunctions()) {
    console.log(`build: cloudfunctions/${fn.name}/index.js ${fn.bytes} bytes`);
  }
}

main().catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
