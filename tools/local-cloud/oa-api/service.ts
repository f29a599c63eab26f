// An emulation of the official-account HTTP API the project uses (what api.weixin.qq.com
// answers), mounted at /oa-api: cgi-bin/stable_token, message/template/send, menu/create,
// freepublish/batchget, user/info. Inputs are validated like WeChat, every call (accepted or
// not) is recorded in the outbox as kind `oa:<path>`. Dev-only helpers:
//   POST /oa-api/__users {openid, unionid}     what user/info answers for that OA openid
//   POST /oa-api/__fail  {path, errcode, times} the next `times` calls to path answer errcode

import { randomBytes } from 'node:crypto';
import type { Outbox } from '../openapi/outbox';
import { validateSubscribeMessage, type WxError } from '../openapi/subscribe-message';
import { SEEDED_ARTICLES } from './articles';
import { validateMenu } from './menu';

export const TOKEN_SECONDS = 7200;

export interface OaApiRequest {
  method: string;
  /** Path after /oa-api, e.g. "/cgi-bin/menu/create". */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Json = Record<string, unknown>;

export class OaApiEmulator {
  private readonly tokens = new Map<string, number>();
  private readonly unionids = new Map<string, string>();
  private readonly failures = new Map<string, { errcode: number; times: number }>();
  private msgId = 1000;

  constructor(private readonly outbox: Outbox) {}

  async handle(req: OaApiRequest): Promise<{ status: number; body: Json }> {
    const body = isRecord(req.body) ? req.body : {};
    if (req.path === '/__users' && req.method === 'POST') {
      this.unionids.set(String(body.openid), String(body.unionid ?? ''));
      return { status: 200, body: { ok: true } };
    }
    if (req.path === '/__fail' && req.method === 'POST') {
      this.failures.set(String(body.path), {
        errcode: Number(body.errcode ?? -1),
        times: Number(body.times ?? 1),
      });
      return { status: 200, body: { ok: true } };
    }
    const path = req.path.replace(/^\/cgi-bin\//, '');
    const request = req.method === 'GET' ? Object.fromEntries(req.query) : body;
    delete (request as Json).access_token;
    const answer = this.answer(path, req, body);
    await this.outbox.record({
      kind: `oa:${path}`,
      openid: typeof request.touser === 'string' ? request.touser : undefined,
      request: request as Json,
      errcode: Number(answer.errcode ?? 0),
      errmsg: String(answer.errmsg ?? 'ok'),
    });
    return { status: 200, body: answer };
  }

  private answer(path: string, req: OaApiRequest, body: Json): Json {
    if (path === 'stable_token') return this.issueToken(body);
    const known = ['message/template/send', 'menu/create', 'freepublish/batchget', 'user/info'];
    if (!known.includes(path)) return { errcode: 40066, errmsg: `invalid url: ${path}` };
    if ((this.tokens.get(req.query.get('access_token') ?? '') ?? 0) <= Date.now()) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    }
    const injected = this.failures.get(path);
    if (injected && injected.times > 0) {
      injected.times -= 1;
      return { errcode: injected.errcode, errmsg: 'system error (injected by /oa-api/__fail)' };
    }
    if (path === 'menu/create') return { ...(validateMenu(body) ?? ok()) };
    if (path === 'message/template/send') return this.templateSend(body);
    if (path === 'freepublish/batchget') return batchget(body);
    return this.userInfo(req.query.get('openid') ?? '');
  }

  private issueToken(body: Json): Json {
    if (body.grant_type !== 'client_credential') {
      return { errcode: 40002, errmsg: 'invalid grant_type' };
    }
    if (typeof body.appid !== 'string' || !body.appid) {
      return { errcode: 40013, errmsg: 'invalid appid' };
    }
    if (typeof body.secret !== 'string' || !body.secret) {
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    }
    const token = `local-oa-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, Date.now() + TOKEN_SECONDS * 1000);
    return { access_token: token, expires_in: TOKEN_SECONDS };
  }

  private templateSend(body: Json): Json {
    if (typeof body.touser !== 'string' || !body.touser) {
      return { errcode: 40003, errmsg: 'invalid openid' };
    }
    if (typeof body.template_id !== 'string' || !body.template_id) {
      return { errcode: 40037, errmsg: 'invalid template_id' };
    }
    const mini = body.miniprogram as Json | undefined;
    if (mini !== undefined && (!isRecord(mini) || !mini.appid || !mini.pagepath)) {
      return { errcode: 40165, errmsg: 'invalid miniprogram: appid and pagepath are required' };
    }
    // The OA's new-style templates use the same typed keys as subscribe messages.
    const error: WxError | undefined = validateSubscribeMessage(
      { touser: body.touser, template_id: body.template_id, data: body.data },
      undefined,
    );
    if (error) return { ...error };
    this.msgId += 1;
    return { ...ok(), msgid: this.msgId };
  }

  private userInfo(openid: string): Json {
    if (!openid) return { errcode: 40003, errmsg: 'invalid openid' };
    const unionid = this.unionids.get(openid);
    return {
      subscribe: 1,
      openid,
      language: 'zh_CN',
      subscribe_time: Math.floor(Date.now() / 1000),
      ...(unionid ? { unionid } : {}),
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 0,
      qr_scene_str: '',
    };
  }
}

function batchget(body: Json): Json {
  const offset = Number(body.offset ?? 0);
  const count = Number(body.count);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1) {
    return { errcode: 40097, errmsg: 'invalid args: offset ≥ 0, count 1-20' };
  }
  if (count > 20) return { errcode: 40097, errmsg: 'invalid args: count must be ≤ 20' };
  const noContent = Number(body.no_content ?? 0) === 1;
  const item = SEEDED_ARTICLES.slice(offset, offset + count).map((entry) => ({
    ...entry,
    content: {
      ...entry.content,
      news_item: entry.content.news_item.map((news) =>
        noContent ? { ...news, content: '' } : news,
      ),
    },
  }));
  return { total_count: SEEDED_ARTICLES.length, item_count: item.length, item };
}

const ok = (): Json => ({ errcode: 0, errmsg: 'ok' });

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
