import { config } from './config';
import { enterFrom } from './stores/index';

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
  },
  // A code scanned while the app is in the background (a table of another store) switches
  // store; the cold launch itself is parsed once by the first page through startSession().
  onShow(options) {
    void enterFrom({ scene: options.scene, query: { ...options.query } });
  },
});
