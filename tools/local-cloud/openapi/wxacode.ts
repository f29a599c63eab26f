// wxacode.getUnlimited answers with a real PNG QR code (the real one is a round "mini program
// code"; a QR code that scanners and tests can decode is the useful local stand-in).
import QRCode from 'qrcode';
import type { WxError } from './subscribe-message';

export function validateWxacode(request: Record<string, unknown>): WxError | undefined {
  const scene = request.scene;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
  }
  if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) {
    return { errcode: 40169, errmsg: 'invalid characters in scene' };
  }
  if (
    request.page !== undefined &&
    (typeof request.page !== 'string' || request.page.startsWith('/'))
  ) {
    return { errcode: 41030, errmsg: 'invalid page' };
  }
  return undefined;
}

/** The PNG encodes `page?scene=...`, what the mini program would receive when scanned. */
export async function renderWxacode(request: Record<string, unknown>): Promise<Buffer> {
  const page = typeof request.page === 'string' ? request.page : 'pages/index/index';
  const width = typeof request.width === 'number' ? request.width : 430;
  const text = `${page}?scene=${encodeURIComponent(String(request.scene))}`;
  return QRCode.toBuffer(text, { type: 'png', width: Math.min(Math.max(width, 280), 1280) });
}
