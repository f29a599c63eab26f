// `node --import tsx tools/local-cloud/main.ts`: start the local cloud from environment variables
// (LOCAL_CLOUD_PORT, LOCAL_CLOUD_DATA, LOCAL_CLOUD_FUNCTIONS, ...) and print the ready line.
import { optionsFromEnv, startLocalCloud } from './index';

async function main(): Promise<void> {
  const cloud = await startLocalCloud(optionsFromEnv());
  // Test helpers wait for exactly this line; keep its shape.
  console.log(`local cloud ready on ${cloud.url}`);
  const shutdown = (): void => {
    void cloud.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  exitWithParent(process.env.LOCAL_CLOUD_PARENT_PID, shutdown);
}

/** A test runner killed hard cannot stop us; when the process that started us is gone, stop. */
function exitWithParent(parentPid: string | undefined, shutdown: () => void): void {
  if (!parentPid) return;
  const timer = setInterval(() => {
    try {
      process.kill(Number(parentPid), 0);
    } catch {
      clearInterval(timer);
      shutdown();
    }
  }, 1000);
  timer.unref();
}

main().catch((error: unknown) => {
  console.error('[local-cloud] failed to start:', error);
  process.exit(1);
});
