// Runs the demo local cloud for page tests in a plain Node process. Page tests run in jsdom,
// where the local-cloud helper and wx-server-sdk do not work (no fetch, browser builds), so
// they drive this process over stdin/stdout instead (see test/helpers/wx-device.ts).
//
// stdout: "READY <url>" once serving; then one JSON answer per command line.
// stdin:  {"id":1,"op":"update","collection":"goods","doc":"x","data":{...}} | {"op":"stop"}
import readline from 'node:readline';
import { startDemoCloud } from '../../cloud/catalog/demo-cloud';

interface Command {
  id?: number;
  op: 'update' | 'stop';
  collection?: string;
  doc?: string;
  data?: Record<string, unknown>;
}

async function main(): Promise<void> {
  const demo = await startDemoCloud();
  process.stdout.write(`READY ${demo.cloud.url}\n`);
  const stop = async (): Promise<void> => {
    await demo.cloud.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('close', () => void stop());
  for await (const line of lines) {
    const command = JSON.parse(line) as Command;
    if (command.op === 'stop') return stop();
    try {
      await demo.db.collection(command.collection).doc(command.doc).update({ data: command.data });
      process.stdout.write(`${JSON.stringify({ id: command.id, ok: true })}\n`);
    } catch (err) {
      process.stdout.write(
        `${JSON.stringify({ id: command.id, ok: false, error: String(err) })}\n`,
      );
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
