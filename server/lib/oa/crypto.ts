// Safe-mode (AES) message encryption of the official-account server protocol, as documented
// (doc/subscription/guide/dev/push): key = base64(EncodingAESKey + "="), AES-256-CBC, IV = the
// first 16 key bytes, PKCS#7 padding to 32 bytes; plaintext = 16 random bytes + 4-byte
// big-endian message length + message + appid.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const BLOCK = 32;

export class OaCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OaCryptoError';
  }
}

/** The 32-byte key of a 43-character EncodingAESKey; throws on anything else. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new OaCryptoError('EncodingAESKey must be 43 characters of base64');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new OaCryptoError('EncodingAESKey does not decode to 32 bytes');
  return key;
}

function pad(data: Buffer): Buffer {
  const amount = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(amount, amount)]);
}

function unpad(data: Buffer): Buffer {
  const amount = data[data.length - 1];
  if (!amount || amount > BLOCK || amount > data.length) throw new OaCryptoError('bad padding');
  for (let i = data.length - amount; i < data.length; i += 1) {
    if (data[i] !== amount) throw new OaCryptoError('bad padding');
  }
  return data.subarray(0, data.length - amount);
}

export function encryptMessage(
  message: string,
  encodingAesKey: string,
  appid: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = pad(Buffer.concat([random, length, body, Buffer.from(appid, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** The message inside `encrypted`; throws unless it decrypts cleanly and names `appid`. */
export function decryptMessage(encrypted: string, encodingAesKey: string, appid: string): string {
  const key = aesKeyOf(encodingAesKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new OaCryptoError('ciphertext is not whole AES blocks');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch (error) {
    if (error instanceof OaCryptoError) throw error;
    throw new OaCryptoError('cannot decrypt');
  }
  if (plain.length < 20) throw new OaCryptoError('plaintext too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new OaCryptoError('length field out of range');
  const message = plain.subarray(20, 20 + length).toString('utf8');
  const from = plain.subarray(20 + length).toString('utf8');
  if (from !== appid) throw new OaCryptoError('message is for another appid');
  return message;
}
