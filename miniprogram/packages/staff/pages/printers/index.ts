// Cloud printers of a store (issue 16): each printer with its status and a test print, the
// latest jobs with their state (tap one to see the ticket as printed), and for managers adding
// and removing printers, when orders print and which category goes to which kitchen station.
import {
  PRINT_JOB_STATE_LABELS,
  PRINTER_ROLE_LABELS,
  PRINTER_STATUS_LABELS,
  type PaperMm,
  type PreviewLine,
  type PrinterRole,
  type PrintJobView,
  type PrintTrigger,
  type StaffPrintersResponse,
} from '../../../../domain/printing';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import { errorMessage } from '../../../../services/api';
import { addPrinter, removePrinter, savePrintSettings, testPrint } from '../../services/printing';
import { printersData } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';

const TEXT = {
  printers: '打印机',
  jobs: '最近打印',
  settings: '出单设置',
  trigger: '何时出单',
  triggers: [
    { value: 'paid', label: '付款后' },
    { value: 'accepted', label: '接单后' },
  ] as Array<{ value: PrintTrigger; label: string }>,
  stations: '分类出单到',
  noKitchen: '添加后厨打印机后可按分类分单',
  test: '测试打印',
  remove: '删除',
  add: '添加打印机',
  cancel: '取消',
  save: '添加',
  sn: '编号 SN',
  key: '识别码 KEY',
  name: '名称',
  station: '工位',
  stationHint: '如 吧台、厨房',
  snHint: '打印机底部标签上',
  keyHint: '标签上的 KEY',
  nameHint: '如 前台小票机',
  paper: '纸宽',
  role: '用途',
  papers: [58, 80] as PaperMm[],
  roles: ['receipt', 'kitchen', 'label'] as PrinterRole[],
  empty: '还没有打印机',
  emptyStaff: '还没有打印机，请店长添加',
  noJobs: '还没有打印记录',
  tested: '已发送测试页',
  removeConfirm: (name: string) => `删除打印机「${name}」？`,
  attempts: (n: number) => `第 ${n} 次`,
  qr: '订单二维码',
  sn_: (sn: string) => `SN ${sn}`,
};

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "12-06 10:02" in the phone's time. */
function when(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function roleText(role: PrinterRole, station: string): string {
  return role === 'kitchen'
    ? `${PRINTER_ROLE_LABELS.kitchen}·${station}`
    : PRINTER_ROLE_LABELS[role];
}

function jobTitle(job: PrintJobView): string {
  if (job.kind === 'test') return `${TEXT.test} · ${job.printerName}`;
  const what = job.pickupNo || job.orderId.slice(-6);
  const mark = job.kind === 'reprint' ? ' · 补打' : job.kind === 'cancel' ? ' · 退菜' : '';
  return `${what} · ${roleText(job.role, job.station)}${mark}`;
}

const EMPTY_FORM = {
  sn: '',
  key: '',
  name: '',
  station: '',
  paperMm: 58 as PaperMm,
  role: 'receipt' as PrinterRole,
};

function view(answer: StaffPrintersResponse) {
  const stations = answer.printers.filter((p) => p.role === 'kitchen').map((p) => p.station);
  return {
    printers: answer.printers.map((p) => ({
      id: p._id,
      name: p.name,
      detail: `${roleText(p.role, p.station)} · ${p.paperMm} mm · ${TEXT.sn_(p.sn)}`,
      status: PRINTER_STATUS_LABELS[p.status.state],
      state: p.status.state,
    })),
    jobs: answer.jobs.map((job) => ({
      id: job._id,
      title: jobTitle(job),
      detail: `${when(job.createdAt)} · ${TEXT.attempts(job.attempts)}`,
      state: job.state,
      stateLabel: PRINT_JOB_STATE_LABELS[job.state],
      error: job.state === 'printed' ? '' : job.lastError,
    })),
    trigger: answer.settings.trigger,
    stations,
    categories: answer.categories.map((c) => ({
      id: c._id,
      name: c.name,
      station: answer.settings.stations[c._id] ?? '',
    })),
  };
}

const EMPTY_VIEW = view({
  printers: [],
  jobs: [],
  settings: { trigger: 'paid', stations: {} },
  categories: [],
});

/** The page as last answered (empty until the first answer). */
const shown = () => (printersData.value ? view(printersData.value) : EMPTY_VIEW);

ComponentWithStore({
  data: {
    text: TEXT,
    roleLabels: PRINTER_ROLE_LABELS,
    adding: false,
    form: { ...EMPTY_FORM },
    busyId: '',
    // Only the opened job's preview is sent to the view, not every job's.
    preview: { id: '', paperMm: 58 as PaperMm, lines: [] as PreviewLine[] },
  },
  storeBindings: {
    store: printersData,
    structuralComparison: true,
    fields: {
      ...consoleFields(printersData),
      printers: () => shown().printers,
      jobs: () => shown().jobs,
      trigger: () => shown().trigger,
      stations: () => shown().stations,
      categories: () => shown().categories,
    },
    actions: {},
  },
  pageLifetimes: {
    /** Back from elsewhere (the board after a reprint): the jobs and statuses as they are now. */
    show() {
      if (printersData.value) void printersData.load();
    },
  },
  methods: {
    onLoad(query: PageQuery) {
      void printersData.open(parseStaffQuery(query).storeId);
    },
    /** A change whose answer is the whole page; false (and a toast) when refused. */
    async run(work: (storeId: string) => Promise<StaffPrintersResponse>): Promise<boolean> {
      const refusal = await printersData.change(work);
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
      return !refusal;
    },
    async onTest(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      this.setData({ busyId: id });
      try {
        await testPrint(printersData.storeId, id);
        wx.showToast({ title: TEXT.tested, icon: 'success' });
      } catch (err) {
        wx.showModal({ content: errorMessage(err), showCancel: false });
      }
      this.setData({ busyId: '' });
      await printersData.load();
    },
    async onRemove(
      event: WechatMiniprogram.TouchEvent<object, object, { id: string; name: string }>,
    ) {
      const { id, name } = event.currentTarget.dataset;
      const { confirm } = await wx.showModal({ content: TEXT.removeConfirm(name) });
      if (!confirm) return;
      await this.run((storeId) => removePrinter(storeId, id));
    },
    onTrigger(event: WechatMiniprogram.TouchEvent<object, object, { value: PrintTrigger }>) {
      const trigger = event.currentTarget.dataset.value;
      if (trigger === shown().trigger) return;
      void this.run((storeId) => savePrintSettings({ storeId, trigger }));
    },
    /** Cycles a category through the kitchen stations (none → first → … → none). */
    onStation(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const { categories, stations } = shown();
      if (!stations.length) return;
      const index = event.currentTarget.dataset.index;
      const at = stations.indexOf(categories[index].station);
      const next = at + 1 < stations.length ? stations[at + 1] : '';
      const map: Record<string, string> = {};
      categories.forEach((c, i) => {
        const station = i === index ? next : c.station;
        if (station) map[c.id] = station;
      });
      void this.run((storeId) => savePrintSettings({ storeId, stations: map }));
    },
    onAdd() {
      this.setData({ adding: true, form: { ...EMPTY_FORM } });
    },
    onCancelAdd() {
      this.setData({ adding: false });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value });
    },
    onPaper(event: WechatMiniprogram.TouchEvent<object, object, { value: PaperMm }>) {
      this.setData({ 'form.paperMm': Number(event.currentTarget.dataset.value) as PaperMm });
    },
    onRole(event: WechatMiniprogram.TouchEvent<object, object, { value: PrinterRole }>) {
      this.setData({ 'form.role': event.currentTarget.dataset.value });
    },
    async onSave() {
      const { form } = this.data;
      const saved = await this.run((storeId) =>
        addPrinter({
          storeId,
          sn: form.sn.trim(),
          key: form.key.trim(),
          name: form.name.trim(),
          paperMm: form.paperMm,
          role: form.role,
          ...(form.role === 'kitchen' ? { station: form.station.trim() } : {}),
        }),
      );
      if (saved) this.setData({ adding: false });
    },
    onJob(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      if (this.data.preview.id === id) {
        this.setData({ preview: { id: '', paperMm: 58, lines: [] } });
        return;
      }
      const job = printersData.value?.jobs.find((j) => j._id === id);
      if (job) this.setData({ preview: { id, paperMm: job.paperMm, lines: job.preview } });
    },
  },
});
