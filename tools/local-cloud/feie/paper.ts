// Feie markup as it would come out of a 58 or 80 mm printer: the lines of a ticket (parsed from
// <BR>, <CB>, <B>, <C>, <BOLD>, <RIGHT>, <QR>, <CUT>) and an HTML strip of paper for the console.
// A line wider than the paper is wrapped as the printer would, and flagged.

import { COLUMNS, textWidth, wrapText } from '../../../server/lib/printing/layout';

export interface PaperLine {
  kind: 'text' | 'qr' | 'cut';
  text: string;
  large: boolean;
  center: boolean;
  right: boolean;
  bold: boolean;
  /** The line as sent was wider than the paper and wrapped. */
  overflow: boolean;
}

/** Lines of a roll ticket (Open_printMsg content) on paper of `paperMm`. */
export function paperLines(content: string, paperMm: 58 | 80): PaperLine[] {
  const columns = COLUMNS[paperMm];
  const lines: PaperLine[] = [];
  const pieces = content.split(/(<BR>|<CUT>|<QR>[\s\S]*?<\/QR>)/);
  let pending = '';
  const flush = (raw: string) => {
    const large = /<(CB|B|W)>/.test(raw);
    const center = /<(CB|C)>/.test(raw);
    const right = /<RIGHT>/.test(raw);
    const bold = /<BOLD>/.test(raw);
    const text = raw.replace(/<\/?[A-Z]+>/g, '');
    const cols = large ? Math.floor(columns / 2) : columns;
    const wrapped = wrapText(text, cols);
    for (const part of wrapped) {
      lines.push({
        kind: 'text',
        text: part,
        large,
        center,
        right,
        bold,
        overflow: textWidth(text) > cols,
      });
    }
  };
  for (const piece of pieces) {
    if (piece === '<BR>') {
      flush(pending);
      pending = '';
    } else if (piece === '<CUT>') {
      if (pending) flush(pending);
      pending = '';
      lines.push({
        kind: 'cut',
        text: '',
        large: false,
        center: false,
        right: false,
        bold: false,
        overflow: false,
      });
    } else if (piece.startsWith('<QR>')) {
      if (pending) flush(pending);
      pending = '';
      const data = piece.slice(4, -5);
      lines.push({
        kind: 'qr',
        text: data,
        large: false,
        center: true,
        right: false,
        bold: false,
        overflow: false,
      });
    } else {
      pending += piece;
    }
  }
  if (pending) flush(pending);
  return lines;
}

/** Label content (Open_printLabelMsg): the text of each <TEXT> element, one line each. */
export function labelLines(content: string): PaperLine[] {
  return [...content.matchAll(/<TEXT[^>]*>([\s\S]*?)<\/TEXT>/g)].map(([, text]) => ({
    kind: 'text' as const,
    text,
    large: false,
    center: false,
    right: false,
    bold: false,
    overflow: false,
  }));
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * One ticket as a strip of thermal paper: a monospace grid where a CJK character is two columns
 * wide, 8 px per column (58 mm → 256 px, 80 mm → 384 px of print width).
 */
export function paperHtml(
  lines: PaperLine[],
  paperMm: 58 | 80,
  qrSvg: (data: string) => string,
): string {
  const columns = COLUMNS[paperMm];
  const rows = lines
    .map((line) => {
      if (line.kind === 'cut') return '<div class="cut">✂ - - - - - - - - - -</div>';
      if (line.kind === 'qr') return `<div class="qr">${qrSvg(line.text)}</div>`;
      const classes = [
        'line',
        line.large ? 'large' : '',
        line.center ? 'center' : '',
        line.right ? 'right' : '',
        line.bold ? 'bold' : '',
        line.overflow ? 'overflow' : '',
      ]
        .filter(Boolean)
        .join(' ');
      // Each character in a cell of its printed width, so the grid is the printer's.
      const cells = Array.from(line.text)
        .map(
          (ch) =>
            `<span class="c${textWidth(ch) === 2 ? 2 : 1}">${ch === ' ' ? '&nbsp;' : esc(ch)}</span>`,
        )
        .join('');
      return `<div class="${classes}">${cells || '&nbsp;'}</div>`;
    })
    .join('');
  return `<div class="paper p${paperMm}" style="--cols:${columns}">${rows}</div>`;
}

export const PAPER_CSS = `
.paper{background:#fff;color:#111;font:16px/20px "Noto Sans SC","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",monospace;width:calc(var(--cols) * 8px);padding:12px 10px;box-shadow:0 1px 4px rgba(0,0,0,.25);margin:8px 0}
.paper .line{white-space:nowrap;display:flex}
.paper .line span{display:inline-block;overflow:hidden;text-align:center}
.paper .c1{width:8px}.paper .c2{width:16px}
.paper .large span.c1{width:16px}.paper .large span.c2{width:32px}.paper .large{font-size:28px;line-height:36px}
.paper .center{justify-content:center}.paper .right{justify-content:flex-end}.paper .bold{font-weight:700}
.paper .overflow{background:#fde2e2}
.paper .qr{display:flex;justify-content:center;padding:6px 0}.paper .qr svg{width:128px;height:128px}
.paper .cut{color:#666666;font-size:12px;text-align:center;margin:6px 0}
`;
