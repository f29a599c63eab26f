// Store settings: open / busy / closed right now (or back to the opening hours) — any staff, so
// the counter can pause orders in a rush — and the notice and opening hours (managers). The server validates the hours (INVALID_HOURS) before writing anything.
// The modals open with the current value; confirming it untouched or emptied changes nothing,
// so closing a day takes the word 休息 and removing the notice the word 清空.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import type { StaffStoreUpdateRequest } from '../../../../domain/staff';
import { setDineInPayment, updateStore } from '../../services/staff';
import { CLOSED_TEXT, DAY_NAMES, dayText, parseDayText } from '../../hours-text';
import { settingsData } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';

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
  dineIn: '堂食付款',
  dineInPayments: { first: '先付款后用餐', after: '先吃后付' },
};

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: settingsData,
    structuralComparison: true,
    fields: {
      ...consoleFields(settingsData),
      name: () => settingsData.value?.name ?? '',
      mode: () => settingsData.value?.statusOverride?.status ?? 'auto',
      dineIn: () => TEXT.dineInPayments[settingsData.value?.dineInPayment ?? 'first'],
      notice: () => settingsData.value?.notice ?? '',
      days: () =>
        (settingsData.value?.hours ?? []).map((ranges, day) => ({
          day,
          name: DAY_NAMES[day],
          hours: dayText(ranges),
        })),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      void settingsData.open(parseStaffQuery(query).storeId);
    },
    async save(change: Omit<StaffStoreUpdateRequest, 'storeId'>) {
      const refusal = await settingsData.change((storeId) => updateStore({ storeId, ...change }));
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
      else wx.showToast({ title: TEXT.saved, icon: 'success' });
    },
    /** Pay first or after eating (a manager's choice): the menu and tables follow at once. */
    async onDineIn() {
      if (!settingsData.manager) return;
      const choices = ['first', 'after'] as const;
      try {
        const { tapIndex } = await wx.showActionSheet({
          itemList: choices.map((choice) => TEXT.dineInPayments[choice]),
        });
        const dineInPayment = choices[tapIndex];
        const refusal = await settingsData.change((storeId) =>
          setDineInPayment(storeId, dineInPayment).then(() => undefined),
        );
        wx.showToast(
          refusal ? { title: refusal, icon: 'none' } : { title: TEXT.saved, icon: 'success' },
        );
      } catch {
        // Cancelled: nothing changes.
      }
    },
    onMode(event: WechatMiniprogram.TouchEvent<object, object, { mode: string }>) {
      const mode = event.currentTarget.dataset.mode;
      const statusOverride =
        mode === 'auto' ? null : { status: mode as 'open' | 'busy' | 'closed' };
      void this.save({ statusOverride });
    },
    async onNotice() {
      if (!settingsData.manager) return; // pausing orders is counter work; the notice is not
      const { confirm, content } = await wx.showModal({
        title: TEXT.notice,
        editable: true,
        content: settingsData.value?.notice ?? '',
        placeholderText: TEXT.noticeHint,
      });
      const text = (content ?? '').trim();
      if (!confirm || !text || text === (settingsData.value?.notice ?? '')) return;
      await this.save({ notice: text === TEXT.clearNotice ? '' : text });
    },
    async onDay(event: WechatMiniprogram.TouchEvent<object, object, { day: number }>) {
      if (!settingsData.manager) return;
      const day = Number(event.currentTarget.dataset.day);
      const current = dayText(settingsData.value?.hours[day] ?? []);
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
      const hours = [...(settingsData.value?.hours ?? [])];
      hours[day] = ranges;
      await this.save({ hours });
    },
  },
});
