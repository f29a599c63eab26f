// Checks of storefront.config.json and project.config.json: the ids a deployer must fill in.
import fs from 'node:fs';
import path from 'node:path';
import { type DeployConfig, PLACEHOLDER_APPID, resolvePrivateKey } from '../deploy-config';
import { error, type Finding, ok, warning } from './finding';

export function checkAppid(config: DeployConfig, root: string): Finding[] {
  if (config.appid === PLACEHOLDER_APPID) {
    return [
      error(
        'appid',
        `"appid" is the placeholder "${PLACEHOLDER_APPID}"`,
        `set "appid" in ${config.file} to your mini program's AppID (mp.weixin.qq.com → 开发管理 → ` +
          '开发设置), then run `npm run build`',
      ),
    ];
  }
  const projectFile = path.join(root, 'project.config.json');
  const project = readJson(projectFile) as { appid?: string } | null;
  if (project && project.appid !== config.appid) {
    return [
      error(
        'appid',
        `project.config.json has appid "${project.appid}", storefront.config.json "${config.appid}"`,
        'run `npm run build` (it writes the appid into project.config.json)',
      ),
    ];
  }
  return [ok('appid', config.appid)];
}

export function checkEnvAndMode(config: DeployConfig): Finding[] {
  const findings: Finding[] = [];
  if (config.mode !== 'local' && config.mode !== 'cloud') {
    findings.push(
      error(
        'mode',
        `"mode" is "${config.mode}"`,
        `set "mode" to "cloud" (or "local") in ${config.file}`,
      ),
    );
  } else if (config.mode === 'local') {
    findings.push(
      warning(
        'mode',
        '"mode" is "local": the mini program calls the local cloud on 127.0.0.1',
        `set "mode": "cloud" in ${config.file} and run \`npm run build\` before \`npm run upload\``,
      ),
    );
  } else {
    findings.push(ok('mode', 'cloud'));
  }
  if (!config.envId) {
    findings.push(
      error(
        'envId',
        `"envId" is empty${config.mode === 'cloud' ? ' while "mode" is "cloud"' : ''}; ` +
          'setup, deploy:functions and the cloud mode need it',
        `set "envId" in ${config.file} to your environment id (DevTools → 云开发 → 设置 → 环境ID, ` +
          'or the CloudBase console), then run `npm run build`',
      ),
    );
  } else {
    findings.push(ok('envId', config.envId));
  }
  return findings;
}

export function checkTemplates(config: DeployConfig): Finding[] {
  const names = Object.keys(config.templates);
  if (names.length === 0) {
    return [
      error(
        'templates',
        `no "templates" in ${config.file}`,
        'add "templates": {"<purpose>": "<template id>"} (see docs/DEPLOY.md, subscribe messages)',
      ),
    ];
  }
  const empty = names.filter((name) => !config.templates[name]);
  if (empty.length === 0) return [ok('templates', `${names.length} template id(s) set`)];
  return [
    error(
      'templates',
      `subscribe-message template id(s) not filled: ${empty.map((n) => `templates.${n}`).join(', ')}`,
      'pick each template at mp.weixin.qq.com → 基础功能 → 订阅消息 → 选用, and paste its ' +
        `模板ID into "templates" in ${config.file}`,
    ),
  ];
}

export function checkPrivateKey(config: DeployConfig): Finding[] {
  const key = resolvePrivateKey(config);
  if (!key) {
    return [
      warning(
        'privateKeyPath',
        'no upload key configured (only `npm run upload` / `npm run preview` need it)',
        'download it at mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传, store it outside ' +
          `git, and set "privateKeyPath" in ${config.file} or STOREFRONT_PRIVATE_KEY`,
      ),
    ];
  }
  if (!fs.existsSync(key)) {
    return [
      error(
        'privateKeyPath',
        `the upload key ${key} does not exist`,
        'put the key file there, or correct "privateKeyPath" / STOREFRONT_PRIVATE_KEY',
      ),
    ];
  }
  return [ok('privateKeyPath', key)];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
