// 桌台: every table of a store paid after eating — free, ordering, eating, waiting to pay, paid —
// with its bill, diners and how long it has been open. Tapping one opens its rounds: cancel a
// line not yet made (stock back), take payment at the counter, move it, close it (unpaid only
// by a manager, with a reason). The flow lives in ../../stores/floor.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { GoodsSelection } from '../../../../domain/catalog';
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { formatClock } from '../../../../domain/order-display';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import {
  SESSION_STATUS_LABELS,
  TABLE_STATE_LABELS,
  type AddedBy,
  type TableBoardEntry,
} from '../../../../domain/tables';
import { needsPicker } from '../../../../stores/goods';
import { floor } from '../../stores/floor';

const TEXT = {
  empty: '还没有桌台，先在“桌码”里添加',
  seats: (n: number) => `${n} 座`,
  diners: (n: number) => `${n} 人`,
  since: (minutes: number) => (minutes < 1 ? '刚开台' : `已开台 ${minutes} 分钟`),
  rounds: (n: number) => `${n} 轮`,
  round: (no: number, at: string) => `第 ${no} 轮 · ${at}`,
  by: (addedBy: AddedBy) => (addedBy.kind === 'staff' ? '服务员' : `座位 ${addedBy.seat}`),
  cancelLine: '退菜',
  cancelled: '已退',
  made: '出品',
  madeDone: '已出品',
  toMake: (n: number) => `${n} 轮待出品`,
  cancelConfirm: (name: string) => `退掉「${name}」？库存会退回`,
  bill: '账单',
  markPaid: '收款',
  methods: ['现金', '刷卡', '其他'],
  move: '换桌',
  moveTitle: '换到哪一桌（桌号）',
  close: '清台',
  closeReason: '未付款清台的原因（店长）',
  done: '已更新',
  addRound: '代客点菜',
  closeDraft: '收起',
  sendRound: '送厨房',
  draftTitle: '本轮',
  draftHint: '从下面的菜单添加',
  menuTitle: '菜单',
  addOne: '加一份',
  pick: '选规格',
  pickerAdd: '加入本轮',
  from: (price: string) => `${price} 起`,
};

const METHODS = ['cash', 'card', 'other'] as const;

function tableCard(entry: TableBoardEntry, now: number) {
  const open = entry.state !== 'free';
  return {
    tableNo: entry.tableNo,
    sessionId: entry.sessionId,
    name: entry.name || entry.tableNo,
    state: entry.state,
    stateLabel: TABLE_STATE_LABELS[entry.state],
    detail: open
      ? `${TEXT.diners(entry.diners)} · ${TEXT.rounds(entry.rounds)} · ${formatPrice(entry.billFen)}`
      : TEXT.seats(entry.seats),
    toMake: entry.roundsToMake ? TEXT.toMake(entry.roundsToMake) : '',
    since: open ? TEXT.since(Math.floor((now - entry.openedAt) / 60_000)) : '',
  };
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: floor,
    structuralComparison: true,
    fields: {
      loaded: () => floor.loaded,
      errorText: () => floor.errorText,
      manager: () => floor.manager,
      busy: () => floor.busy,
      tables: () => floor.tables.map((entry) => tableCard(entry, Date.now())),
      opened: () => {
        const session = floor.opened;
        if (!session) return null;
        return {
          sessionId: session.sessionId,
          title: `${session.tableNo} · ${SESSION_STATUS_LABELS[session.status]}`,
          bill: formatPrice(session.bill.totalFen),
          live: session.status === 'open' || session.status === 'paying',
          rounds: session.rounds.map((round) => ({
            roundId: round.roundId,
            title: TEXT.round(round.no, formatClock(round.sentAt)),
            made: round.madeAt > 0,
            // Made lines are a manager's to take back (no stock back); not yet made, anyone's.
            cancellable: round.madeAt > 0 ? floor.manager : true,
            lines: round.lines.map((line) => ({
              lineId: line.lineId,
              name: line.name,
              options: line.description,
              qty: `×${line.qty}`,
              who: TEXT.by(line.addedBy),
              total: formatPrice(line.lineTotalFen),
              cancelled: line.status === 'cancelled',
            })),
          })),
        };
      },
      draft: () =>
        floor.draft === null
          ? null
          : {
              lines: floor.draft.map((line) => ({
                key: line.key,
                name: line.name,
                description: line.description,
                qty: line.qty,
                total: formatPrice(multiplyFen(line.unitFen, line.qty)),
              })),
              menu: floor.menu.map((goods) => {
                const options = needsPicker(goods);
                const price = formatPrice(goods.priceFen);
                return {
                  id: goods._id,
                  name: goods.name,
                  price: options ? TEXT.from(price) : price,
                  action: options ? TEXT.pick : TEXT.addOne,
                };
              }),
            },
      draftCount: () => (floor.draft ?? []).reduce((sum, line) => sum + line.qty, 0),
      picking: () => floor.picking,
    },
    actions: {},
  },
  lifetimes: {
    detached() {
      floor.stop();
    },
  },
  methods: {
    onShow() {
      floor.start();
    },
    onHide() {
      floor.stop();
    },
    /** Asks now (the poll does this every 5 s). */
    refresh(): Promise<void> {
      return floor.refresh();
    },
    onLoad(query: PageQuery) {
      floor.open(parseStaffQuery(query).storeId);
    },
    onTable(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void floor.show(event.currentTarget.dataset.id);
    },
    async told(refusal: Promise<string>) {
      const text = await refusal;
      wx.showToast(text ? { title: text, icon: 'none' } : { title: TEXT.done, icon: 'success' });
    },
    async onCancelLine(
      event: WechatMiniprogram.TouchEvent<object, object, { id: string; name: string }>,
    ) {
      const { id, name } = event.currentTarget.dataset;
      const { confirm } = await wx.showModal({ content: TEXT.cancelConfirm(name) });
      if (confirm) await this.told(floor.cancelLine(id));
    },
    onDraft() {
      void floor.toggleDraft();
    },
    onDraftQty(event: WechatMiniprogram.CustomEvent<{ value: number }, object, { key: string }>) {
      floor.setDraftQty(event.currentTarget.dataset.key, Number(event.detail.value));
    },
    /** 加一份 for goods without options; 选规格 opens the spec picker. */
    onChoose(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      floor.choose(event.currentTarget.dataset.id);
    },
    onPicked(event: WechatMiniprogram.CustomEvent<{ selection: GoodsSelection; qty: number }>) {
      if (floor.picking) floor.addToDraft(floor.picking, event.detail.selection, event.detail.qty);
    },
    onPickerClose() {
      floor.closePicker();
    },
    async onSendDraft() {
      await this.told(floor.sendDraft());
    },
    async onMade(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      await this.told(floor.markMade(event.currentTarget.dataset.id));
    },
    async onMarkPaid() {
      try {
        const { tapIndex } = await wx.showActionSheet({ itemList: TEXT.methods });
        await this.told(floor.markPaid(METHODS[tapIndex]));
      } catch {
        // Cancelled: nothing taken.
      }
    },
    async onMove() {
      const { confirm, content } = await wx.showModal({ title: TEXT.moveTitle, editable: true });
      const to = (content ?? '').trim();
      if (confirm && to) await this.told(floor.move(to));
    },
    /** A paid table clears at once; an unpaid one needs a manager's reason. */
    async onClose() {
      const paid = floor.opened?.status === 'paid';
      if (paid) return this.told(floor.close());
      const { confirm, content } = await wx.showModal({
        title: TEXT.closeReason,
        editable: true,
      });
      const reason = (content ?? '').trim();
      if (confirm && reason) await this.told(floor.close(reason));
    },
  },
});
