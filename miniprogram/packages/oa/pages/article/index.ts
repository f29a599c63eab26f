// Opens an official-account article in a web-view. Only mp.weixin.qq.com articles: a web-view
// may open its linked OA's articles without a business domain; anything else would be refused.
import { parseArticleQuery, type PageQuery } from '../../../../domain/routes';

const ARTICLE_HOST = /^https:\/\/mp\.weixin\.qq\.com\//;

const TEXT = { invalid: '无法打开这篇文章' };

Component({
  data: { url: '', text: TEXT, invalid: false },
  methods: {
    onLoad(query: PageQuery) {
      const { url } = parseArticleQuery(query);
      if (ARTICLE_HOST.test(url)) this.setData({ url });
      else this.setData({ invalid: true });
    },
  },
});
