// The client's run configuration. Values come from storefront.config.json through the build;
// `mode` picks the transport: "local" talks to the local cloud, "cloud" to WeChat Cloud.
import { generatedConfig } from './config.generated';

export interface ClientConfig {
  appid: string;
  envId: string;
  mode: 'local' | 'cloud';
  localCloudUrl: string;
  /** Subscribe-message template ids by notification ("" = not chosen yet). */
  subscribeTemplates: {
    orderPaid: string;
    orderStatus: string;
    orderReady: string;
    orderRefunded: string;
  };
}

export const config: ClientConfig = generatedConfig;
