// Cloud printing (issue 16): the contract of the staff printer actions, shared by the staff
// pages and the `api` function. Vendor-neutral: a printer names its vendor, and only the
// server's driver for that vendor (server/lib/printing/) knows its API.

/** What a printer prints: the customer's receipt, a kitchen station's ticket, or cup labels. */
export type PrinterRole = 'receipt' | 'kitchen' | 'label';
export type PaperMm = 58 | 80;
export type PrinterVendor = 'feie';
/** Every vendor a driver exists for (server/lib/printing/drivers.ts). */
export const PRINTER_VENDORS: readonly PrinterVendor[] = ['feie'];
/** When an order's tickets are printed: as soon as it is paid, or when staff accept it. */
export type PrintTrigger = 'paid' | 'accepted';

export type PrintJobState = 'queued' | 'sent' | 'printed' | 'failed';
/** `cancel`: a table's line taken off before it was made (退菜), for the kitchen. */
export type PrintJobKind = 'order' | 'reprint' | 'cancel' | 'test';

export interface PrinterStatus {
  state: 'online' | 'offline' | 'abnormal' | 'unknown';
  /** What the vendor said, e.g. "在线，工作状态正常". */
  text: string;
}

export interface PrinterView {
  _id: string;
  storeId: string;
  vendor: PrinterVendor;
  sn: string;
  name: string;
  paperMm: PaperMm;
  role: PrinterRole;
  /** The kitchen station it serves ("" unless role is kitchen). */
  station: string;
  createdAt: number;
  /** Asked of the vendor when the list is read; unknown when the vendor could not be reached. */
  status: PrinterStatus;
}

export interface PrintJobView {
  _id: string;
  kind: PrintJobKind;
  orderId: string;
  pickupNo: string;
  printerId: string;
  printerName: string;
  role: PrinterRole;
  station: string;
  state: PrintJobState;
  attempts: number;
  lastError: string;
  createdAt: number;
  updatedAt: number;
  /** The ticket as it prints: wrapped to its paper, large lines marked, a QR code as its data. */
  preview: PreviewLine[];
  paperMm: PaperMm;
}

export interface PreviewLine {
  kind: 'text' | 'rule' | 'qr' | 'cut';
  text: string;
  large: boolean;
  center: boolean;
  bold: boolean;
}

export interface PrintSettings {
  trigger: PrintTrigger;
  /** categoryId → kitchen station; a category not listed goes to the station "" (the first kitchen printer). */
  stations: Record<string, string>;
}

export interface StaffPrintersRequest {
  storeId: string;
}

export interface StaffPrintersResponse {
  printers: PrinterView[];
  settings: PrintSettings;
  /** The store's menu categories, for the station mapping. */
  categories: Array<{ _id: string; name: string }>;
  /** The store's latest 20 jobs, newest first. */
  jobs: PrintJobView[];
}

export interface StaffPrinterAddRequest {
  storeId: string;
  /** Default feie. */
  vendor?: PrinterVendor;
  sn: string;
  /** The printer's own key (识别码) printed on it; sent to the vendor once, never stored. */
  key: string;
  name: string;
  paperMm: PaperMm;
  role: PrinterRole;
  station?: string;
}

export interface StaffPrinterRefRequest {
  storeId: string;
  printerId: string;
}

export interface StaffPrintSettingsRequest {
  storeId: string;
  trigger?: PrintTrigger;
  stations?: Record<string, string>;
}

export interface StaffReprintRequest {
  storeId: string;
  orderId: string;
  /** Only this printer; default every role the order printed on. */
  printerId?: string;
}

export interface StaffPrintJobsResponse {
  jobs: PrintJobView[];
}

export interface PrintActions {
  'staff.printers.list': { request: StaffPrintersRequest; response: StaffPrintersResponse };
  'staff.printers.add': { request: StaffPrinterAddRequest; response: StaffPrintersResponse };
  'staff.printers.remove': { request: StaffPrinterRefRequest; response: StaffPrintersResponse };
  'staff.printers.settings': {
    request: StaffPrintSettingsRequest;
    response: StaffPrintersResponse;
  };
  'staff.printers.test': { request: StaffPrinterRefRequest; response: StaffPrintJobsResponse };
  'staff.orders.reprint': { request: StaffReprintRequest; response: StaffPrintJobsResponse };
}

export const PRINT_ACTION_NAMES: ReadonlyArray<keyof PrintActions> = [
  'staff.printers.list',
  'staff.printers.add',
  'staff.printers.remove',
  'staff.printers.settings',
  'staff.printers.test',
  'staff.orders.reprint',
];

export const PRINTER_ROLE_LABELS: Record<PrinterRole, string> = {
  receipt: '顾客小票',
  kitchen: '后厨',
  label: '杯贴',
};

export const PRINT_JOB_STATE_LABELS: Record<PrintJobState, string> = {
  queued: '排队中',
  sent: '已发送',
  printed: '已打印',
  failed: '失败',
};

export const PRINTER_STATUS_LABELS: Record<PrinterStatus['state'], string> = {
  online: '在线',
  offline: '离线',
  abnormal: '异常',
  unknown: '未知',
};
