// One way to reach a cloud function, whatever the run mode. In cloud mode it is
// wx.cloud.callFunction; in local mode the same call goes over wx.request to the local cloud,
// which answers with exactly what callFunction would resolve to.
import type { ClientConfig } from '../config';

export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type CallFunction = (name: string, data: object) => Promise<unknown>;

const DEV_OPENID_KEY = 'storefront.devOpenid';

/** Local mode has no WeChat login, so each device invents a stable identity of its own. */
export function localIdentity(): string {
  let openid = wx.getStorageSync(DEV_OPENID_KEY) as string;
  if (!openid) {
    openid = `dev-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    wx.setStorageSync(DEV_OPENID_KEY, openid);
  }
  return openid;
}

function callLocal(baseUrl: string, name: string, data: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${baseUrl}/functions/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', 'x-wx-openid': localIdentity() },
      success: (res) => {
        const body = res.data as { result?: unknown; errMsg?: string } | undefined;
        if (res.statusCode === 200 && body && 'result' in body) resolve(body.result);
        else
          reject(
            new TransportError(
              'FUNCTION_FAILED',
              `${name}: ${body?.errMsg ?? `local cloud answered HTTP ${res.statusCode}`}`,
            ),
          );
      },
      fail: (err) =>
        reject(
          new TransportError(
            'NETWORK',
            `无法连接本地云 ${baseUrl}（${err.errMsg}）：请先运行 npm start`,
          ),
        ),
    });
  });
}

async function callCloud(name: string, data: object): Promise<unknown> {
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return res.result;
  } catch (err) {
    const message = (err as { errMsg?: string }).errMsg ?? String(err);
    throw new TransportError('NETWORK', `${name}: ${message}`);
  }
}

export function createTransport(config: ClientConfig): CallFunction {
  return config.mode === 'local'
    ? (name, data) => callLocal(config.localCloudUrl, name, data)
    : callCloud;
}
