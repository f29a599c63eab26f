// Today's figures as pictures, drawn with plain views (the screens show them, no chart library):
// orders by hour beside the same weekday last week, revenue over the last 7 days, and a bar per
// entry source. Pure: staff.today's answer → what each bar is, how tall, and what it says.
import type { EntrySource } from '../../domain/entry';
import type { HourBucket, StaffTodayResponse } from '../../domain/staff';

export const CHART_TEXT = {
  today: '今日',
  lastWeek: (weekday: string) => `上${weekday}`,
  todayLabel: '今天',
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  hour: (hour: number) => `${hour}时`,
  hourBar: (hour: number, today: number, lastWeek: number, lastWeekLabel: string) =>
    `${hour}时：今日 ${today} 单，${lastWeekLabel} ${lastWeek} 单`,
  dayBar: (label: string, orders: number, yuan: string) => `${label}：${orders} 单，${yuan}`,
  orders: (count: number) => `${count} 单`,
  summary: (count: number, yuan: string) => `${count} 单 · ${yuan}`,
  sources: {
    table_qr: '桌码',
    poster_qr: '海报码',
    nearby: '附近的小程序',
    oa_menu: '公众号菜单',
    oa_article: '公众号文章',
    oa_template: '消息通知',
    share: '分享',
    search: '搜索',
    other: '其他',
  } as Record<EntrySource, string>,
};

/** The sources the store works for: always shown, as 0 when nobody came that way today. */
export const NAMED_SOURCES: EntrySource[] = [
  'table_qr',
  'nearby',
  'oa_menu',
  'oa_article',
  'share',
];

/** Hours drawn at least (a café's usual day); orders outside widen the window. */
const DAY_START = 8;
const DAY_END = 20;

/** A bar's height or width in percent of the tallest: never 0 for a value above 0. */
function percent(value: number, max: number): number {
  if (!value || !max) return 0;
  return Math.max(4, Math.round((value / max) * 100));
}

/** "¥569", "¥1.2万": a bar's label, whole yuan. */
export function shortYuan(fen: number): string {
  const yuan = Math.round(fen / 100);
  if (yuan >= 10_000) return `¥${(yuan / 10_000).toFixed(1).replace(/\.0$/, '')}万`;
  return `¥${yuan}`;
}

function weekdayOf(date: string): number {
  return new Date(
    Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)),
  ).getUTCDay();
}

export interface HourColumn {
  hour: number;
  /** The hour's label under the axis; "" on every other hour so labels never crowd. */
  label: string;
  today: number;
  lastWeek: number;
  aria: string;
}

export function hourColumns(today: HourBucket[], lastWeek: HourBucket[], lastWeekLabel: string) {
  const busy = [...today, ...lastWeek].filter((b) => b.orders > 0).map((b) => b.hour);
  const first = Math.min(DAY_START, ...busy);
  const last = Math.max(DAY_END, ...busy);
  const ordersAt = (list: HourBucket[], hour: number) =>
    list.find((b) => b.hour === hour)?.orders ?? 0;
  const max = Math.max(0, ...today.map((b) => b.orders), ...lastWeek.map((b) => b.orders));
  const columns: HourColumn[] = [];
  for (let hour = first; hour <= last; hour += 1) {
    const now = ordersAt(today, hour);
    const before = ordersAt(lastWeek, hour);
    columns.push({
      hour,
      label: (hour - first) % 2 === 0 ? String(hour) : '',
      today: percent(now, max),
      lastWeek: percent(before, max),
      aria: CHART_TEXT.hourBar(hour, now, before, lastWeekLabel),
    });
  }
  return columns;
}

export function todayCharts(answer: StaffTodayResponse) {
  const lastWeekLabel = CHART_TEXT.lastWeek(CHART_TEXT.weekdays[weekdayOf(answer.lastWeek.date)]);
  const maxDay = Math.max(0, ...answer.last7Days.map((d) => d.revenueFen));
  const days = answer.last7Days.map((day, index, list) => {
    const label =
      index === list.length - 1 ? CHART_TEXT.todayLabel : CHART_TEXT.weekdays[weekdayOf(day.date)];
    const value = shortYuan(day.revenueFen);
    return {
      date: day.date,
      label,
      value,
      height: percent(day.revenueFen, maxDay),
      today: index === list.length - 1,
      aria: CHART_TEXT.dayBar(label, day.orders, value),
    };
  });
  const sources = new Map(answer.bySource.map((b) => [b.key, b]));
  const shown = [
    ...NAMED_SOURCES,
    ...answer.bySource.map((b) => b.key).filter((key) => !NAMED_SOURCES.includes(key)),
  ];
  const maxSource = Math.max(0, ...answer.bySource.map((b) => b.orders));
  return {
    lastWeekLabel,
    hours: hourColumns(answer.byHour, answer.lastWeek.byHour, lastWeekLabel),
    compare: {
      today: CHART_TEXT.summary(answer.orders, shortYuan(answer.revenueFen)),
      lastWeek: CHART_TEXT.summary(answer.lastWeek.orders, shortYuan(answer.lastWeek.revenueFen)),
    },
    days,
    sources: shown.map((key) => {
      const orders = sources.get(key)?.orders ?? 0;
      return {
        key,
        label: CHART_TEXT.sources[key] ?? key,
        width: percent(orders, maxSource),
        value: CHART_TEXT.orders(orders),
      };
    }),
  };
}
