// The local cloud draws stored files, so demo pictures show without binaries in the repo.
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
});
afterAll(() => cloud?.stop());

describe('storage', () => {
  it('answers a cloud:// path with a picture named after the file', async () => {
    const answer = await cloud.http('GET', '/storage/goods/osmanthus-latte.jpg');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/svg+xml');
    expect(answer.text).toMatch(/^<svg[\s\S]*osmanthus latte[\s\S]*<\/svg>$/);
  });

  it('draws the same file the same way every time, and different files apart', async () => {
    const first = await cloud.http('GET', '/storage/goods/latte.jpg');
    const again = await cloud.http('GET', '/storage/goods/latte.jpg');
    const other = await cloud.http('GET', '/storage/brand/logo.png');
    expect(again.text).toBe(first.text);
    expect(other.text).not.toBe(first.text);
  });

  it('escapes a file name that looks like markup', async () => {
    const answer = await cloud.http('GET', `/storage/${encodeURIComponent('<b>&.png')}`);
    expect(answer.text).not.toContain('<b>');
    expect(answer.text).toContain('&#60;b&#62;&#38;');
  });
});
