// An emulation of Feie's (飞鹅云) open API, mounted at /feie/Api/Open/ — the driver's base URL
// (STOREFRONT_PRINT_FEIE_BASE) points here in the local cloud. A form POST with user, stime,
// sig = sha1(user + UKEY + stime) and apiname; answers {msg, ret, data, serverExecutedTime} as
// Feie does (docs/PRINTING.md): ret -2 unknown account, -3 bad signature, 1002 a printer not on
// the account. It knows one account and a few printers ("devices", as if bought), each online or
// offline: a ticket for an offline printer is accepted and waits, as Feie queues it, and prints
// when the printer comes back. Every ticket is kept as it would come out of the printer.
// Dev-only helpers:
//   GET  /feie/tickets[?sn=]               tickets received, with their lines on paper
//   GET  /feie/tickets/<orderid>.html      one ticket drawn on 58/80 mm paper
//   DELETE /feie/tickets
//   POST /feie/__devices {sn, key?, paperMm?, online?, paperOut?}   add a device, switch it on or
//                                          off line, or out of paper (tickets wait either way)
//   POST /feie/__account {ukey}            change the account's UKEY (as a reset in Feie's console)

import { createHash, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { labelLines, PAPER_CSS, paperHtml, paperLines, type PaperLine } from './paper';

/** The account functions use in the local cloud (also the defaults local-cloud sets for them). */
export const LOCAL_FEIE_USER = 'storefront@local.test';
export const LOCAL_FEIE_UKEY = 'LocalUkey0000001';

interface Device {
  sn: string;
  key: string;
  paperMm: 58 | 80;
  online: boolean;
  /** Online but not printing (out of paper, cover open): "在线，工作状态不正常". */
  paperOut: boolean;
  /** The account it was added to, and the name given there. */
  user: string;
  name: string;
}

export interface FeieTicket {
  orderid: string;
  sn: string;
  apiname: string;
  paperMm: 58 | 80;
  content: string;
  lines: PaperLine[];
  receivedAt: string;
  printedAt: string | null;
}

/** Printers "on the shelf" of the demo store, with the key printed on each. */
export const DEMO_DEVICES: ReadonlyArray<Pick<Device, 'sn' | 'key' | 'paperMm'>> = [
  { sn: '916500001', key: 'abcd1234', paperMm: 80 },
  { sn: '916500002', key: 'abcd1234', paperMm: 58 },
  { sn: '916500003', key: 'abcd1234', paperMm: 58 },
  { sn: '916500004', key: 'abcd1234', paperMm: 58 },
];

type Answer = { msg: string; ret: number; data: unknown; serverExecutedTime: number };
const ok = (data: unknown): Answer => ({ msg: 'ok', ret: 0, data, serverExecutedTime: 3 });
const refuse = (ret: number, msg: string): Answer => ({
  msg,
  ret,
  data: null,
  serverExecutedTime: 2,
});
const MAX_TICKETS = 500;
const CONTENT_MAX_BYTES = 5000;

export class FeieEmulator {
  private readonly accounts = new Map<string, string>([[LOCAL_FEIE_USER, LOCAL_FEIE_UKEY]]);
  private readonly devices = new Map<string, Device>();
  private readonly tickets: FeieTicket[] = [];

  constructor() {
    for (const d of DEMO_DEVICES)
      this.devices.set(d.sn, { ...d, online: true, paperOut: false, user: '', name: '' });
  }

  /** POST /feie/Api/Open/ with a form body. */
  api(form: URLSearchParams): Answer {
    const p = (name: string) => form.get(name) ?? '';
    for (const name of ['user', 'stime', 'sig', 'apiname']) {
      if (!p(name) || p(name) === 'null' || p(name) === 'undefined') {
        return refuse(-2, `参数错误 : 参数值不能传空字符，"", "null", "undefined".`);
      }
    }
    const ukey = this.accounts.get(p('user'));
    if (ukey === undefined) return refuse(-2, '参数错误 : 该帐号未注册.');
    const expected = createHash('sha1')
      .update(p('user') + ukey + p('stime'))
      .digest('hex');
    if (p('sig').toLowerCase() !== expected) return refuse(-3, '验证失败 : 签名错误.');
    const user = p('user');
    switch (p('apiname')) {
      case 'Open_printerAddlist':
        return this.addList(user, p('printerContent'));
      case 'Open_queryPrinterStatus': {
        const device = this.mine(user, p('sn'));
        if (!device) return refuse(1002, '验证失败 : 打印机编号和用户不匹配.');
        if (!device.online) return ok('离线');
        return ok(device.paperOut ? '在线，工作状态不正常' : '在线，工作状态正常');
      }
      case 'Open_printMsg':
      case 'Open_printLabelMsg':
        return this.print(user, p('apiname'), p('sn'), p('content'));
      case 'Open_queryOrderState': {
        const ticket = this.tickets.find((t) => t.orderid === p('orderid'));
        if (!ticket || this.mine(user, ticket.sn) === undefined) {
          return refuse(-2, '参数错误 : 订单编号错误.');
        }
        return ok(ticket.printedAt !== null);
      }
      default:
        return refuse(-2, `参数错误 : apiname ${p('apiname')} 不存在.`);
    }
  }

  private mine(user: string, sn: string): Device | undefined {
    const device = this.devices.get(sn);
    return device && device.user === user ? device : undefined;
  }

  private addList(user: string, content: string): Answer {
    const okList: string[] = [];
    const noList: string[] = [];
    for (const entry of content.split('\n').filter(Boolean).slice(0, 100)) {
      const [sn = '', key = '', remark = ''] = entry.split('#');
      const device = this.devices.get(sn);
      if (!device) noList.push(`${entry}  （错误：打印机编号错误）`);
      else if (device.key !== key) noList.push(`${entry}  （错误：识别码不正确）`);
      else if (device.user) noList.push(`${entry}  （错误：已被添加过）`);
      else {
        device.user = user;
        device.name = remark;
        okList.push(entry);
      }
    }
    return ok({ ok: okList, no: noList });
  }

  private print(user: string, apiname: string, sn: string, content: string): Answer {
    const device = this.mine(user, sn);
    if (!device) return refuse(1002, '验证失败 : 打印机编号和用户不匹配.');
    if (!content) return refuse(-2, '参数错误 : 参数值不能传空字符，"", "null", "undefined".');
    if (Buffer.byteLength(content) > CONTENT_MAX_BYTES) {
      return refuse(-2, '参数错误 : content 不能超过5000字节.');
    }
    const now = new Date();
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    const orderid = `${sn}_${stamp}_${randomInt(1e9, 1e10)}`;
    this.tickets.push({
      orderid,
      sn,
      apiname,
      paperMm: device.paperMm,
      content,
      lines:
        apiname === 'Open_printLabelMsg'
          ? labelLines(content)
          : paperLines(content, device.paperMm),
      receivedAt: now.toISOString(),
      printedAt: device.online && !device.paperOut ? now.toISOString() : null,
    });
    if (this.tickets.length > MAX_TICKETS) this.tickets.shift();
    return ok(orderid);
  }

  /** Dev helper: add a device, or switch one on or off line (queued tickets print on return). */
  setDevice(body: Record<string, unknown>): Device {
    const sn = String(body.sn ?? '');
    if (!/^[0-9A-Za-z]{6,20}$/.test(sn)) throw new Error('sn must be 6–20 letters or digits');
    const device = this.devices.get(sn) ?? {
      sn,
      key: 'abcd1234',
      paperMm: 58 as const,
      online: true,
      paperOut: false,
      user: '',
      name: '',
    };
    if (typeof body.key === 'string') device.key = body.key;
    if (body.paperMm === 58 || body.paperMm === 80) device.paperMm = body.paperMm;
    if (typeof body.online === 'boolean') device.online = body.online;
    if (typeof body.paperOut === 'boolean') device.paperOut = body.paperOut;
    this.devices.set(sn, device);
    if (device.online && !device.paperOut) {
      const now = new Date().toISOString();
      for (const t of this.tickets) if (t.sn === sn && t.printedAt === null) t.printedAt = now;
    }
    return device;
  }

  /** Dev helper: the account's UKEY as Feie's console would reset it. */
  setUkey(ukey: string): void {
    this.accounts.set(LOCAL_FEIE_USER, ukey);
  }

  list(sn?: string): FeieTicket[] {
    return this.tickets.filter((t) => !sn || t.sn === sn);
  }

  clear(): number {
    return this.tickets.splice(0).length;
  }

  /** One ticket as a standalone HTML page, or null. */
  async ticketPage(orderid: string): Promise<string | null> {
    const ticket = this.tickets.find((t) => t.orderid === orderid);
    if (!ticket) return null;
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${ticket.orderid}</title><style>body{margin:0;padding:12px;background:#eeeeee}${PAPER_CSS}</style></head><body>${await ticketHtml(ticket)}</body></html>`;
  }
}

/** The ticket drawn on its paper, QR codes included. */
export async function ticketHtml(ticket: Pick<FeieTicket, 'lines' | 'paperMm'>): Promise<string> {
  const svgs = new Map<string, string>();
  for (const line of ticket.lines) {
    if (line.kind === 'qr' && !svgs.has(line.text)) {
      svgs.set(line.text, await QRCode.toString(line.text, { type: 'svg', margin: 0 }));
    }
  }
  return paperHtml(ticket.lines, ticket.paperMm, (data) => svgs.get(data) ?? '');
}
