// Joining the staff: an owner's invite code (typed, or from the invite QR's scene), or — once,
// for the first owner — the deploy-time setup code.
import { parseJoinQuery, staffPageUrl, type PageQuery } from '../../../../domain/routes';
import { errorMessage } from '../../../../services/api';
import { claimOwner, joinStore } from '../../services/staff';
import type { Membership } from '../../../../domain/staff';
import { memberships } from '../../../../stores/memberships';

const TEXT = {
  hint: '输入店主给你的邀请码，加入门店后即可接单。',
  code: '邀请码',
  codePlaceholder: '8 位邀请码，或店主的设置码',
  name: '称呼',
  namePlaceholder: '选填，如：小王',
  join: '加入门店',
  claim: '店主首次设置',
  empty: '请先输入邀请码',
};

Component({
  data: { text: TEXT, code: '', name: '', busy: false, errorText: '' },
  methods: {
    onLoad(query: PageQuery) {
      const { code } = parseJoinQuery(query);
      if (code) this.setData({ code });
    },
    onCodeInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value });
    },
    onNameInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: event.detail.value });
    },
    onJoin() {
      void this.submit((code) => joinStore(code, this.data.name.trim() || undefined));
    },
    onClaim() {
      void this.submit(claimOwner);
    },
    async submit(send: (code: string) => Promise<Membership[]>) {
      const code = this.data.code.trim();
      if (!code) return this.setData({ errorText: TEXT.empty });
      this.setData({ busy: true, errorText: '' });
      try {
        const stores = await send(code);
        memberships.set(stores);
        wx.redirectTo({ url: staffPageUrl('staffBoard', stores[0].storeId) });
      } catch (err) {
        this.setData({ errorText: errorMessage(err) });
      }
      this.setData({ busy: false });
    },
  },
});
