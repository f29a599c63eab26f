// Mini program links that OA replies and menus carry. The paths come from domain/entry.ts, so
// the mini program parses back exactly what the server builds.

import { entryPath, type EntryTarget } from '../../../miniprogram/domain/entry';

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A text-message link that opens the mini program (PLATFORM.md: `<a data-miniprogram-appid
 * data-miniprogram-path href>`). A passive reply cannot be a mini program card, so the OA
 * answers with this link inside a text message.
 */
export function miniProgramLink(miniAppid: string, target: EntryTarget, label: string): string {
  const path = entryPath(target);
  return `<a data-miniprogram-appid="${escapeAttribute(miniAppid)}" data-miniprogram-path="${escapeAttribute(path)}" href="">${escapeAttribute(label)}</a>`;
}

/** An OA parametric code's scene for a table: the same `s=<store>&t=<table>` as mini program codes. */
export function parseTableScene(scene: string): { storeId: string; tableNo: string } | null {
  const params = new URLSearchParams(scene);
  const storeId = params.get('s')?.trim();
  const tableNo = params.get('t')?.trim();
  return storeId && tableNo ? { storeId, tableNo } : null;
}
