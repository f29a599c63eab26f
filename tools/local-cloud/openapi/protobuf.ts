// wx-server-sdk wraps cloud.openapi calls in two protobuf messages (from its bundled openapi.js):
//   CommApiData     { 1 apiType: int32, 2 openapiData: { 1 pairs: [{ 1 key, 2 value: bytes }] }, 6 appid }
//   CommOpenApiResp { 1 respData: bytes, 2 contentType: string, 3 errorCode: int32, 4 httpCode: uint32 }
// These are the only fields read or written, so a tiny codec beats another dependency.

type Field = { tag: number; varint?: number; bytes?: Buffer };

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('truncated protobuf varint');
    result += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [result, pos];
    shift += 7;
  }
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const tag = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      const [varint, next] = readVarint(buf, afterKey);
      fields.push({ tag, varint });
      pos = next;
    } else if (wireType === 2) {
      const [length, dataStart] = readVarint(buf, afterKey);
      fields.push({ tag, bytes: buf.subarray(dataStart, dataStart + length) });
      pos = dataStart + length;
    } else {
      throw new Error(`unsupported protobuf wire type ${wireType}`);
    }
  }
  return fields;
}

export interface OpenApiRequest {
  appid?: string;
  /** Each parameter as the SDK sent it: snake_case key → JSON text (or raw bytes for media). */
  params: Record<string, Buffer>;
}

export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const request: OpenApiRequest = { params: {} };
  for (const field of readFields(buf)) {
    if (field.tag === 6 && field.bytes) request.appid = field.bytes.toString('utf8');
    if (field.tag !== 2 || !field.bytes) continue;
    for (const pair of readFields(field.bytes)) {
      if (pair.tag !== 1 || !pair.bytes) continue;
      const parts = readFields(pair.bytes);
      const key = parts.find((p) => p.tag === 1)?.bytes?.toString('utf8');
      const value = parts.find((p) => p.tag === 2)?.bytes ?? Buffer.alloc(0);
      if (key) request.params[key] = value;
    }
  }
  return request;
}

function writeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function lengthDelimited(tag: number, data: Buffer): Buffer {
  return Buffer.concat([writeVarint(tag * 8 + 2), writeVarint(data.length), data]);
}

export function encodeCommOpenApiResp(resp: {
  respData: Buffer;
  contentType: string;
  httpCode?: number;
}): Buffer {
  return Buffer.concat([
    lengthDelimited(1, resp.respData),
    lengthDelimited(2, Buffer.from(resp.contentType, 'utf8')),
    writeVarint(4 * 8),
    writeVarint(resp.httpCode ?? 200),
  ]);
}
