import { config } from './config';
import { enterFrom } from './stores/index';

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
  },
  // A code scanned or a card opened while the app is in the background (a table of another
  // store, an article's goods) is a new entry; the cold launch itself is parsed once by the first
  // page through startSession(). Coming back from the pay sheet or a call repeats the last entry,
  // which the session ignores.
  onShow(options) {
    void enterFrom({ scene: options.scene, query: { ...options.query }, path: options.path });
  },
});
