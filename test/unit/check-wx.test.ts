import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWx } from '../../tools/check-wx/check';

const projectRoot = path.resolve(__dirname, '../..');
const brokenFixture = path.join(projectRoot, 'test/fixtures/broken-wxml');

function runCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/check-wx/index.ts', dir], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('check:wx compiles WXML and WXSS with WeChat’s own compilers', () => {
  it('fails on an unclosed tag, naming the file and line', () => {
    const { status, output } = runCheck(brokenFixture);
    expect(status).toBe(1);
    expect(output).toMatch(/pages\/broken\/index\.wxml:\d+:\d+: .+/);
    expect(output).toContain('1 of 3 files do not compile');
  });

  it('reports a WXSS syntax error with its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxss-'));
    fs.writeFileSync(path.join(dir, 'a.wxss'), '.a {\n  color: red;\n}\n.b { color: blue; } }\n');
    const { problems } = checkWx(dir);
    expect(problems).toEqual([expect.objectContaining({ file: 'a.wxss', line: 4 })]);
  });

  it('passes on the mini program itself', () => {
    const { checked, problems } = checkWx(path.join(projectRoot, 'miniprogram'));
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(8);
  });
});
