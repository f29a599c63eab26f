// Opens an official-account article in a web-view (issue 7).
Component({
  data: { url: '' },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.url) this.setData({ url: decodeURIComponent(query.url) });
    },
  },
});
