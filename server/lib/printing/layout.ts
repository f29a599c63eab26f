// Ticket layout for 58 and 80 mm thermal paper, vendor-neutral: a ticket is a list of blocks
// (text, rule, QR code, cut) that a driver turns into its vendor's markup. Widths are counted in
// printer columns: a CJK (or other full-width) character takes two, ASCII one; 58 mm paper has 32
// columns and 80 mm 48 (the standard 12×24 font), and large text (double width) half as many.
// Wrapping never splits a character, and prefers to break at a space in Latin text.

import type { Order } from '../../../miniprogram/domain/order';
import { addressText } from '../../../miniprogram/domain/order-display';
import type { PaperMm, PreviewLine } from '../../../miniprogram/domain/printing';

type TicketBlock =
  | { kind: 'text'; text: string; large?: boolean; bold?: boolean; center?: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' };

export interface Ticket {
  paperMm: PaperMm;
  /** Label printers take one label per block group; receipts and kitchen tickets roll. */
  format: 'roll' | 'label';
  blocks: TicketBlock[];
}

export const COLUMNS: Record<PaperMm, number> = { 58: 32, 80: 48 };

/** Columns one character takes: 2 for East Asian wide and full-width characters, 0 for marks. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0x200b) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) || // Hangul Jamo
    (code >= 0x2e80 && code <= 0x303e) || // CJK radicals, punctuation
    (code >= 0x3041 && code <= 0x33ff) || // kana, CJK symbols
    (code >= 0x3400 && code <= 0x4dbf) || // CJK ext. A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) || // full-width forms
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) || // emoji
    (code >= 0x20000 && code <= 0x3fffd) // CJK ext. B and later
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * Lines of at most `columns` columns. Whole characters only (a surrogate pair is one character);
 * Latin words move to the next line whole when they fit on one; explicit newlines are kept.
 */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    const chars = Array.from(paragraph);
    for (let i = 0; i < chars.length; i += 1) {
      const char = chars[i];
      const w = charWidth(char);
      if (width + w > columns) {
        // Break before the Latin word this character is in, when that word started on this line.
        const wordStart = /[A-Za-z0-9]/.test(char) ? line.search(/[A-Za-z0-9]+$/) : -1;
        if (wordStart > 0) {
          const carried = line.slice(wordStart);
          lines.push(line.slice(0, wordStart).trimEnd());
          line = carried;
          width = textWidth(carried);
        } else {
          lines.push(line.trimEnd());
          line = '';
          width = 0;
        }
        if (char === ' ' && line === '') continue;
      }
      line += char;
      width += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** `left` padded so that `right` ends at the last column; left wraps above when too long. */
export function columnsRow(left: string, right: string, columns: number): string[] {
  const rightWidth = textWidth(right);
  const room = columns - rightWidth - 1;
  const lefts = wrapText(left, Math.max(room, 1));
  const last = lefts.pop() ?? '';
  const gap = columns - textWidth(last) - rightWidth;
  return [...lefts, `${last}${' '.repeat(Math.max(gap, 1))}${right}`];
}

/** Every text block as printed lines, each within its columns (large text counts double). */
export function renderedLines(ticket: Ticket): Array<{ text: string; large: boolean }> {
  const columns = COLUMNS[ticket.paperMm];
  const out: Array<{ text: string; large: boolean }> = [];
  for (const block of ticket.blocks) {
    if (block.kind === 'rule') out.push({ text: '-'.repeat(columns), large: false });
    if (block.kind !== 'text') continue;
    const cols = block.large ? Math.floor(columns / 2) : columns;
    for (const text of wrapText(block.text, cols)) out.push({ text, large: !!block.large });
  }
  return out;
}

/** The ticket line by line, as staff preview it (PrintJobView.preview). */
export function previewLines(ticket: Ticket): PreviewLine[] {
  const columns = COLUMNS[ticket.paperMm];
  const out: PreviewLine[] = [];
  const line = (kind: PreviewLine['kind'], text = '', extra: Partial<PreviewLine> = {}) =>
    out.push({ kind, text, large: false, center: false, bold: false, ...extra });
  for (const block of ticket.blocks) {
    if (block.kind === 'rule') line('rule', '-'.repeat(columns));
    if (block.kind === 'qr') line('qr', block.data, { center: true });
    if (block.kind === 'cut') line('cut');
    if (block.kind !== 'text') continue;
    const cols = block.large ? Math.floor(columns / 2) : columns;
    for (const text of wrapText(block.text, cols)) {
      line('text', text, { large: !!block.large, center: !!block.center, bold: !!block.bold });
    }
  }
  return out;
}

const yuan = (fen: number): string => (fen / 100).toFixed(2);

function clock(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(epochMs));
}

const MODE_TEXT: Record<Order['mode'], string> = {
  dine_in: '堂食',
  pickup: '自取',
  delivery: '外送',
};

/** The big line: the table for dine-in, else the pickup number. */
function headline(order: Order): string {
  const number = order.pickupNo || order.orderNo.slice(-6);
  return order.mode === 'dine_in' && order.dineIn
    ? `${order.dineIn.tableNo}桌 ${number}`
    : `${MODE_TEXT[order.mode]} ${number}`;
}

function pushWrapped(blocks: TicketBlock[], lines: string[], extra: Partial<TicketBlock> = {}) {
  for (const text of lines) blocks.push({ kind: 'text', text, ...extra } as TicketBlock);
}

interface LayoutOptions {
  paperMm: PaperMm;
  /** For the header of kitchen tickets, e.g. "吧台". */
  station?: string;
  /** The printed time, epoch ms (the order's paid time by default). */
  now?: number;
  /** A reprint says so at the top. */
  reprint?: boolean;
  /** The lines are not to be made after all (a table's 退菜): said at the top, large. */
  cancelled?: boolean;
}

/** A kitchen station's ticket: big number or table, what to make (with specs), the remark. */
export function kitchenTicket(order: Order, lines: Order['lines'], opts: LayoutOptions): Ticket {
  const columns = COLUMNS[opts.paperMm];
  const timeZone = order.timeZone || 'Asia/Shanghai';
  const blocks: TicketBlock[] = [];
  if (opts.reprint) blocks.push({ kind: 'text', text: '【补打】', center: true, bold: true });
  if (opts.cancelled) {
    blocks.push({ kind: 'text', text: '【退菜】不要做了', center: true, bold: true, large: true });
  }
  blocks.push({ kind: 'text', text: opts.station || '后厨', center: true });
  blocks.push({ kind: 'text', text: headline(order), large: true, center: true });
  blocks.push({
    kind: 'text',
    text: `${MODE_TEXT[order.mode]}  ${clock(order.payment?.paidAt ?? order.createdAt, timeZone)}`,
  });
  blocks.push({ kind: 'rule' });
  for (const line of lines) {
    pushWrapped(blocks, columnsRow(line.name, `x${line.qty}`, Math.floor(columns / 2)), {
      large: true,
    });
    if (line.description) pushWrapped(blocks, wrapText(`  ${line.description}`, columns));
  }
  blocks.push({ kind: 'rule' });
  if (order.remark) {
    blocks.push({ kind: 'text', text: `备注：${order.remark}`, large: true, bold: true });
  }
  blocks.push({ kind: 'text', text: `单号 ${order.orderNo}` });
  blocks.push({ kind: 'cut' });
  return { paperMm: opts.paperMm, format: 'roll', blocks };
}

/** The customer's receipt: store, number, every line with its amount, totals, a QR code. */
export function receiptTicket(order: Order, opts: LayoutOptions & { qrData: string }): Ticket {
  const columns = COLUMNS[opts.paperMm];
  const timeZone = order.timeZone || 'Asia/Shanghai';
  const blocks: TicketBlock[] = [];
  if (opts.reprint) blocks.push({ kind: 'text', text: '【补打】', center: true, bold: true });
  blocks.push({ kind: 'text', text: order.storeName, center: true, bold: true });
  blocks.push({ kind: 'text', text: headline(order), large: true, center: true });
  blocks.push({ kind: 'text', text: `下单 ${clock(order.createdAt, timeZone)}` });
  blocks.push({ kind: 'text', text: `单号 ${order.orderNo}` });
  if (order.mode === 'delivery' && order.delivery) {
    pushWrapped(blocks, wrapText(addressText(order.delivery), columns));
  }
  blocks.push({ kind: 'rule' });
  for (const line of order.lines) {
    pushWrapped(blocks, columnsRow(`${line.name} x${line.qty}`, yuan(line.lineTotalFen), columns));
    if (line.description) pushWrapped(blocks, wrapText(`  ${line.description}`, columns));
  }
  blocks.push({ kind: 'rule' });
  const { amounts } = order;
  pushWrapped(blocks, columnsRow('商品', yuan(amounts.itemsFen), columns));
  if (amounts.packagingFeeFen) {
    pushWrapped(blocks, columnsRow('打包费', yuan(amounts.packagingFeeFen), columns));
  }
  if (amounts.deliveryFeeFen) {
    pushWrapped(blocks, columnsRow('配送费', yuan(amounts.deliveryFeeFen), columns));
  }
  pushWrapped(blocks, columnsRow('实付', `¥${yuan(amounts.totalFen)}`, columns), { bold: true });
  if (order.remark) pushWrapped(blocks, wrapText(`备注：${order.remark}`, columns));
  blocks.push({ kind: 'qr', data: opts.qrData });
  blocks.push({ kind: 'text', text: '扫码查看订单', center: true });
  blocks.push({ kind: 'cut' });
  return { paperMm: opts.paperMm, format: 'roll', blocks };
}

/** Cup labels: one per cup, "A012 2/3", the item and its specs. */
export function labelTicket(order: Order, lines: Order['lines'], opts: LayoutOptions): Ticket {
  const blocks: TicketBlock[] = [];
  const cups = lines.reduce((sum, line) => sum + line.qty, 0);
  let n = 0;
  for (const line of lines) {
    for (let i = 0; i < line.qty; i += 1) {
      n += 1;
      blocks.push({
        kind: 'text',
        text: `${order.pickupNo || order.orderNo.slice(-6)} ${n}/${cups}`,
      });
      blocks.push({ kind: 'text', text: line.name, bold: true });
      if (line.description) blocks.push({ kind: 'text', text: line.description });
      blocks.push({ kind: 'cut' });
    }
  }
  return { paperMm: opts.paperMm, format: 'label', blocks };
}

/** The test page staff print from the printers page. */
export function testTicket(printer: { name: string; paperMm: PaperMm }, now: number): Ticket {
  const columns = COLUMNS[printer.paperMm];
  return {
    paperMm: printer.paperMm,
    format: 'roll',
    blocks: [
      { kind: 'text', text: '打印测试', large: true, center: true },
      { kind: 'text', text: printer.name, center: true },
      { kind: 'rule' },
      { kind: 'text', text: `纸宽 ${printer.paperMm} mm，每行 ${columns} 列` },
      { kind: 'text', text: '中文两列宽：一二三四五六七八九十' },
      { kind: 'text', text: new Date(now).toISOString() },
      { kind: 'cut' },
    ],
  };
}
