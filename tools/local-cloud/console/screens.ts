// GET /screens/<file>: the gallery `npm run screens` wrote into the repo's screens/ folder, so a
// newcomer who ran `npm start` sees the store in the console (its "Screens" view).
import fs from 'node:fs';
import path from 'node:path';

export const SCREENS_DIR = path.resolve(__dirname, '../../../screens');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The file under screens/ that `parts` name, or undefined (missing, or outside the folder). */
export function screensFile(parts: string[]): { body: Buffer; type: string } | undefined {
  const file = path.resolve(SCREENS_DIR, ...(parts.length ? parts : ['index.html']));
  if (!file.startsWith(SCREENS_DIR + path.sep) || !fs.existsSync(file)) return undefined;
  if (!fs.statSync(file).isFile()) return undefined;
  return {
    body: fs.readFileSync(file),
    type: TYPES[path.extname(file)] ?? 'application/octet-stream',
  };
}
