// The table's page in a store paid after eating (先吃后付): the shared cart everyone at the table
// adds to (each line says who), 下单 to send it to the kitchen as a round, the rounds sent, and
// 买单 for the whole bill. Kept fresh by polling (stores/table) while on screen.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { formatClock } from '../../../../domain/order-display';
import { resultUrl } from '../../../../domain/routes';
import { SESSION_STATUS_LABELS, type AddedBy } from '../../../../domain/tables';
import { openTab } from '../../../../services/navigation';
import { catalog, refreshCatalog, startSession } from '../../../../stores/index';
import { table } from '../../../../stores/table';

const TEXT = {
  table: (tableNo: string) => `${tableNo} 桌`,
  payAfter: '先吃后付',
  seat: (seat: number) => `你是座位 ${seat}`,
  diners: (n: number) => `${n} 人在点`,
  cart: '本桌购物车',
  cartEmpty: '还没有要下单的菜，去菜单里加吧',
  addMore: '加菜',
  order: '下单',
  ordering: '下单中…',
  rounds: '已下单',
  round: (no: number, at: string) => `第 ${no} 轮 · ${at}`,
  cancelled: '已取消',
  bill: '合计',
  pay: '买单',
  paying: '支付中…',
  remove: '删除',
  byMe: '我',
  by: (addedBy: AddedBy) => (addedBy.kind === 'staff' ? '服务员' : `座位 ${addedBy.seat}`),
  notSeated: '扫桌上的二维码即可和同桌一起点餐',
  sent: '已通知厨房',
  paidTitle: '已买单，欢迎再来',
  payingBy: (seat: number) => `座位 ${seat} 正在买单`,
  split: 'AA',
  splitTitle: '分成几份（2–20）',
  splitBad: '请填 2 到 20 之间的整数',
  share: (no: number, parts: number) => `第 ${no}/${parts} 份`,
  shareState: { open: '待付', paying: '支付中', paid: '已付' },
  payShare: '付一份',
};

function who(line: { addedBy: AddedBy; mine: boolean }): string {
  return line.mine ? TEXT.byMe : TEXT.by(line.addedBy);
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: table,
    structuralComparison: true,
    fields: {
      seated: () => table.session !== null,
      live: () => table.active,
      heading: () => (table.session ? TEXT.table(table.session.tableNo) : ''),
      statusText: () => (table.session ? SESSION_STATUS_LABELS[table.session.status] : ''),
      seatText: () => (table.session?.seat ? TEXT.seat(table.session.seat) : ''),
      dinersText: () => (table.session ? TEXT.diners(table.session.diners) : ''),
      cart: () =>
        table
          .pricedCart((id) => catalog.goodsById(id))
          .map((line) => ({
            lineId: line.lineId,
            name: line.name,
            description: line.description,
            qty: line.qty,
            lineTotal: formatPrice(multiplyFen(line.unitPriceFen, line.qty)),
            who: who(line),
            mine: line.mine,
          })),
      cartTotal: () => formatPrice(table.cartTotalFen((id) => catalog.goodsById(id))),
      rounds: () =>
        (table.session?.rounds ?? []).map((round) => ({
          roundId: round.roundId,
          title: TEXT.round(round.no, formatClock(round.sentAt)),
          total: formatPrice(round.itemsFen),
          lines: round.lines.map((line) => ({
            lineId: line.lineId,
            name: line.name,
            description: line.description,
            qty: line.qty,
            lineTotal: formatPrice(line.lineTotalFen),
            who: who(line),
            cancelled: line.status === 'cancelled',
          })),
        })),
      billTotal: () => formatPrice(table.session?.bill.totalFen ?? 0),
      payingBy: () => {
        const bill = table.session?.bill;
        return bill && bill.payingSeat && !bill.split ? TEXT.payingBy(bill.payingSeat) : '';
      },
      shares: () => {
        const split = table.session?.bill.split;
        if (!split) return [];
        return split.shares.map((share) => ({
          no: share.no,
          title: TEXT.share(share.no, split.parts),
          amount: formatPrice(share.fen),
          state: share.state,
          stateText:
            share.seat && share.state !== 'open'
              ? `${TEXT.by({ seat: share.seat, kind: 'diner' })} ${TEXT.shareState[share.state]}`
              : TEXT.shareState[share.state],
          mine: share.mine,
        }));
      },
      canPay: () => table.active && (table.session?.bill.totalFen ?? 0) > 0,
      paid: () => table.session?.status === 'paid' || table.session?.status === 'closed',
      busy: () => table.busy,
      errorText: () => table.errorText,
    },
    actions: {},
  },
  lifetimes: {
    attached() {
      startSession();
      void refreshCatalog(); // the menu prices the shared cart; a table paid after joins here
    },
    detached() {
      table.stopPolling();
    },
  },
  methods: {
    onShow() {
      table.startPolling();
    },
    onHide() {
      table.stopPolling();
    },
    /** Asks now (the poll does this every 2 s). */
    refresh(): Promise<void> {
      return table.refresh();
    },
    onAddMore() {
      openTab('menu');
    },
    async onRemove(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const refusal = await table.remove(event.currentTarget.dataset.id);
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
    },
    async onOrder() {
      const refusal = await table.sendRound();
      wx.showToast(
        refusal ? { title: refusal, icon: 'none' } : { title: TEXT.sent, icon: 'success' },
      );
    },
    /** AA: the bill in even shares; each diner then pays one with 买单. */
    async onSplit() {
      const { confirm, content } = await wx.showModal({ title: TEXT.splitTitle, editable: true });
      if (!confirm) return;
      const parts = Number((content ?? '').trim());
      if (!Number.isInteger(parts) || parts < 2 || parts > 20) {
        wx.showToast({ title: TEXT.splitBad, icon: 'none' });
        return;
      }
      const refusal = await table.split(parts);
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
    },
    /** 买单: any diner pays the whole bill; the result page confirms it as for any order. */
    async onPay() {
      const result = await table.payBill();
      if (!result) return;
      if (!result.orderId) {
        wx.showToast({ title: result.message, icon: 'none' });
        return;
      }
      wx.navigateTo({ url: resultUrl({ code: '', ...result }) });
    },
  },
});
