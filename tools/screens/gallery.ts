// screens/index.html: every captured state, grouped customer / staff / OA and by page, each
// picture captioned with its page file and state (and any check that failed on it).
import fs from 'node:fs';
import path from 'node:path';
import type { Capture, Problem } from './protocol';

export interface Manifest extends Pick<Capture, 'group' | 'page' | 'state'> {
  id: string;
  pictures: string[];
  problems: Problem[];
}

const GROUPS: Array<[Capture['group'], string]> = [
  ['customer', 'Customer'],
  ['staff', 'Staff'],
  ['oa', 'Official account'],
];

const esc = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

export function readManifests(dir: string): Manifest[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Manifest)
    .sort((a, b) => a.page.localeCompare(b.page) || a.id.localeCompare(b.id));
}

function figure(shot: Manifest): string {
  const [picture, full] = shot.pictures;
  const link = full ? ` · <a href="${esc(full)}">full height</a>` : '';
  const problems = shot.problems.length
    ? `<ul>${shot.problems.map((p) => `<li>${esc(`${p.check}: ${p.element} — ${p.detail}`)}</li>`).join('')}</ul>`
    : '';
  return `<figure id="${esc(shot.id)}"><a href="${esc(picture)}"><img src="${esc(picture)}" loading="lazy" width="375" height="812" alt="${esc(`${shot.page} ${shot.state}`)}"></a>
<figcaption><b>${esc(shot.state)}</b><br><code>${esc(shot.page)}</code>${link}${problems}</figcaption></figure>`;
}

/** Writes dir/index.html from the manifests there (atomically: two shooters may run at once). */
export function writeGallery(dir: string): void {
  const shots = readManifests(dir);
  const sections = GROUPS.map(([group, title]) => {
    const pages = [...new Set(shots.filter((s) => s.group === group).map((s) => s.page))];
    if (!pages.length) return '';
    const body = pages
      .map((page) => {
        const figures = shots.filter((s) => s.group === group && s.page === page).map(figure);
        return `<h3>${esc(page)}</h3><div class="row">${figures.join('')}</div>`;
      })
      .join('');
    return `<section><h2>${title}</h2>${body}</section>`;
  }).join('');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Storefront screens</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;background:#f5f5f5}h2{margin-top:32px}h3{font-weight:500;margin:20px 0 8px}
.row{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;width:375px}img{width:375px;height:auto;display:block;border:1px solid #ddd;background:#fff}
figcaption{padding:6px 0}ul{color:#b91c1c;padding-left:18px;margin:4px 0}</style></head><body>
<h1>Storefront screens</h1><p>${shots.length} states, drawn by <code>npm run screens</code> at 375 × 812, device scale 2.</p>${sections}</body></html>`;
  const temp = path.join(dir, `.index.${process.pid}.html`);
  fs.writeFileSync(temp, html);
  fs.renameSync(temp, path.join(dir, 'index.html'));
}
