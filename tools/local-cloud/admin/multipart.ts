// wx.openApi and wx.wxPayApi requests arrive as multipart/form-data (the SDK's binary payloads).
// Only what the SDK sends is handled: named parts, each either text or bytes.

export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) throw new Error('multipart request without boundary');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const fields: Record<string, Buffer> = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart + 2, next - 2); // drop CRLF after delimiter and before next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name) fields[name] = part.subarray(headerEnd + 4);
    }
    start = next;
  }
  return fields;
}
