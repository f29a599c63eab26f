// THE place where the official account's automatic replies are configured: keywords (matched
// case-insensitively on the whole trimmed message) and the answers to follows and table codes.

import type { EntryTarget } from '../../../miniprogram/domain/entry';
import { miniProgramLink } from './links';

interface KeywordReply {
  keywords: string[];
  /** Text before the link. */
  text: string;
  link: { label: string; target: EntryTarget };
}

const KEYWORD_REPLIES: KeywordReply[] = [
  {
    keywords: ['点餐', '点单', '菜单', 'menu'],
    text: '欢迎光临，点这里开始点餐：',
    link: { label: '打开菜单', target: { page: 'menu' } },
  },
];

export const WELCOME_TEXT = '感谢关注！回复「点餐」即可在线点单。';

/** The reply to a text message, or null when no keyword matches. */
export function keywordReply(content: string, miniAppid: string): string | null {
  const said = content.trim().toLowerCase();
  const match = KEYWORD_REPLIES.find((reply) => reply.keywords.includes(said));
  if (!match) return null;
  return `${match.text}${miniProgramLink(miniAppid, match.link.target, match.link.label)}`;
}

/** The reply to scanning a table's parametric code (on follow or when already following). */
export function tableReply(miniAppid: string, storeId: string, tableNo: string): string {
  return `您在 ${tableNo} 号桌，${miniProgramLink(miniAppid, { page: 'menu', storeId, tableNo }, `为 ${tableNo} 号桌点餐`)}`;
}
