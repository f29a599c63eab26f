// Published articles the emulated cgi-bin/freepublish/batchget lists (newest first).

const DAY = 24 * 60 * 60;
const BASE = 1_767_225_600; // 2026-01-01T00:00:00Z, fixed so answers are reproducible

function article(index: number, title: string, digest: string) {
  const time = BASE + index * DAY;
  return {
    article_id: `local-article-${index}`,
    update_time: time,
    content: {
      create_time: time,
      update_time: time,
      news_item: [
        {
          title,
          author: 'Storefront',
          digest,
          content: `<p>${digest}</p>`,
          content_source_url: '',
          thumb_media_id: `local-thumb-${index}`,
          thumb_url: `https://mmbiz.qpic.cn/local/thumb-${index}.jpg`,
          url: `https://mp.weixin.qq.com/s/local-article-${index}`,
          need_open_comment: 0,
          only_fans_can_comment: 0,
          is_deleted: false,
        },
      ],
    },
  };
}

export const SEEDED_ARTICLES = [
  article(3, '春季新品：樱花拿铁上市', '限时供应，第二杯半价。'),
  article(2, '会员日：每周三全场 8 折', '关注公众号，周三到店或线上下单均可享受。'),
  article(1, '我们的咖啡豆从哪里来', '走进云南保山的咖啡庄园。'),
];
