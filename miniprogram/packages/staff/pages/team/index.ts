// The store's team: who is staff (managers and owners see the list), invitations by a
// short-lived code and its QR code, and removal (owners; the server enforces both).
import { STAFF_ROLE_LABELS, type StaffMember } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { inviteStaff, removeStaff, staffMembers } from '../../../../services/staff';
import { storePage } from '../../store-page';

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

Component({
  behaviors: [storePage],
  data: {
    text: TEXT,
    members: [] as ReturnType<typeof row>[],
    invite: { text: '', qrcode: '' },
  },
  methods: {
    load(): Promise<void> {
      return this.loadInto(staffMembers, (members) => ({ members: members.map(row) }));
    },
    async onInvite(
      event: WechatMiniprogram.TouchEvent<object, object, { role: 'staff' | 'manager' }>,
    ) {
      try {
        const invite = await inviteStaff(this.data.storeId, event.currentTarget.dataset.role);
        const minutes = Math.round((invite.expiresAt - Date.now()) / 60_000);
        this.setData({
          invite: { text: TEXT.invite(invite.code, minutes), qrcode: invite.qrcode },
        });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
    async onRemove(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const member = this.data.members[Number(event.currentTarget.dataset.index)];
      const { confirm } = await wx.showModal({
        title: '',
        content: TEXT.confirmRemove(member.name),
      });
      if (!confirm) return;
      try {
        const members = await removeStaff(this.data.storeId, member.openid);
        this.setData({ members: members.map(row) });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
  },
});
