// The official account: optional. Its secrets (STOREFRONT_OA_TOKEN, STOREFRONT_OA_AES_KEY,
// STOREFRONT_OA_SECRET, read by server/lib/oa/config.ts) are environment variables of the `oa`
// function, set in the CloudBase console — never in the repo. The doctor sees them only when the
// deployer exports them in the shell; it also refuses them written into a committed config.json.
import fs from 'node:fs';
import path from 'node:path';
import { type DeployConfig, OA_ENCRYPT_MODES } from '../deploy-config';
import { error, type Finding, ok, warning } from './finding';

const SECRET_VARIABLES = [
  'STOREFRONT_OA_SECRET',
  'STOREFRONT_OA_TOKEN',
  'STOREFRONT_OA_AES_KEY',
  // The cloud printer account's key (docs/PRINTING.md).
  'STOREFRONT_PRINT_FEIE_UKEY',
] as const;
/** An EncodingAESKey is 43 characters of base64 (OA console → 基本配置 → 服务器配置). */
const AES_KEY = /^[A-Za-z0-9+/]{43}$/;

export function checkOfficialAccount(
  config: DeployConfig,
  env: NodeJS.ProcessEnv,
  root: string,
): Finding[] {
  const findings = committedSecrets(root);
  if (!config.oa?.appid) {
    findings.push(
      ok('oa', 'no official account linked ("oa.appid" empty; optional, see docs/DEPLOY.md)'),
    );
    return findings;
  }
  findings.push(...checkOaTemplates(config.oa.templates));
  const mode = config.oa.encryptMode;
  if (!(OA_ENCRYPT_MODES as readonly string[]).includes(mode)) {
    findings.push(
      error(
        'oa.encryptMode',
        `"oa.encryptMode" is "${mode}"`,
        `use one of ${OA_ENCRYPT_MODES.join(', ')}: what the OA console shows under 消息加解密方式`,
      ),
    );
    return findings;
  }
  const token = env.STOREFRONT_OA_TOKEN?.trim();
  const aesKey = env.STOREFRONT_OA_AES_KEY?.trim();
  const needsKey = mode !== 'plain';
  if (!token && !aesKey) {
    findings.push(
      warning(
        'oa secrets',
        'STOREFRONT_OA_TOKEN / STOREFRONT_OA_AES_KEY are not visible here (they live in the oa ' +
          "function's environment variables)",
        'to check them, export them in this shell and run `npm run doctor` again',
      ),
    );
  } else if (needsKey && token && !aesKey) {
    findings.push(
      error(
        'oa secrets',
        `STOREFRONT_OA_TOKEN is set but STOREFRONT_OA_AES_KEY is not, and "oa.encryptMode" is "${mode}"`,
        'copy the EncodingAESKey from the OA console (基本配置 → 服务器配置) into the oa function ' +
          'environment variable STOREFRONT_OA_AES_KEY (and export it here to re-check)',
      ),
    );
  } else if (aesKey && !AES_KEY.test(aesKey)) {
    findings.push(
      error(
        'oa secrets',
        `STOREFRONT_OA_AES_KEY is ${aesKey.length} characters; an EncodingAESKey is 43`,
        'copy the EncodingAESKey again from the OA console (基本配置 → 服务器配置)',
      ),
    );
  } else if (!token) {
    findings.push(
      error(
        'oa secrets',
        'STOREFRONT_OA_TOKEN is empty',
        'set it to the 令牌(Token) of the OA server configuration, as an oa function variable',
      ),
    );
  } else {
    findings.push(ok('oa', `${mode} mode, token${needsKey ? ' and AES key' : ''} set`));
  }
  return findings;
}

/** OA template messages reach followers who granted no subscribe message; optional per purpose. */
function checkOaTemplates(templates: Record<string, string>): Finding[] {
  const empty = Object.keys(templates).filter((name) => !templates[name]);
  if (Object.keys(templates).length > 0 && empty.length === 0) {
    return [ok('oa.templates', `${Object.keys(templates).length} OA template id(s) set`)];
  }
  return [
    warning(
      'oa.templates',
      `OA template id(s) not filled: ${empty.map((n) => `oa.templates.${n}`).join(', ') || 'no "oa.templates"'} ` +
        '(followers without subscribe messages get no notice for those)',
      'OA console → 广告与服务 → 模板消息 → add the templates, then copy each 模板ID into ' +
        '"oa.templates" in storefront.config.json and run npm run build',
    ),
  ];
}

/** Secrets in cloudfunctions/<name>/config.json "envVariables" would be committed. */
function committedSecrets(root: string): Finding[] {
  const dir = path.join(root, 'cloudfunctions');
  if (!fs.existsSync(dir)) return [];
  const findings: Finding[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name, 'config.json');
    if (!fs.existsSync(file)) continue;
    let variables: Record<string, unknown> = {};
    try {
      variables =
        (JSON.parse(fs.readFileSync(file, 'utf8')) as { envVariables?: Record<string, unknown> })
          .envVariables ?? {};
    } catch {
      continue; // reported by the functions check
    }
    const leaked = SECRET_VARIABLES.filter(
      (key) => typeof variables[key] === 'string' && variables[key],
    );
    if (leaked.length) {
      findings.push(
        error(
          'secrets',
          `cloudfunctions/${name}/config.json holds ${leaked.join(', ')}, which git would publish`,
          'remove them from config.json and set them in the CloudBase console → 云函数 → ' +
            `${name} → 函数配置 → 环境变量`,
        ),
      );
    }
  }
  return findings;
}
