// The qrcode package ships no types and @types/qrcode is not installed; these are the calls used.
declare module 'qrcode' {
  interface ToBufferOptions {
    type?: 'png';
    width?: number;
    margin?: number;
  }
  const QRCode: {
    toBuffer(text: string, options?: ToBufferOptions): Promise<Buffer>;
    toString(text: string, options: { type: 'svg'; margin?: number }): Promise<string>;
  };
  export default QRCode;
}
