// The Feie (飞鹅云) driver. Feie's open API (docs/PRINTING.md cites the pages): every call is a form
// POST to one URL with the public parameters user, stime (Unix seconds), sig = sha1(user + UKEY +
// stime) and apiname, plus the call's own; the answer is JSON {msg, ret, data, serverExecutedTime},
// ret 0 meaning success. Used here:
//   Open_printerAddlist      printerContent "sn#key#remark"   data {ok:[…], no:["… （错误：…）"]}
//   Open_queryPrinterStatus  sn                              data "离线" | "在线，工作状态正常" | "在线，工作状态不正常"
//   Open_printMsg            sn, content, times               data "<order id>"
//   Open_printLabelMsg       sn, content, times               data "<order id>" (label printers)
//   Open_queryOrderState     orderid                          data true (printed) | false
// Refusals seen from Feie: ret -2 "参数错误 : 该帐号未注册." (unknown user), ret -3
// "验证失败 : 签名错误." (wrong UKEY), ret 1002 "验证失败 : 打印机编号和用户不匹配." (printer not
// on this account), ret 1001 (malformed serial number).
// The account: function environment variables STOREFRONT_PRINT_FEIE_USER, _UKEY and _BASE, read
// by server/config.ts (feieAccount).

import { createHash } from 'node:crypto';
import type { PrinterStatus } from '../../../miniprogram/domain/printing';
import { feieAccount } from '../../config';
import { PrintError, type PrinterDriver } from './driver';
import { COLUMNS, type Ticket, wrapText } from './layout';

const TIMEOUT_MS = 3_000;

interface FeieAnswer {
  msg?: string;
  ret?: number;
  data?: unknown;
}

function feieSignature(user: string, ukey: string, stime: string): string {
  return createHash('sha1')
    .update(user + ukey + stime)
    .digest('hex');
}

function failureOf(answer: FeieAnswer): PrintError {
  const detail = `飞鹅云 ret ${answer.ret}: ${answer.msg ?? ''}`.trim();
  if (answer.ret === -2 || answer.ret === -3) {
    return new PrintError(
      'auth',
      `打印平台账号或 UKEY 有误，请管理员检查云函数环境变量 STOREFRONT_PRINT_FEIE_USER / STOREFRONT_PRINT_FEIE_UKEY (${detail})`,
    );
  }
  if (answer.ret === 1001 || answer.ret === 1002) {
    return new PrintError('unknown_printer', `打印机未添加到打印平台账号，请重新添加 (${detail})`);
  }
  return new PrintError('vendor', `打印平台拒绝了请求 (${detail})`);
}

async function call(apiname: string, params: Record<string, string>): Promise<unknown> {
  const { user, ukey, base } = feieAccount();
  if (!user || !ukey) {
    throw new PrintError(
      'auth',
      '未配置打印平台账号：请在云函数环境变量设置 STOREFRONT_PRINT_FEIE_USER 和 STOREFRONT_PRINT_FEIE_UKEY (not configured)',
    );
  }
  const stime = String(Math.floor(Date.now() / 1000));
  const body = new URLSearchParams({
    user,
    stime,
    sig: feieSignature(user, ukey, stime),
    apiname,
    ...params,
  });
  let answer: FeieAnswer;
  try {
    const response = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    answer = (await response.json()) as FeieAnswer;
  } catch (error) {
    throw new PrintError('vendor', `连不上打印平台，稍后自动重试 (${(error as Error).message})`);
  }
  if (answer.ret !== 0) throw failureOf(answer);
  return answer.data;
}

/** Feie's tags are markup: text from customers or staff must not add any. */
function plain(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞');
}

/** A roll ticket in Feie's markup: <CB> centred large, <B> large, <C> centred, <BOLD>, <QR>, <CUT>. */
export function feieContent(ticket: Ticket): string {
  const columns = COLUMNS[ticket.paperMm];
  let out = '';
  for (const block of ticket.blocks) {
    if (block.kind === 'rule') out += `${'-'.repeat(columns)}<BR>`;
    if (block.kind === 'qr') out += `<QR>${plain(block.data)}</QR>`;
    if (block.kind === 'cut') out += '<CUT>';
    if (block.kind !== 'text') continue;
    for (const line of wrapText(block.text, block.large ? Math.floor(columns / 2) : columns)) {
      let text = plain(line);
      if (block.bold) text = `<BOLD>${text}</BOLD>`;
      if (block.large) text = block.center ? `<CB>${text}</CB>` : `<B>${text}</B>`;
      else if (block.center) text = `<C>${text}</C>`;
      out += `${text}<BR>`;
    }
  }
  return out;
}

/** Label printers (Open_printLabelMsg): one label per <CUT>-separated group, lines as <TEXT>. */
function feieLabels(ticket: Ticket): string[] {
  const labels: string[] = [];
  let current = '';
  let y = 10;
  for (const block of ticket.blocks) {
    if (block.kind === 'text') {
      for (const line of wrapText(block.text, 20)) {
        current += `<TEXT x='10' y='${y}' font='12' w='1' h='1' r='0'>${plain(line)}</TEXT>`;
        y += 40;
      }
    }
    if (block.kind === 'cut' && current) {
      labels.push(current);
      current = '';
      y = 10;
    }
  }
  if (current) labels.push(current);
  return labels;
}

function statusOf(text: string): PrinterStatus {
  if (text.startsWith('离线')) return { state: 'offline', text };
  if (text.includes('不正常')) return { state: 'abnormal', text };
  if (text.startsWith('在线')) return { state: 'online', text };
  return { state: 'unknown', text };
}

export function feieDriver(): PrinterDriver {
  return {
    vendor: 'feie',
    async register({ sn, key, name }) {
      const data = (await call('Open_printerAddlist', {
        printerContent: `${sn}#${key}#${name.replace(/[#\n]/g, ' ')}`,
      })) as { ok?: string[]; no?: string[] } | null;
      const refused = (data?.no ?? []).find((entry) => !/已被添加过/.test(entry));
      if (refused) throw new PrintError('unknown_printer', `打印机添加失败：${refused}`);
    },
    async status(sn) {
      return statusOf(String(await call('Open_queryPrinterStatus', { sn })));
    },
    async print(sn, ticket) {
      if (ticket.format === 'label') {
        const ids: string[] = [];
        for (const content of feieLabels(ticket)) {
          ids.push(String(await call('Open_printLabelMsg', { sn, content, times: '1' })));
        }
        return ids;
      }
      return [
        String(await call('Open_printMsg', { sn, content: feieContent(ticket), times: '1' })),
      ];
    },
    async printed(ids) {
      for (const orderid of ids) {
        if ((await call('Open_queryOrderState', { orderid })) !== true) return false;
      }
      return true;
    },
  };
}
