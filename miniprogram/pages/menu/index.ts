const TEXT = {
  empty: '菜单加载中',
};

interface CategoryView {
  id: string;
  name: string;
}

Component({
  data: {
    text: TEXT,
    categories: [] as CategoryView[],
    activeCategory: '',
  },
  methods: {
    onCategoryChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ activeCategory: event.detail.value });
    },
  },
});
