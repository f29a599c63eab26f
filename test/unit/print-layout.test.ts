// Ticket layout (issue 16): CJK characters take two columns, 58 mm paper has 32 columns and 80 mm
// 48, long names wrap without splitting a character, and the Feie markup stays within the paper.

import type { Order } from '../../miniprogram/domain/order';
import { feieContent } from '../../server/lib/printing/feie';
import {
  charWidth,
  COLUMNS,
  columnsRow,
  kitchenTicket,
  receiptTicket,
  renderedLines,
  textWidth,
  wrapText,
} from '../../server/lib/printing/layout';
import { paperLines } from '../../tools/local-cloud/feie/paper';

const LONG = '法式香草焦糖玛奇朵配燕麦奶与海盐芝士奶盖特大杯限定版';

function order(overrides: Partial<Order> = {}): Order {
  return {
    _id: '20261206100000123456789a',
    orderNo: '20261206100000123456789a',
    _openid: 'o-1',
    storeId: 'xujiahui',
    storeName: '徐家汇店',
    mode: 'pickup',
    dineIn: null,
    pickup: { asap: true },
    delivery: null,
    lines: [
      {
        goodsId: 'g1',
        name: '拿铁',
        image: '',
        specs: {},
        addOns: [],
        description: '大杯 / 少糖 + 燕麦奶',
        qty: 2,
        unitPriceFen: 3200,
        lineTotalFen: 6400,
      },
      {
        goodsId: 'g2',
        name: LONG,
        image: '',
        specs: {},
        addOns: [],
        description: '',
        qty: 1,
        unitPriceFen: 4800,
        lineTotalFen: 4800,
      },
    ],
    amounts: { itemsFen: 11200, packagingFeeFen: 100, deliveryFeeFen: 0, totalFen: 11300 },
    remark: '少冰，谢谢',
    entry: { source: 'other', scene: 0 },
    pickupNo: 'A012',
    businessDate: '20261206',
    status: 'paid',
    statusLog: [],
    createdAt: Date.UTC(2026, 11, 6, 2, 0),
    expiresAt: Date.UTC(2026, 11, 6, 2, 15),
    stockHolds: [],
    stockReleased: false,
    payment: { transactionId: 't', paidFen: 11300, paidAt: Date.UTC(2026, 11, 6, 2, 1) },
    refund: null,
    timeZone: 'Asia/Shanghai',
    ...overrides,
  } as Order;
}

describe('widths', () => {
  it('counts a Chinese character, full-width punctuation and emoji as two columns, ASCII as one', () => {
    expect(charWidth('拿')).toBe(2);
    expect(charWidth('，')).toBe(2);
    expect(charWidth('¥')).toBe(1);
    expect(charWidth('a')).toBe(1);
    expect(charWidth('😀')).toBe(2);
    expect(textWidth('拿铁 x2')).toBe(7);
  });

  it('has 32 columns on 58 mm paper and 48 on 80 mm', () => {
    expect(COLUMNS).toEqual({ 58: 32, 80: 48 });
  });
});

describe('wrapping', () => {
  it('wraps a long Chinese name at 16 characters on 58 mm, never splitting one', () => {
    const lines = wrapText(LONG, 32);
    expect(lines.join('')).toBe(LONG);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(32);
    expect(lines[0]).toHaveLength(16);
  });

  it('does not split a wide character across the edge when the line has an odd column left', () => {
    const lines = wrapText(`a${LONG}`, 32);
    expect(lines[0]).toBe(`a${LONG.slice(0, 15)}`);
    expect(textWidth(lines[0])).toBe(31);
    expect(lines.join('')).toBe(`a${LONG}`);
  });

  it('keeps surrogate pairs whole and moves a Latin word to the next line whole', () => {
    expect(
      wrapText('𠮷'.repeat(20), 32).every(
        (line) => line === '𠮷'.repeat(16) || line === '𠮷'.repeat(4),
      ),
    ).toBe(true);
    expect(wrapText('Flat White Oat Milk Extra Large Cup', 16)).toEqual([
      'Flat White Oat',
      'Milk Extra Large',
      'Cup',
    ]);
  });

  it('puts the amount at the right edge and wraps the name above it', () => {
    const [row] = columnsRow('拿铁 x2', '64.00', 32);
    expect(textWidth(row)).toBe(32);
    expect(row.endsWith('64.00')).toBe(true);
    const rows = columnsRow(`${LONG} x1`, '48.00', 32);
    expect(rows.length).toBeGreaterThan(1);
    for (const line of rows) expect(textWidth(line)).toBeLessThanOrEqual(32);
    expect(rows[rows.length - 1].endsWith('48.00')).toBe(true);
  });
});

describe('tickets', () => {
  it.each([58, 80] as const)(
    'a %i mm receipt has every line within the paper, totals and a QR code',
    (paperMm) => {
      const ticket = receiptTicket(order(), { paperMm, qrData: 'weixin://dl/business/?x' });
      const lines = renderedLines(ticket);
      for (const line of lines) {
        expect(textWidth(line.text)).toBeLessThanOrEqual(COLUMNS[paperMm] / (line.large ? 2 : 1));
      }
      const text = lines.map((l) => l.text).join('\n');
      expect(text).toContain('A012');
      expect(text).toMatch(/实付\s+¥113\.00/);
      expect(text).toMatch(/打包费\s+1\.00/);
      expect(ticket.blocks).toContainEqual({ kind: 'qr', data: 'weixin://dl/business/?x' });
      // Feie's markup of it, read back as the printer would: nothing wider than the paper.
      const printed = paperLines(feieContent(ticket), paperMm);
      expect(printed.filter((l) => l.overflow)).toEqual([]);
    },
  );

  it('wraps the same receipt into more lines on 58 mm than on 80 mm', () => {
    const narrow = renderedLines(receiptTicket(order(), { paperMm: 58, qrData: 'x' }));
    const wide = renderedLines(receiptTicket(order(), { paperMm: 80, qrData: 'x' }));
    expect(narrow.length).toBeGreaterThan(wide.length);
  });

  it('a kitchen ticket: the station, the number large, items with their specs, the remark', () => {
    const o = order();
    const ticket = kitchenTicket(o, o.lines, { paperMm: 58, station: '吧台' });
    const content = feieContent(ticket);
    expect(content).toContain('<C>吧台</C><BR>');
    expect(content).toContain('<CB>自取 A012</CB><BR>');
    expect(content).toContain('大杯 / 少糖 + 燕麦奶');
    expect(content).toContain('<B><BOLD>备注：少冰，谢谢</BOLD></B>');
    expect(content).not.toContain('¥');
    expect(paperLines(content, 58).filter((l) => l.overflow)).toEqual([]);
  });

  it('a dine-in ticket leads with the table', () => {
    const o = order({ mode: 'dine_in', dineIn: { tableNo: 'A3', diners: 2 }, pickup: null });
    expect(feieContent(kitchenTicket(o, o.lines, { paperMm: 80 }))).toContain('<CB>A3桌 A012</CB>');
  });

  it("a customer's text cannot add Feie markup", () => {
    const o = order({ remark: '<CUT><QR>http://evil</QR>' });
    const content = feieContent(kitchenTicket(o, o.lines, { paperMm: 58 }));
    expect(content).not.toContain('<QR>http://evil');
    expect(content.match(/<CUT>/g)).toHaveLength(1);
  });
});
