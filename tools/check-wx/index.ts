// `npm run check:wx [dir]`: fails naming file and line when any WXML or WXSS does not compile.
import path from 'node:path';
import { checkWx } from './check';

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '../../miniprogram'));
const { checked, problems } = checkWx(root);
for (const p of problems) {
  console.error(
    `${path.relative(process.cwd(), path.join(root, p.file))}:${p.line}:${p.column}: ${p.message}`,
  );
}
if (problems.length) {
  console.error(`check:wx: ${problems.length} of ${checked} files do not compile`);
  process.exit(1);
}
console.log(`check:wx: ${checked} WXML/WXSS files compile with WeChat's compilers`);
