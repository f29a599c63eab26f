// Cloud storage, drawn: the demo data names images by file id (cloud://demo/goods/latte.jpg) and
// no binaries live in the repo, so GET /storage/<path> answers a placeholder picture — a colour
// from the path and its name — that the mini program's <image> shows in local mode.
// Uploads are not emulated.
import crypto from 'node:crypto';

const PALETTE = ['#c8a27a', '#8fb996', '#e6b89c', '#9cadce', '#d4a5a5', '#b5c99a', '#e9c46a'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An SVG for the file at `path` ("goods/latte.jpg"): the same path always draws the same. */
export function placeholderImage(path: string): string {
  const digest = crypto.createHash('sha1').update(path).digest();
  const color = PALETTE[digest[0] % PALETTE.length];
  const name = (path.split('/').pop() ?? path).replace(/\.[a-z0-9]+$/i, '').replace(/[-_]/g, ' ');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">' +
    `<rect width="240" height="240" fill="${color}"/>` +
    '<text x="120" y="132" font-family="sans-serif" font-size="26" fill="#ffffff" ' +
    `text-anchor="middle">${escapeXml(name.slice(0, 16))}</text></svg>`
  );
}
