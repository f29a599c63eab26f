// miniprogram-simulate, typed by hand for what the tests use. Its bundled typings (through
// j-component) declare the mini program's globals — require, console, wx — which would clash
// with Node's in the test program.
export interface SimulatedNode {
  dom?: HTMLElement;
  data: Record<string, unknown>;
  instance: Record<string, unknown>;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  attach(parent: Element): void;
  detach(): void;
  setData(data: Record<string, unknown>): void;
  /** Runs the component's pageLifetimes handler, e.g. 'show' when its page comes back. */
  triggerPageLifeTime(name: 'show' | 'hide' | 'resize', args?: unknown): void;
}

export interface LoadOptions {
  compiler?: 'official' | 'simulate';
  rootPath?: string;
  usingComponents?: Record<string, string>;
  compilerOptions?: { maxBuffer?: number };
}

interface Simulate {
  load(componentPath: string, options?: LoadOptions): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedNode;
  sleep(ms: number): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const simulate = require('miniprogram-simulate') as Simulate;
