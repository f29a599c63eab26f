// subscribeMessage.send validation with the documented per-type value rules and error codes
// (developers.weixin.qq.com .../subscribe-message/sendMessage.html):
// thing ≤ 20 chars, number ≤ 32 digits, letter ≤ 32 letters, symbol ≤ 5, character_string ≤ 32,
// time/date formatted, amount = optional currency symbol + number ≤ 10 digits, phone_number ≤ 17,
// car_number ≤ 8, name ≤ 10 Chinese or 20 letters, phrase ≤ 5 Chinese characters.
// Template ids: the local cloud accepts any id unless LOCAL_CLOUD_TEMPLATES restricts them.

export interface WxError {
  errcode: number;
  errmsg: string;
}

const rules: Record<string, (value: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => /^[-+]?\d+(\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => [...v].length <= 5,
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => /^(\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?\s*)?\d{1,2}:\d{2}(:\d{2})?$/.test(v),
  date: (v) => /^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.test(v),
  amount: (v) => /^[^\d\s.-]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => [...v].length <= 8,
  name: (v) => (/^[\u4e00-\u9fa5]+$/.test(v) ? [...v].length <= 10 : v.length <= 20),
  phrase: (v) => /^[\u4e00-\u9fa5]{1,5}$/.test(v),
};

export function validateSubscribeMessage(
  request: Record<string, unknown>,
  allowedTemplates: string[] | undefined,
): WxError | undefined {
  if (typeof request.touser !== 'string' || !request.touser) {
    return { errcode: 40003, errmsg: 'invalid openid' };
  }
  const template = request.template_id;
  if (typeof template !== 'string' || !template) {
    return { errcode: 40037, errmsg: 'invalid template_id' };
  }
  if (allowedTemplates && !allowedTemplates.includes(template)) {
    return { errcode: 40037, errmsg: `invalid template_id ${template}` };
  }
  if (
    request.page !== undefined &&
    (typeof request.page !== 'string' || request.page.startsWith('/'))
  ) {
    return { errcode: 41030, errmsg: 'invalid page: use a path like pages/index/index' };
  }
  const state = request.miniprogram_state;
  if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) {
    return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' };
  }
  const data = request.data;
  if (typeof data !== 'object' || data === null || Object.keys(data).length === 0) {
    return { errcode: 47003, errmsg: 'argument invalid! data is empty' };
  }
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    const value = (item as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' && typeof value !== 'number') {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is missing` };
    }
    const type = key.replace(/\d+$/, '');
    const rule = rules[type];
    if (!rule) return { errcode: 47003, errmsg: `argument invalid! unknown keyword ${key}` };
    if (!rule(String(value))) {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid for ${type}` };
    }
  }
  return undefined;
}
