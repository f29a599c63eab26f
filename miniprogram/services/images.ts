// Where an <image> finds a stored file. In the cloud, <image src> takes a cloud:// file id as it
// is; in local mode the local cloud draws the file at /storage/<path> instead.
import { config } from '../config';

const CLOUD_FILE = /^cloud:\/\/[^/]+\/(.+)$/;

export function imageSrc(fileId: string): string {
  if (config.mode !== 'local') return fileId;
  const match = CLOUD_FILE.exec(fileId);
  return match ? `${config.localCloudUrl}/storage/${match[1]}` : fileId;
}
