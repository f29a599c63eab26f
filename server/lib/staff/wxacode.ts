// Mini program codes (wxacode.getUnlimited) as data URLs the staff pages can preview and save.

import { cloud } from '../cloud';

interface WxacodeApi {
  getUnlimited(params: {
    scene: string;
    page: string;
    checkPath?: boolean;
  }): Promise<{ buffer: Uint8Array; contentType?: string }>;
}

const wxacode = (): WxacodeApi =>
  (cloud as unknown as { openapi: { wxacode: WxacodeApi } }).openapi.wxacode;

export async function miniProgramCode(scene: string, page: string): Promise<string> {
  // checkPath false: subpackage pages of an unreleased version would otherwise be refused.
  const answer = await wxacode().getUnlimited({ scene, page, checkPath: false });
  const base64 = Buffer.from(answer.buffer).toString('base64');
  return `data:${answer.contentType || 'image/png'};base64,${base64}`;
}
