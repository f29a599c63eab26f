// Store settings: open / busy / closed right now (or back to the opening hours) — any staff, so
// the counter can pause orders in a rush — and the notice and opening hours (managers). The server validates the hours (INVALID_HOURS) before writing anything.
// The modals open with the current value; confirming it untouched or emptied changes nothing,
// so closing a day takes the word 休息 and removing the notice the word 清空.
import type { StaffStoreResponse, StaffStoreUpdateRequest } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { storeSettings, updateStore } from '../../../../services/staff';
import { CLOSED_TEXT, DAY_NAMES, dayText, parseDayText } from '../../hours-text';
import { storePage } from '../../store-page';

const TEXT = {
  status: '营业状态',
  /** Told to a screen reader after the chosen mode's name: the buttons work as one choice. */
  selected: '，已选中',
  modes: [
    { value: 'auto', label: '按营业时间' },
    { value: 'open', label: '营业' },
    { value: 'busy', label: '暂停接单' },
    { value: 'closed', label: '打烊' },
  ],
  notice: '公告',
  noticeHint: '留空不修改，删除公告请填“清空”',
  clearNotice: '清空',
  hours: '营业时间',
  hoursHint: `如 08:00-20:00，多段用逗号分隔；当天休息请填“${CLOSED_TEXT}”，留空不修改`,
  badHours: '格式不对：如 08:00-20:00',
  saved: '已保存',
};

type Store = StaffStoreResponse['store'];

Component({
  behaviors: [storePage],
  data: {
    text: TEXT,
    name: '',
    mode: 'auto',
    notice: '',
    days: [] as Array<{ day: number; name: string; hours: string }>,
  },
  methods: {
    load(): Promise<void> {
      return this.run(() => storeSettings(this.data.storeId));
    },
    show(store: Store) {
      (this as unknown as { hours: Store['hours'] }).hours = store.hours;
      this.setData({
        name: store.name,
        mode: store.statusOverride?.status ?? 'auto',
        notice: store.notice,
        days: store.hours.map((ranges, day) => ({
          day,
          name: DAY_NAMES[day],
          hours: dayText(ranges),
        })),
        errorText: '',
      });
    },
    async run(call: () => Promise<Store>, toast = false) {
      try {
        this.show(await call());
        if (toast) wx.showToast({ title: TEXT.saved, icon: 'success' });
      } catch (err) {
        this.setData({ errorText: errorMessage(err) });
      }
    },
    save(change: Omit<StaffStoreUpdateRequest, 'storeId'>) {
      return this.run(() => updateStore({ storeId: this.data.storeId, ...change }), true);
    },
    onMode(event: WechatMiniprogram.TouchEvent<object, object, { mode: string }>) {
      const mode = event.currentTarget.dataset.mode;
      const statusOverride =
        mode === 'auto' ? null : { status: mode as 'open' | 'busy' | 'closed' };
      void this.save({ statusOverride });
    },
    async onNotice() {
      if (!this.data.manager) return; // pausing orders is counter work; the notice is not
      const { confirm, content } = await wx.showModal({
        title: TEXT.notice,
        editable: true,
        content: this.data.notice,
        placeholderText: TEXT.noticeHint,
      });
      const text = (content ?? '').trim();
      if (!confirm || !text || text === this.data.notice) return;
      await this.save({ notice: text === TEXT.clearNotice ? '' : text });
    },
    async onDay(event: WechatMiniprogram.TouchEvent<object, object, { day: number }>) {
      if (!this.data.manager) return;
      const day = Number(event.currentTarget.dataset.day);
      const current = this.data.days[day].hours;
      const { confirm, content } = await wx.showModal({
        title: `${DAY_NAMES[day]} ${TEXT.hours}`,
        editable: true,
        content: current,
        placeholderText: TEXT.hoursHint,
      });
      const text = (content ?? '').trim();
      // parseDayText('') is a closed day too: here only the word CLOSED_TEXT closes one.
      if (!confirm || !text) return;
      const ranges = parseDayText(text);
      if (!ranges) return void wx.showToast({ title: TEXT.badHours, icon: 'none' });
      if (dayText(ranges) === current) return;
      const hours = [...(this as unknown as { hours: Store['hours'] }).hours];
      hours[day] = ranges;
      await this.save({ hours });
    },
  },
});
