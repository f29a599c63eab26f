// The qrcode package ships no types and @types/qrcode is not installed; this is the one call used.
declare module 'qrcode' {
  interface ToBufferOptions {
    type?: 'png';
    width?: number;
    margin?: number;
  }
  const QRCode: { toBuffer(text: string, options?: ToBufferOptions): Promise<Buffer> };
  export default QRCode;
}
