// The printer interface every vendor driver implements. Nothing outside a driver knows a vendor's
// API: jobs, the cron and the staff actions speak only this. Feie (飞鹅云) is the first driver
// (feie.ts); another vendor is one more file and one more entry in DRIVERS.

import type { PrinterStatus, PrinterVendor } from '../../../miniprogram/domain/printing';
import type { Ticket } from './layout';

/** Why a vendor call failed, in the terms jobs and staff care about. */
type PrintFailure =
  /** The vendor account (user, key) is wrong: nothing will print until someone fixes it. */
  | 'auth'
  /** The vendor does not know this printer under our account. */
  | 'unknown_printer'
  /** The printer is not connected. */
  | 'offline'
  /** Any other refusal, or the vendor could not be reached. */
  | 'vendor';

export class PrintError extends Error {
  constructor(
    readonly failure: PrintFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
    Object.setPrototypeOf(this, PrintError.prototype);
  }
}

export interface PrinterDriver {
  readonly vendor: PrinterVendor;
  /** Adds the printer (serial number + its own key) to our vendor account; adding it again is fine. */
  register(printer: { sn: string; key: string; name: string }): Promise<void>;
  status(sn: string): Promise<PrinterStatus>;
  /** Hands the ticket to the vendor; resolves to the vendor's ids of what it queued. */
  print(sn: string, ticket: Ticket): Promise<string[]>;
  /** Whether everything sent under these ids has come out of the printer. */
  printed(vendorJobIds: string[]): Promise<boolean>;
}
