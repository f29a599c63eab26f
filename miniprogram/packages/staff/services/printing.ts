// One typed function per printer action of the `api` function (docs/API.md, Printing).
import type {
  PrintJobView,
  StaffPrinterAddRequest,
  StaffPrintersResponse,
  StaffPrintSettingsRequest,
} from '../../../domain/printing';
import { callApi } from '../../../services/api';

export function storePrinters(storeId: string): Promise<StaffPrintersResponse> {
  return callApi('staff.printers.list', { storeId });
}

export function addPrinter(request: StaffPrinterAddRequest): Promise<StaffPrintersResponse> {
  return callApi('staff.printers.add', request);
}

export function removePrinter(storeId: string, printerId: string): Promise<StaffPrintersResponse> {
  return callApi('staff.printers.remove', { storeId, printerId });
}

export function savePrintSettings(
  request: StaffPrintSettingsRequest,
): Promise<StaffPrintersResponse> {
  return callApi('staff.printers.settings', request);
}

export async function testPrint(storeId: string, printerId: string): Promise<PrintJobView> {
  return (await callApi('staff.printers.test', { storeId, printerId })).jobs[0];
}

/** One more ticket per printer role for the order (or for one printer). */
export async function reprintOrder(storeId: string, orderId: string): Promise<PrintJobView[]> {
  return (await callApi('staff.orders.reprint', { storeId, orderId })).jobs;
}
