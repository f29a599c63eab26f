// Shared by every deploy command: flag parsing with clear errors, and one way to fail.
import { parseArgs } from 'node:util';

/** A problem the user can fix (bad flag, missing key, placeholder appid): printed without a stack. */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

export interface CommonFlags {
  dryRun: boolean;
  /** storefront.config.json to read (tests pass a temp copy). */
  config?: string;
}

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses `--flag value` / `--flag`; unknown flags and stray arguments are errors, not ignored. */
export function parseFlags<T extends FlagSpec>(
  argv: string[],
  spec: T,
): { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: spec,
      strict: true,
      allowPositionals: false,
    });
    return values as { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };
  } catch (error) {
    throw new DeployError((error as Error).message);
  }
}

/** Runs a command's main; a DeployError prints its message, anything else its stack. */
export function runCommand(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof DeployError) console.error(`${name}: ${error.message}`);
      else console.error(`${name} failed:`, error);
      process.exitCode = 1;
    },
  );
}
