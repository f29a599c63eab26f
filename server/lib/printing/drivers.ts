// Vendor → driver. A second vendor is one more driver file and one more entry here.

import type { PrinterVendor } from '../../../miniprogram/domain/printing';
import type { PrinterDriver } from './driver';
import { feieDriver } from './feie';

const DRIVERS: Record<PrinterVendor, () => PrinterDriver> = {
  feie: feieDriver,
};

export function driverFor(vendor: PrinterVendor): PrinterDriver {
  return DRIVERS[vendor]();
}
