// cgi-bin/menu/create validation with WeChat's documented limits: 1–3 buttons, each a leaf or
// 1–5 sub-buttons; names ≤ 16 bytes (top) / ≤ 60 bytes (sub); view buttons need url;
// miniprogram buttons need url (the fallback for old clients), appid and pagepath.

import type { WxError } from '../openapi/subscribe-message';

const TYPES = new Set([
  'click',
  'view',
  'miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'article_id',
  'article_view_limited',
]);

type Button = Record<string, unknown>;

const bytes = (value: unknown) => Buffer.byteLength(String(value ?? ''));
const text = (value: unknown) => typeof value === 'string' && value.length > 0;

function checkLeaf(button: Button, maxNameBytes: number): WxError | undefined {
  if (!text(button.name) || bytes(button.name) > maxNameBytes) {
    return { errcode: 40018, errmsg: 'invalid button name size' };
  }
  if (!TYPES.has(String(button.type))) return { errcode: 40017, errmsg: 'invalid button type' };
  if (button.type === 'click' && !text(button.key)) {
    return { errcode: 40019, errmsg: 'invalid button key size' };
  }
  if ((button.type === 'view' || button.type === 'miniprogram') && !text(button.url)) {
    return { errcode: 40027, errmsg: 'invalid button url (required, also for miniprogram)' };
  }
  if (button.type === 'miniprogram') {
    if (!text(button.appid)) return { errcode: 40166, errmsg: 'invalid weapp appid' };
    if (!text(button.pagepath) || String(button.pagepath).startsWith('/')) {
      return { errcode: 40165, errmsg: 'invalid weapp pagepath' };
    }
  }
  return undefined;
}

export function validateMenu(request: Record<string, unknown>): WxError | undefined {
  const buttons = request.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return { errcode: 40016, errmsg: 'invalid button size (1-3)' };
  }
  for (const button of buttons as Button[]) {
    if (Array.isArray(button.sub_button) && button.sub_button.length > 0) {
      if (button.sub_button.length > 5) {
        return { errcode: 40023, errmsg: 'invalid sub button size (1-5)' };
      }
      if (!text(button.name) || bytes(button.name) > 16) {
        return { errcode: 40018, errmsg: 'invalid button name size' };
      }
      for (const sub of button.sub_button as Button[]) {
        const error = checkLeaf(sub, 60);
        if (error) return error;
      }
    } else {
      const error = checkLeaf(button, 16);
      if (error) return error;
    }
  }
  return undefined;
}
