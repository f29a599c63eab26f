// The setup every page test shares: one local cloud with the demo store per test file, and a
// fresh phone per test (its own storage, so its own local identity, cart and orders).
//
//   const demo = demoPhone({ launch: { scene: 1011, query } });
//   … demo.cloud.url, demo.device.calls() …
//
// A file that needs more setup adds its own beforeAll: Jest runs it after this one's.
import {
  installWxDevice,
  startUiCloud,
  type Launch,
  type UiCloud,
  type WxDevice,
} from '../../helpers/wx-device';

export interface DemoPhone {
  cloud: UiCloud;
  device: WxDevice;
}

export function demoPhone(options: { launch?: Launch } = {}): DemoPhone {
  const demo = {} as DemoPhone;
  beforeAll(async () => {
    demo.cloud = await startUiCloud();
  }, 60_000);
  afterAll(() => demo.cloud?.stop());
  beforeEach(() => {
    // Spies first: restoring one puts back whatever it wrapped, the last test's phone included.
    jest.restoreAllMocks();
    demo.device = installWxDevice({ cloudUrl: demo.cloud.url, launch: options.launch });
  });
  return demo;
}
