// Run by compiled.ts in a child process: compiles the mini program with WeChat's own compiler
// (miniprogram-ci getCompiledResult, as an upload does: minified, unused files left out) and
// sends back each output file's bytes. A child because the compiler keeps workers alive, and
// its log lines stay out of the report.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Ci {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKeyPath: string;
    ignores?: string[];
  }) => { attr: () => Promise<unknown> };
  getCompiledResult(options: {
    project: unknown;
    setting?: Record<string, unknown>;
  }): Promise<Record<string, string | Buffer>>;
}

async function compile(projectPath: string): Promise<Record<string, number>> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const ci = require('miniprogram-ci') as Ci;
  const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config') as {
    DefaultProjectAttr: unknown;
  };
  const whiteList = require('miniprogram-ci/dist/utils/white_ext_list') as {
    getWhiteExtList: () => Promise<unknown>;
    MiniProgramWhiteList: string[];
    GameWhiteList: string[];
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Offline: the compiler asks WeChat for the uploadable file types and falls back to this list
  // when it cannot; ask nobody.
  whiteList.getWhiteExtList = async () => ({
    MiniProgramWhiteList: new Set(whiteList.MiniProgramWhiteList),
    GameWhiteList: new Set(whiteList.GameWhiteList),
  });
  // A compile needs neither a real upload key nor the account's project attributes: a throwaway
  // key, and the defaults an upload would start from.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storefront-size-'));
  try {
    const keyPath = path.join(dir, 'size.key');
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    });
    project.attr = async () => DefaultProjectAttr;
    // project.config.json's settings (es6, enhance, minified, ignoreUploadUnusedFiles, …), all
    // minified as an upload is.
    const result = await ci.getCompiledResult({
      project,
      setting: { useProjectConfig: true, minify: true },
    });
    return Object.fromEntries(
      Object.entries(result).map(([file, content]) => [file, Buffer.byteLength(content)]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** To the parent when forked; printed when run by hand. Then exit: the compiler's workers stay. */
function reply(message: object, code: number): void {
  if (process.send) process.send(message, () => process.exit(code));
  else {
    console.log(JSON.stringify(message));
    process.exit(code);
  }
}

compile(process.argv[2] ?? process.cwd())
  .then((files) => reply({ files }, 0))
  .catch((error: unknown) =>
    reply({ error: error instanceof Error ? error.message : String(error) }, 1),
  );
