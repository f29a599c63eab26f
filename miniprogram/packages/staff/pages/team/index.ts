// The store's team: who is staff (managers and owners see the list), invitations by a
// short-lived code and its QR code, and removal (owners; the server enforces both).
import { type StaffMember } from '../../../../domain/staff';
import { STAFF_ROLE_LABELS } from '../../../../domain/roles';
import { errorMessage } from '../../../../services/api';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import { inviteStaff, removeStaff } from '../../services/staff';
import { teamData } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';

const TEXT = {
  inviteStaff: '邀请店员',
  inviteManager: '邀请店长',
  invite: (code: string, minutes: number) => `邀请码 ${code}，${minutes} 分钟内有效，只能用一次`,
  remove: '移除',
  confirmRemove: (name: string) => `确定移除「${name}」？`,
  unnamed: '未命名',
};

function row(member: StaffMember) {
  return {
    openid: member.openid,
    name: member.name || `${TEXT.unnamed} …${member.openid.slice(-4)}`,
    role: STAFF_ROLE_LABELS[member.role],
    removable: member.role !== 'owner',
  };
}

ComponentWithStore({
  data: { text: TEXT, invite: { text: '', qrcode: '' } },
  storeBindings: {
    store: teamData,
    structuralComparison: true,
    fields: {
      ...consoleFields(teamData),
      members: () => (teamData.value ?? []).map(row),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      void teamData.open(parseStaffQuery(query).storeId);
    },
    async onInvite(
      event: WechatMiniprogram.TouchEvent<object, object, { role: 'staff' | 'manager' }>,
    ) {
      try {
        const invite = await inviteStaff(teamData.storeId, event.currentTarget.dataset.role);
        const minutes = Math.round((invite.expiresAt - Date.now()) / 60_000);
        this.setData({
          invite: { text: TEXT.invite(invite.code, minutes), qrcode: invite.qrcode },
        });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
    async onRemove(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const member = row((teamData.value ?? [])[Number(event.currentTarget.dataset.index)]);
      const { confirm } = await wx.showModal({
        title: '',
        content: TEXT.confirmRemove(member.name),
      });
      if (!confirm) return;
      const refusal = await teamData.change((storeId) => removeStaff(storeId, member.openid));
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
    },
  },
});
